package org.privacygateway.partner;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML document read into a JSON tree, with the line of every field and list item, so a rule broken anywhere in
 * the tree can be reported at the line the author wrote it. Paths are written as in error messages:
 * {@code requests[0].category}; the document itself is {@code ""}.
 */
record LocatedYaml(JsonNode root, Map<String, Integer> lines) {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A YAML syntax error, or a field given twice: where, and what. */
    static final class SyntaxProblem extends Exception {
        final int line;
        final String field;

        SyntaxProblem(int line, String field, String message) {
            super(message, null, false, false);
            this.line = line;
            this.field = field;
        }
    }

    /** @return the document, or null when the text holds no document at all */
    static LocatedYaml read(String text) throws SyntaxProblem {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode root = value(parser, "", lines);
            return new LocatedYaml(root, Map.copyOf(lines));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SyntaxProblem(Math.max(line, 0), "(file)", "is not valid YAML" + yamlProblem(e));
        } catch (IOException e) {
            throw new SyntaxProblem(0, "(file)", "cannot be read");
        }
    }

    /** The line of a path, or of the nearest enclosing field or item that has one; 0 when none has. */
    int lineOf(String path) {
        String at = path;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 0;
            }
            at = parent(at);
        }
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static JsonNode value(JsonParser p, String path, Map<String, Integer> lines)
            throws IOException, SyntaxProblem {
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    int line = p.currentTokenLocation().getLineNr();
                    if (object.has(name)) {
                        throw new SyntaxProblem(line, child, "is given twice");
                    }
                    lines.put(child, line);
                    p.nextToken();
                    object.set(name, value(p, child, lines));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String item = path + "[" + i++ + "]";
                    lines.put(item, p.currentTokenLocation().getLineNr());
                    array.add(value(p, item, lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new SyntaxProblem(p.currentTokenLocation().getLineNr(), path.isEmpty() ? "(file)" : path,
                    "holds something that is not a value");
        }
    }

    /** The YAML parser's own short description of the problem (never the parser's class names or a stack). */
    private static String yamlProblem(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
            return ": " + marked.getProblem().strip();
        }
        String original = e.getOriginalMessage();
        if (original == null || original.isBlank()) {
            return "";
        }
        String firstLine = original.strip().lines().findFirst().orElse("");
        return firstLine.length() > 160 ? "" : ": " + firstLine;
    }
}
