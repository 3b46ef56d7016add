package org.privacygateway.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NonNullType;
import graphql.language.NullValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;

import org.privacygateway.masking.Purpose;

/**
 * A partner read document compiled once: the operation chosen, every field checked against the member read surface
 * ({@link ReadSurface}), {@code @skip}/{@code @include} kept as conditions. Per request, {@link #bind} coerces the
 * variables and gives the merged selection tree, with the same field collection rules as graphql-java (conditions
 * first, then merge by response key, in order of first appearance).
 *
 * <p>A plan holds what the document selects, not what its fragments expand to. Fields are merged by response key
 * while the document is compiled: a selection set in which nothing depends on a variable is kept merged (a fragment
 * spreading another twice, eight levels deep, down to {@code { id email phone }}, is three fields), and each
 * fragment is compiled once and shared by all its spreads. Only a selection set with a condition on a variable is
 * kept as written, and it is merged per request, again once per fragment. Compiling and binding are so linear in
 * the document (times its nesting), whatever its fragments do, and {@link #bytes} estimates what a plan keeps.
 *
 * <p>A plan exists only for documents it can answer exactly as the generic engine would; anything else (a mutation,
 * an unknown field, a directive other than skip/include, a variable type it does not coerce) has no plan, and the
 * generic engine serves it. Binding refuses (returns null) on any variable value that is not plainly valid, for the
 * same reason: the generic engine then gives the error.
 */
final class ReadPlan {

    /** A condition from {@code @skip(if:)} or {@code @include(if:)}: a literal or a variable. */
    record Condition(boolean include, Boolean literal, String variable) {
        boolean holds(Map<String, Object> variables) {
            Object value = variable == null ? literal : variables.get(variable);
            if (!(value instanceof Boolean b)) {
                // Not a usable condition (a null or missing variable): the generic engine answers with the error.
                throw new NotServed();
            }
            return b == include;
        }
    }

    /**
     * A selection set as compiled: {@code merged} when nothing in it depends on a variable (the same tree for every
     * request), else {@code written}, its selections as written, merged per request. Parts are shared: every spread
     * of a fragment refers to the fragment's one part.
     */
    static final class Part {
        final LinkedHashMap<String, Node> merged;
        final List<Written> written;

        private Part(LinkedHashMap<String, Node> merged, List<Written> written) {
            this.merged = merged;
            this.written = written;
        }
    }

    /** A selection as written: a field, or a group (inline fragment or fragment spread) of selections. */
    sealed interface Written permits WrittenField, WrittenGroup {
    }

    record WrittenField(String key, String name, String type, Map<String, Value<?>> arguments,
            List<Condition> conditions, Part children) implements Written {
    }

    record WrittenGroup(List<Condition> conditions, Part children) implements Written {
    }

    /** A field of the merged selection tree; {@code type} is the object type of its value, null for a leaf. */
    static final class Node {
        final String key;
        final String name;
        final String type;
        final Map<String, Value<?>> arguments;
        final LinkedHashMap<String, Node> children = new LinkedHashMap<>();

        Node(String key, String name, String type, Map<String, Value<?>> arguments) {
            this.key = key;
            this.name = name;
            this.type = type;
            this.arguments = arguments;
        }
    }

    /** A variable as declared: its name, the named type, whether it is non-null, its default. */
    record Variable(String name, String type, boolean nonNull, Value<?> defaultValue) {
    }

    private static final Set<String> VARIABLE_TYPES = Set.of("ID", "String", "Int", "Boolean", "Purpose");

    private final Part root;
    private final List<Variable> variables;
    private final long bytes;

    private ReadPlan(Part root, List<Variable> variables) {
        this.root = root;
        this.variables = variables;
        this.bytes = PlanSize.of(root, variables);
    }

