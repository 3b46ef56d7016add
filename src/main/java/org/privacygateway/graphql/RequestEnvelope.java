package org.privacygateway.graphql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;

/**
 * The shape of a GraphQL request as sent over HTTP, checked before SmallRye GraphQL reads it: SmallRye takes each
 * field on trust, and a field of the wrong JSON type there is an exception (HTTP 500, an ERROR in the log) instead of
 * the caller's mistake. Pure: the gate turns each problem into a 400 (415 for the media type) with VALIDATION.
 */
final class RequestEnvelope {

    private RequestEnvelope() {
    }

    /**
     * Whether a {@code Content-Type} is JSON: exactly {@code application/json} (any case), with parameters or none;
     * a charset, when given, must be UTF-8 (the body is read as UTF-8). {@code application/jsonfoo} or
     * {@code application/json-patch+json} are other media types.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(eq + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * What is wrong with a parsed body as one GraphQL request, in words for the caller; null when nothing is.
     * {@code query} is a non-blank string; {@code operationName} absent, null or a string; {@code variables} and
     * {@code extensions} absent, null or an object.
     */
    static String problem(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return "The body is empty: send a JSON object with a 'query' string.";
        }
        if (body.isArray()) {
            return "Batched requests are not supported: send one request per call.";
        }
        if (!body.isObject()) {
            return "The body must be a JSON object with a 'query' string.";
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual() || query.textValue().isBlank()) {
            return "The body needs a 'query' string.";
        }
        JsonNode operationName = body.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            return "'operationName' must be a string or null.";
        }
        for (String field : List.of("variables", "extensions")) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                return "'" + field + "' must be a JSON object or null.";
            }
        }
        return null;
    }

    /**
     * A variable given as null that {@code @skip(if:)} or {@code @include(if:)} reads, where its declared default let
     * it be used there: graphql-java does not refuse that null but fails on it while collecting fields, which would be
     * a server error. The message for the caller, or null. Reads the document again only when a variable is null.
     */
    static String nullCondition(QueryLimits limits, JsonNode body) {
        JsonNode variables = body.get("variables");
        if (variables == null || !variables.isObject()) {
            return null;
        }
        Set<String> nulls = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isNull()) {
                nulls.add(entry.getKey());
            }
        }
        if (nulls.isEmpty()) {
            return null;
        }
        Document document;
        try {
            document = limits.parse(body.get("query").textValue());
        } catch (RuntimeException e) {
            return null; // the gate admitted it; what SmallRye makes of it is its answer
        }
        JsonNode name = body.get("operationName");
        Set<String> defaulted = new HashSet<>();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            boolean chosen = name == null || name.isNull() || name.textValue().equals(operation.getName());
            if (!chosen) {
                continue;
            }
            for (VariableDefinition v : operation.getVariableDefinitions()) {
                if (nulls.contains(v.getName()) && v.getDefaultValue() != null
                        && !(v.getDefaultValue() instanceof NullValue)) {
                    defaulted.add(v.getName());
                }
            }
        }
        if (defaulted.isEmpty()) {
            return null;
        }
        // Every node once, without recursion: the parser has bounded the document's size and nesting.
        Deque<Node<?>> pending = new ArrayDeque<>();
        pending.push(document);
        while (!pending.isEmpty()) {
            Node<?> node = pending.pop();
            if (node instanceof Directive d && (d.getName().equals("skip") || d.getName().equals("include"))) {
                Argument condition = d.getArgument("if");
                if (condition != null && condition.getValue() instanceof VariableReference ref
                        && defaulted.contains(ref.getName())) {
                    return "Variable '" + ref.getName() + "' is null, but @" + d.getName() + " needs true or false.";
                }
            }
            for (Node<?> child : node.getChildren()) {
                pending.push(child);
            }
        }
        return null;
    }
}
