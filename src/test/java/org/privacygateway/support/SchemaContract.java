package org.privacygateway.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Description;
import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;

/**
 * The rules of the published schema, on SDL text: a canonical form (so two SDLs compare line by line whatever order
 * their printer chose), the elements that lack a description, and the elements removed without a prior deprecation.
 * Parsed with graphql-java, the parser SmallRye GraphQL itself builds on.
 */
public final class SchemaContract {

    private SchemaContract() {
    }

    /** The SDL as graphql-java prints it: types, fields, arguments and enum values sorted by name. */
    public static String canonical(String sdl) {
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
                .includeScalarTypes(true)
                .includeSchemaDefinition(false)
                .includeIntrospectionTypes(false)
                .includeDirectiveDefinitions(false)
                .includeDirectives(true));
        return printer.print(UnExecutableSchemaGenerator.makeUnExecutableSchema(registry)).strip() + "\n";
    }

    /**
     * Every type, field, argument, input field and enum value without a description, as {@code Type},
     * {@code Type.field}, {@code Type.field(argument)} or {@code Enum.VALUE}. Built-in scalars aside.
     */
    public static List<String> undescribed(String sdl) {
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        List<String> missing = new ArrayList<>();
        for (TypeDefinition<?> type : registry.types().values()) {
            String name = type.getName();
            if (!described(descriptionOf(type))) {
                missing.add(name);
            }
            if (type instanceof ObjectTypeDefinition o) {
                fields(name, o.getFieldDefinitions(), missing);
            } else if (type instanceof InterfaceTypeDefinition i) {
                fields(name, i.getFieldDefinitions(), missing);
            } else if (type instanceof InputObjectTypeDefinition in) {
                for (InputValueDefinition f : in.getInputValueDefinitions()) {
                    if (!described(f.getDescription())) {
                        missing.add(name + "." + f.getName());
                    }
                }
            } else if (type instanceof EnumTypeDefinition e) {
                for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
                    if (!described(v.getDescription())) {
                        missing.add(name + "." + v.getName());
                    }
                }
            }
        }
        for (ScalarTypeDefinition scalar : registry.scalars().values()) {
            if (!ScalarInfo.isGraphqlSpecifiedScalar(scalar.getName()) && !described(scalar.getDescription())) {
                missing.add(scalar.getName());
            }
        }
        missing.sort(null);
        return missing;
    }

    /**
     * What the {@code current} SDL removed from the {@code released} one without the released one marking it
     * {@code @deprecated} first: types, fields, arguments, input fields and enum values, as in {@link #undescribed}.
     * An element of a deprecated field (its arguments) goes with it.
     */
    public static List<String> removedWithoutDeprecation(String released, String current) {
        Map<String, Element> before = elements(released);
        Set<String> after = elements(current).keySet();
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, Element> e : before.entrySet()) {
            if (!after.contains(e.getKey()) && !e.getValue().deprecated()) {
                refused.add(e.getKey());
            }
        }
        refused.sort(null);
        return refused;
    }

    private record Element(boolean deprecated) {
    }

    private static Map<String, Element> elements(String sdl) {
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        Map<String, Element> all = new java.util.TreeMap<>();
        for (TypeDefinition<?> type : registry.types().values()) {
            String name = type.getName();
            // A type has no @deprecated in GraphQL: it may go once every field that returned it was deprecated and
            // removed, which the field rule already guards; only its members are checked here.
            all.put(name, new Element(true));
            if (type instanceof ObjectTypeDefinition o) {
                fieldElements(name, o.getFieldDefinitions(), all);
            } else if (type instanceof InterfaceTypeDefinition i) {
                fieldElements(name, i.getFieldDefinitions(), all);
            } else if (type instanceof InputObjectTypeDefinition in) {
                for (InputValueDefinition f : in.getInputValueDefinitions()) {
                    all.put(name + "." + f.getName(), new Element(deprecated(f)));
                }
            } else if (type instanceof EnumTypeDefinition e) {
                for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
                    all.put(name + "." + v.getName(), new Element(deprecated(v)));
                }
            } else if (type instanceof UnionTypeDefinition) {
                // its members are types, checked as types
            }
        }
        return all;
    }

    private static void fieldElements(String type, List<FieldDefinition> fields, Map<String, Element> all) {
        for (FieldDefinition f : fields) {
            boolean fieldDeprecated = deprecated(f);
            all.put(type + "." + f.getName(), new Element(fieldDeprecated));
            for (InputValueDefinition a : f.getInputValueDefinitions()) {
                all.put(type + "." + f.getName() + "(" + a.getName() + ")", new Element(fieldDeprecated || deprecated(a)));
            }
        }
    }

    private static boolean deprecated(DirectivesContainer<?> element) {
        return element.hasDirective("deprecated");
    }

    private static void fields(String type, List<FieldDefinition> fields, List<String> missing) {
        for (FieldDefinition f : fields) {
            if (!described(f.getDescription())) {
                missing.add(type + "." + f.getName());
            }
            for (InputValueDefinition a : f.getInputValueDefinitions()) {
                if (!described(a.getDescription())) {
                    missing.add(type + "." + f.getName() + "(" + a.getName() + ")");
                }
            }
        }
    }

    private static Description descriptionOf(TypeDefinition<?> type) {
        if (type instanceof ObjectTypeDefinition o) {
            return o.getDescription();
        } else if (type instanceof InterfaceTypeDefinition i) {
            return i.getDescription();
        } else if (type instanceof InputObjectTypeDefinition in) {
            return in.getDescription();
        } else if (type instanceof EnumTypeDefinition e) {
            return e.getDescription();
        } else if (type instanceof UnionTypeDefinition u) {
            return u.getDescription();
        } else if (type instanceof ScalarTypeDefinition s) {
            return s.getDescription();
        }
        return null;
    }

    private static boolean described(Description d) {
        return d != null && d.getContent() != null && !d.getContent().isBlank();
    }

    /**
     * A unified-style diff of two texts, line by line (longest common subsequence), with {@code context} lines of
     * context around each change; empty when they are equal.
     */
    public static String diff(String expectedName, String expected, String actualName, String actual, int context) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // Each line of the edit script: ' ', '-' or '+', with its line numbers in a and b.
        List<String[]> script = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                script.add(new String[] {" ", a[i]});
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                script.add(new String[] {"-", a[i]});
                i++;
            } else {
                script.add(new String[] {"+", b[j]});
                j++;
            }
        }
        Set<Integer> shown = new HashSet<>();
        for (int k = 0; k < script.size(); k++) {
            if (!script.get(k)[0].equals(" ")) {
                for (int c = Math.max(0, k - context); c <= Math.min(script.size() - 1, k + context); c++) {
                    shown.add(c);
                }
            }
        }
        if (shown.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("--- " + expectedName + "\n+++ " + actualName + "\n");
        int lineA = 1;
        int lineB = 1;
        boolean inHunk = false;
        for (int k = 0; k < script.size(); k++) {
            String op = script.get(k)[0];
            if (shown.contains(k)) {
                if (!inHunk) {
                    out.append("@@ -").append(lineA).append(" +").append(lineB).append(" @@\n");
                    inHunk = true;
                }
                out.append(op).append(script.get(k)[1]).append('\n');
            } else {
                inHunk = false;
            }
            if (!op.equals("+")) {
                lineA++;
            }
            if (!op.equals("-")) {
                lineB++;
            }
        }
        return out.toString();
    }
}
