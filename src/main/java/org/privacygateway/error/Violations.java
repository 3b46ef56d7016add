package org.privacygateway.error;

import java.util.Comparator;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;

/** Bean Validation results in the gateway's words: the first broken rule as a VALIDATION error naming its field. */
public final class Violations {

    private Violations() {
    }

    /** Throws a {@link ErrorCode#VALIDATION} error for the first violation (by field path), if there is one. */
    public static <T> T check(Set<ConstraintViolation<T>> violations, T value) {
        violations.stream().min(Comparator.comparing(v -> fieldPath(v.getPropertyPath())))
                .ifPresent(v -> {
                    String field = fieldPath(v.getPropertyPath());
                    throw GatewayException.invalidField(field, "Field '" + field + "' " + v.getMessage() + ".");
                });
        return value;
    }

    /** {@code address.country}, {@code hosts[0]}: as the field appears in the input, never a Java name. */
    public static String fieldPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null && !out.isEmpty()) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(node.getName());
            }
        }
        return out.toString();
    }
}