    /**
     * The plan of a document already validated against the schema, or null when this path does not serve it.
     *
     * @param operationName the request's operation name, or null
     */
    static ReadPlan compile(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition operation = null;
        if (operationName == null) {
            operation = operations.size() == 1 ? operations.get(0) : null;
        } else {
            for (OperationDefinition o : operations) {
                if (operationName.equals(o.getName())) {
                    operation = o;
                }
            }
        }
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY
                || !operation.getDirectives().isEmpty()) {
            return null;
        }
        List<Variable> variables = new ArrayList<>();
        for (VariableDefinition v : operation.getVariableDefinitions()) {
            Type<?> type = v.getType();
            boolean nonNull = type instanceof NonNullType;
            if (nonNull) {
                type = ((NonNullType) type).getType();
            }
            if (!(type instanceof TypeName named) || !VARIABLE_TYPES.contains(named.getName())
                    || !v.getDirectives().isEmpty()) {
                return null;
            }
            variables.add(new Variable(v.getName(), named.getName(), nonNull, v.getDefaultValue()));
        }
        Compilation compilation = new Compilation(document);
        Part root = compilation.part(operation.getSelectionSet(), ReadSurface.QUERY, 0);
        if (root == null || !servesMemberReads(root)) {
            return null;
        }
        return new ReadPlan(root, List.copyOf(variables));
    }

    /** What the plan keeps, estimated in bytes ({@link PlanSize}). */
    long bytes() {
        return bytes;
    }

    /** The selection tree kept for every request, or null when it depends on variables (for tests). */
    LinkedHashMap<String, Node> constantTree() {
        return root.merged;
    }

    /** Only documents that read members: the rest (who am I, statistics, change feed) stay on the generic engine. */
    private static boolean servesMemberReads(Part part) {
        if (part.merged != null) {
            return part.merged.values().stream().anyMatch(n -> n.name.equals("member") || n.name.equals("members"));
        }
        boolean reads = false;
        for (Written w : part.written) {
            if (w instanceof WrittenField f) {
                reads |= f.name().equals("member") || f.name().equals("members");
            } else if (w instanceof WrittenGroup g) {
                reads |= servesMemberReads(g.children());
            }
        }
        return reads;
    }

    /** One compilation of one document: each fragment is compiled once, whatever number of spreads use it. */
    private static final class Compilation {
        private final Map<String, FragmentDefinition> fragments = new HashMap<>();
        private final Map<String, Part> compiled = new HashMap<>();
        private final Set<String> compiling = new HashSet<>();

        Compilation(Document document) {
            for (FragmentDefinition f : document.getDefinitionsOfType(FragmentDefinition.class)) {
                fragments.put(f.getName(), f);
            }
        }

        /** A selection set on an object type, merged when nothing in it depends on a variable; null if not served. */
        Part part(SelectionSet set, String type, int depth) {
            if (set == null || depth > 64) {
                return null;
            }
            List<Written> out = new ArrayList<>();
            boolean variable = false;
            for (Selection<?> selection : set.getSelections()) {
                Written written;
                if (selection instanceof Field field) {
                    List<Condition> conditions = conditions(field.getDirectives());
                    String child = ReadSurface.fieldType(type, field.getName());
                    if (conditions == null || child == null) {
                        return null;
                    }
                    Map<String, Value<?>> arguments = Map.of();
                    if (!field.getArguments().isEmpty()) {
                        LinkedHashMap<String, Value<?>> given = new LinkedHashMap<>();
                        for (Argument a : field.getArguments()) {
                            given.put(a.getName(), a.getValue());
                        }
                        arguments = given;
                    }
                    Part children = LEAF;
                    if (!child.isEmpty()) {
                        children = part(field.getSelectionSet(), child, depth + 1);
                        if (children == null) {
                            return null;
                        }
                    } else if (field.getSelectionSet() != null && !field.getSelectionSet().getSelections().isEmpty()) {
                        return null;
                    }
                    String key = field.getAlias() != null ? field.getAlias() : field.getName();
                    written = new WrittenField(key, field.getName(), child.isEmpty() ? null : child, arguments,
                            conditions, children);
                } else if (selection instanceof InlineFragment inline) {
                    List<Condition> conditions = conditions(inline.getDirectives());
                    if (conditions == null || (inline.getTypeCondition() != null
                            && !inline.getTypeCondition().getName().equals(type))) {
                        return null;
                    }
                    Part children = part(inline.getSelectionSet(), type, depth + 1);
                    if (children == null) {
                        return null;
                    }
                    written = new WrittenGroup(conditions, children);
                } else if (selection instanceof FragmentSpread spread) {
                    List<Condition> conditions = conditions(spread.getDirectives());
                    Part children = conditions == null ? null : fragment(spread.getName(), type, depth + 1);
                    if (children == null) {
                        return null;
                    }
                    written = new WrittenGroup(conditions, children);
                } else {
                    return null;
                }
                variable |= dependsOnVariables(written);
                out.add(written);
            }
            if (variable) {
                return new Part(null, mergeRuns(out));
            }
            return merged(out);
        }

        private static Part merged(List<Written> selections) {
            LinkedHashMap<String, Node> merged = new LinkedHashMap<>();
            collect(selections, Map.of(), merged, null);
            return new Part(merged, null);
        }

        /**
         * Selections as written, each run of two or more that depend on no variable merged into one group: collecting
         * the run's merged tree in its place is collecting the run (collection is associative), and the plan keeps
         * only what a condition on a variable separates.
         */
        private static List<Written> mergeRuns(List<Written> selections) {
            List<Written> out = new ArrayList<>();
            int i = 0;
            while (i < selections.size()) {
                int end = i;
                while (end < selections.size() && !dependsOnVariables(selections.get(end))) {
                    end++;
                }
                if (end - i >= 2) {
                    out.add(new WrittenGroup(List.of(), merged(selections.subList(i, end))));
                    i = end;
                } else {
                    out.add(selections.get(i));
                    i++;
                }
            }
            return List.copyOf(out);
        }

        private Part fragment(String name, String type, int depth) {
            FragmentDefinition definition = fragments.get(name);
            if (definition == null || !definition.getDirectives().isEmpty()
                    || !definition.getTypeCondition().getName().equals(type)) {
                return null;
            }
            Part known = compiled.get(name);
            if (known != null) {
                return known;
            }
            if (!compiling.add(name)) {
                return null; // a cycle: validation refuses it first
            }
            Part part = part(definition.getSelectionSet(), type, depth);
            compiling.remove(name);
            if (part != null) {
                compiled.put(name, part);
            }
            return part;
        }
    }

    /** The children of a leaf: none. Shared by every leaf. */
    private static final Part LEAF = new Part(new LinkedHashMap<>(), null);

    private static boolean dependsOnVariables(Written w) {
        List<Condition> conditions = w instanceof WrittenField f ? f.conditions() : ((WrittenGroup) w).conditions();
        Part children = w instanceof WrittenField f ? f.children() : ((WrittenGroup) w).children();
        return children.merged == null || conditions.stream().anyMatch(c -> c.variable() != null);
    }

    private static List<Condition> conditions(List<Directive> directives) {
        List<Condition> conditions = new ArrayList<>(directives.size());
        for (Directive d : directives) {
            boolean include;
            if (d.getName().equals("include")) {
                include = true;
            } else if (d.getName().equals("skip")) {
                include = false;
            } else {
                return null;
            }
            Argument arg = d.getArgument("if");
            if (arg == null || d.getArguments().size() != 1) {
                return null;
            }
            if (arg.getValue() instanceof BooleanValue b) {
                conditions.add(new Condition(include, b.isValue(), null));
            } else if (arg.getValue() instanceof VariableReference v) {
                conditions.add(new Condition(include, null, v.getName()));
            } else {
                return null;
            }
        }
        return List.copyOf(conditions);
    }

    /** The coerced variables and the merged selection tree of one request; null when the generic engine must answer. */
    Bound bind(JsonNode given) {
        if (given != null && !given.isNull() && !given.isObject()) {
            return null;
        }
        Map<String, Object> values = new HashMap<>();
        for (Variable v : variables) {
            JsonNode raw = given == null || given.isNull() ? null : given.get(v.name());
            Object value;
            if (raw == null) {
                if (v.defaultValue() == null) {
                    if (v.nonNull()) {
                        return null;
                    }
                    continue; // not provided: an argument using it takes its own default
                }
                value = literal(v.defaultValue(), v.type());
                if (value == Unusable.VALUE) {
                    return null;
                }
            } else {
                value = coerce(raw, v.type());
                if (value == Unusable.VALUE || (value == null && v.nonNull())) {
                    return null;
                }
            }
            values.put(v.name(), value);
        }
        try {
            if (root.merged != null) {
                return new Bound(values, root.merged);
            }
            LinkedHashMap<String, Node> tree = new LinkedHashMap<>();
            collect(root, values, tree, new IdentityHashMap<>());
            return new Bound(values, tree);
        } catch (NotServed e) {
            return null;
        }
    }

    /** Thrown while binding when this path cannot serve the request as the generic engine would. */
    static final class NotServed extends RuntimeException {
        NotServed() {
            super(null, null, false, false);
        }
    }

    record Bound(Map<String, Object> variables, LinkedHashMap<String, Node> tree) {

        /** An argument's value: the literal or the variable's, {@link Unusable#MISSING} when neither is given. */
        Object argument(Node field, String name, String type) {
            Value<?> value = field.arguments.get(name);
            if (value == null) {
                return Unusable.MISSING;
            }
            if (value instanceof VariableReference ref) {
                return variables.containsKey(ref.getName()) ? variables.get(ref.getName()) : Unusable.MISSING;
            }
            return literal(value, type);
        }
    }

    /** Markers for values this path does not use. */
    enum Unusable {
        VALUE,
        MISSING
    }

    private static Object coerce(JsonNode raw, String type) {
        if (raw.isNull()) {
            return null;
        }
        return switch (type) {
            case "String", "ID" -> raw.isTextual() ? raw.textValue() : Unusable.VALUE;
            case "Int" -> raw.isInt() ? raw.intValue() : Unusable.VALUE;
            case "Boolean" -> raw.isBoolean() ? raw.booleanValue() : Unusable.VALUE;
            case "Purpose" -> raw.isTextual() ? purpose(raw.textValue()) : Unusable.VALUE;
            default -> Unusable.VALUE;
        };
    }

    static Object literal(Value<?> value, String type) {
        if (value instanceof NullValue) {
            return null;
        }
        if (value instanceof StringValue s && (type.equals("String") || type.equals("ID"))) {
            return s.getValue();
        }
        if (value instanceof IntValue i && type.equals("Int") && i.getValue().bitLength() < 32) {
            return i.getValue().intValue();
        }
        if (value instanceof BooleanValue b && type.equals("Boolean")) {
            return b.isValue();
        }
        if (value instanceof EnumValue e && type.equals("Purpose")) {
            return purpose(e.getName());
        }
        return Unusable.VALUE;
    }

    private static Object purpose(String name) {
        for (Purpose p : Purpose.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return Unusable.VALUE;
    }

    /**
     * graphql-java's field collection: conditions, then merge by response key in order of first appearance. Merging
     * a part's merged tree into a selection is the same as collecting the part's selections there (collection is
     * associative), so a written part is merged once per request ({@code memo}) and copied into each place that
     * spreads it: the work is bounded by the merged trees' sizes times the spreads, never by the expansion.
     */
    private static void collect(Part part, Map<String, Object> variables, LinkedHashMap<String, Node> into,
            IdentityHashMap<Part, LinkedHashMap<String, Node>> memo) {
        LinkedHashMap<String, Node> merged = part.merged;
        if (merged == null) {
            merged = memo.get(part);
            if (merged == null) {
                merged = new LinkedHashMap<>();
                collect(part.written, variables, merged, memo);
                memo.put(part, merged);
            }
        }
        copy(merged, into);
    }

    private static void collect(List<Written> selections, Map<String, Object> variables,
            LinkedHashMap<String, Node> into, IdentityHashMap<Part, LinkedHashMap<String, Node>> memo) {
        for (Written w : selections) {
            if (w instanceof WrittenField f) {
                if (!holds(f.conditions(), variables)) {
                    continue;
                }
                Node node = into.computeIfAbsent(f.key(), k -> new Node(k, f.name(), f.type(), f.arguments()));
                collect(f.children(), variables, node.children, memo);
            } else if (w instanceof WrittenGroup g && holds(g.conditions(), variables)) {
                collect(g.children(), variables, into, memo);
            }
        }
    }

    /** Merges a tree into another by response key; the source is never changed or shared. */
    private static void copy(LinkedHashMap<String, Node> from, LinkedHashMap<String, Node> into) {
        for (Node n : from.values()) {
            Node node = into.computeIfAbsent(n.key, k -> new Node(k, n.name, n.type, n.arguments));
            copy(n.children, node.children);
        }
    }

    private static boolean holds(List<Condition> conditions, Map<String, Object> variables) {
        for (Condition c : conditions) {
            if (!c.holds(variables)) {
                return false;
            }
        }
        return true;
    }
}
