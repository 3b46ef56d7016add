package org.privacygateway.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

import org.privacygateway.error.ErrorCode;

/**
 * An error as the caller sees it: message, locations, path and {@code extensions.code}; nothing else. {@code input}
 * (never written out) marks a refusal of the request's variables or operation name, which makes the response a 400
 * when nothing was served.
 */
record ClientError(String message, List<SourceLocation> locations, List<Object> path, ErrorCode code, boolean input)
        implements GraphQLError {

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    private static final ErrorClassification GATEWAY = ErrorClassification.errorClassification("GATEWAY");

    /** Never written out (see {@link #toSpecification()}), but the HTTP layer reads it. */
    @Override
    public ErrorClassification getErrorType() {
        return GATEWAY;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("code", code.name());
    }

    @Override
    public Map<String, Object> toSpecification() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            spec.put("locations", locations.stream()
                    .map(l -> Map.of("line", l.getLine(), "column", l.getColumn()))
                    .collect(Collectors.toList()));
        }
        if (path != null && !path.isEmpty()) {
            spec.put("path", path);
        }
        spec.put("extensions", getExtensions());
        return spec;
    }
}
