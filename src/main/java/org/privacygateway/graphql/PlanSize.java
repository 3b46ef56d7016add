package org.privacygateway.graphql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.EnumValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;

/**
 * What a {@link ReadPlan} keeps, estimated in bytes from what it holds, for a 64-bit JVM with compressed references.
 * An estimate that errs high: strings are counted as UTF-16 and once per place that refers to them.
 *
 * <pre>
 * plan      = 64 + Σ variables (48 + string(name) + value(default)) + parts
 * part      = 32 + (merged: map(n) + Σ nodes | written: 16 + 8·n + Σ selections)    counted once however many spreads share it
 * node      = 48 + 48 (its entry in its parent's map) + map(children) + string(key) + string(name) + arguments + Σ children
 * selection = 48 (a field: + string(key) + string(name) + arguments) or 24 (a group) + conditions
 * conditions = 16 + Σ (32 + string(variable))
 * arguments = 0 when none, else map(n) + Σ (48 + string(name) + value)
 * value     = 40, + string(s) for a string literal, + string(name) for a variable or enum, + 56 for an int
 * string(s) = 40 + 2·length
 * map(n)    = 64 + 4·table (table: the power of two holding n at load factor 0.75, at least 16 once used)
 * </pre>
 *
 * Measured against the heap (2,000 plans of one document kept, heap after collection, their names shared with the
 * document): the review's fragment bomb is estimated at 1.9 KB and took 1.1 KB, a page of every member field
 * 12.8 KB and 7.4 KB, the widest plan the gate admits (a condition on a variable between every two fields) 53 KB
 * and 25 KB.
 */
final class PlanSize {

    private PlanSize() {
    }

    static long of(ReadPlan.Part root, List<ReadPlan.Variable> variables) {
        long bytes = 64;
        for (ReadPlan.Variable v : variables) {
            bytes += 48 + string(v.name()) + (v.defaultValue() == null ? 0 : value(v.defaultValue()));
        }
        return bytes + part(root, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static long part(ReadPlan.Part part, Set<ReadPlan.Part> counted) {
        if (!counted.add(part)) {
            return 0;
        }
        if (part.merged != null) {
            return 32 + nodes(part.merged);
        }
        long bytes = 32 + 16 + 8L * part.written.size();
        for (ReadPlan.Written w : part.written) {
            if (w instanceof ReadPlan.WrittenField f) {
                bytes += 48 + string(f.key()) + string(f.name()) + arguments(f.arguments()) + conditions(f.conditions())
                        + part(f.children(), counted);
            } else if (w instanceof ReadPlan.WrittenGroup g) {
                bytes += 24 + conditions(g.conditions()) + part(g.children(), counted);
            }
        }
        return bytes;
    }

    private static long nodes(Map<String, ReadPlan.Node> nodes) {
        long bytes = map(nodes.size());
        for (ReadPlan.Node n : nodes.values()) {
            bytes += 48 + 48 + string(n.key) + string(n.name) + arguments(n.arguments) + nodes(n.children);
        }
        return bytes;
    }

    private static long conditions(List<ReadPlan.Condition> conditions) {
        long bytes = 16;
        for (ReadPlan.Condition c : conditions) {
            bytes += 32 + (c.variable() == null ? 0 : string(c.variable()));
        }
        return bytes;
    }

    private static long arguments(Map<String, Value<?>> arguments) {
        if (arguments.isEmpty()) {
            return 0;
        }
        long bytes = map(arguments.size());
        for (Map.Entry<String, Value<?>> a : arguments.entrySet()) {
            bytes += 48 + string(a.getKey()) + value(a.getValue());
        }
        return bytes;
    }

    private static long value(Value<?> value) {
        if (value instanceof StringValue s) {
            return 40 + string(s.getValue());
        }
        if (value instanceof VariableReference v) {
            return 40 + string(v.getName());
        }
        if (value instanceof EnumValue e) {
            return 40 + string(e.getName());
        }
        return value instanceof IntValue ? 40 + 56 : 40;
    }

    static long string(String s) {
        return s == null ? 0 : 40 + 2L * s.length();
    }

    static long map(int entries) {
        if (entries == 0) {
            return 64;
        }
        int table = 16;
        while (table * 3L / 4 < entries) {
            table <<= 1;
        }
        return 64 + 4L * table;
    }
}
