package org.privacygateway.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

/**
 * {@code partners/partner.schema.json}, applied as it is: every rule a single partner must meet on its own (fields,
 * types, patterns, lengths, ranges, URLs, e-mail) lives in the schema and nowhere else. Breaches are reworded for a
 * partner manager: by the rule's own {@code x-message} in the schema where it has one, else by the kind of rule.
 */
public final class PartnerSchema {

    /** Where the build puts the schema file on the class path. */
    static final String RESOURCE = "/partners/partner.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PartnerSchema shipped;

    private final JsonNode document;
    private final Schema schema;

    /** One breach of the schema: the field as written in messages ({@code requests[0].level}) and why. */
    record Breach(String field, String reason) {
    }

    private PartnerSchema(JsonNode document) {
        this.document = document;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        this.schema = registry.getSchema(document);
    }

    /** The schema shipped with the gateway. */
    public static PartnerSchema shipped() {
        PartnerSchema s = shipped;
        if (s == null) {
            try (InputStream in = PartnerSchema.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The partner schema is missing from the application");
                }
                s = new PartnerSchema(JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("The partner schema cannot be read", e);
            }
            shipped = s;
        }
        return s;
    }

    /** A schema of one's own: for tests that show the gateway follows whatever the schema says. */
    public static PartnerSchema of(JsonNode document) {
        return new PartnerSchema(document);
    }

    /** Every breach of the schema by one partner document, in document order. */
    List<Breach> check(JsonNode partner) {
        List<Error> errors = schema.validate(partner, context -> context.executionConfig(
                config -> config.formatAssertionsEnabled(false)));
        List<Breach> breaches = new ArrayList<>();
        for (Error error : errors) {
            Breach b = breach(error);
            if (!breaches.contains(b)) {
                breaches.add(b);
            }
        }
        breaches.sort(Comparator.comparing(Breach::field));
        return breaches;
    }

    private Breach breach(Error error) {
        String at = path(error.getInstanceLocation());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode rule = ruleOf(error.getSchemaLocation());
        String custom = rule.path("x-message").path(keyword).asText(null);
        switch (keyword) {
            case "required" -> {
                return new Breach(child(at, error.getProperty()), "is required");
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                return new Breach(child(at, error.getProperty()), "is not a known field");
            }
            default -> {
            }
        }
        String field = at.isEmpty() ? "(file)" : at;
        if (custom != null) {
            return new Breach(field, custom);
        }
        return new Breach(field, switch (keyword) {
            case "type" -> typeWords(rule.path("type").asText(""));
            case "enum" -> enumWords(error.getInstanceNode(), rule.path("enum"));
            case "const" -> "must be " + rule.path("const").asText();
            case "minLength" -> rule.path("minLength").asInt() <= 1 ? "must not be empty"
                    : "must be at least " + rule.path("minLength").asInt() + " characters";
            case "maxLength" -> "is longer than " + rule.path("maxLength").asInt() + " characters";
            case "minimum" -> "must be at least " + rule.path("minimum").asText();
            case "maximum" -> "must be at most " + rule.path("maximum").asText();
            case "minItems" -> "must list at least " + rule.path("minItems").asInt() + " item(s)";
            case "maxItems" -> "must list at most " + rule.path("maxItems").asInt() + " item(s)";
            case "uniqueItems" -> "lists the same value twice";
            case "pattern" -> "does not have the form the partner schema asks for";
            case "format" -> "is not a valid " + rule.path("format").asText("value");
            default -> "breaks the partner schema's '" + keyword + "' rule";
        });
    }

    /** The schema object that holds the broken keyword, found by the keyword's location in the schema document. */
    private JsonNode ruleOf(SchemaLocation location) {
        NodePath fragment = location == null ? null : location.getFragment();
        if (fragment == null || fragment.getNameCount() == 0) {
            return document;
        }
        JsonNode node = document;
        for (int i = 0; i < fragment.getNameCount() - 1; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
        }
        return node;
    }

    static String path(NodePath instance) {
        StringBuilder path = new StringBuilder();
        if (instance == null) {
            return "";
        }
        for (int i = 0; i < instance.getNameCount(); i++) {
            Object element = instance.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(element);
            }
        }
        return path.toString();
    }

    private static String child(String at, String property) {
        if (property == null) {
            return at.isEmpty() ? "(file)" : at;
        }
        return at.isEmpty() ? property : at + "." + property;
    }

    private static String typeWords(String type) {
        return switch (type) {
            case "string" -> "must be text";
            case "integer" -> "must be a whole number";
            case "number" -> "must be a number";
            case "array" -> "must be a list";
            case "object" -> "must be a set of fields (name: value)";
            case "boolean" -> "must be true or false";
            default -> "has the wrong type";
        };
    }

    private static String enumWords(JsonNode value, JsonNode allowed) {
        List<String> names = new ArrayList<>();
        allowed.forEach(n -> names.add(n.asText()));
        String given = value != null && value.isTextual() ? value.asText() : null;
        // The value is echoed only when it is short plain text: a message never carries control characters.
        boolean echo = given != null && given.length() <= 64 && given.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return (echo ? "'" + given + "' is" : "is") + " not one of " + String.join(", ", names);
    }
}
