package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.privacygateway.error.ErrorCode;

class QueryLimitsTest {

    /** The authenticated budget of the default configuration. */
    static final QueryLimits.Budget DEFAULT = new QueryLimits.Budget(16384, 2000, 10, 1000, 15, 16);
    /** A budget with room for any bomb below, so that only the measurement, not the parser, can refuse it. */
    static final QueryLimits.Budget ROOMY = new QueryLimits.Budget(1_000_000, 100_000, 10, 1000, 15, 1000);

    final QueryLimits limits = new QueryLimits(DEFAULT);

    static String nested(int depth) {
        return "{ " + "a { ".repeat(depth - 1) + "b" + " }".repeat(depth - 1) + " }";
    }

    void admitted(QueryLimits limits, String query) {
        QueryLimits.Verdict v = limits.check(query);
        assertTrue(v.admitted(), v.refusal());
    }

    void refused(String query, ErrorCode code, String mentioned) {
        QueryLimits.Verdict v = limits.check(query);
        assertFalse(v.admitted(), "admitted: " + query);
        assertEquals(code, v.code());
        assertTrue(v.refusal().contains(mentioned), v.refusal());
    }

    @Test
    void depthIsCountedThroughFragments() {
        admitted(limits, nested(10));
        refused(nested(11), ErrorCode.QUERY_TOO_COMPLEX, "deeper than 10 levels");
        refused("{ a { ...F } } fragment F on T { " + "b { ".repeat(9) + "c" + " }".repeat(9) + " }",
                ErrorCode.QUERY_TOO_COMPLEX, "deeper than 10");
        refused("{ a { ... on T { " + "b { ".repeat(9) + "c" + " }".repeat(9) + " } } }", ErrorCode.QUERY_TOO_COMPLEX,
                "deeper than 10");
    }

    /** Verdicts are remembered: a refusal must not hold what the caller sent, however long its names. */
    @Test
    void refusalsQuoteAtMostTheStartOfALongName() {
        String name = "F" + "x".repeat(16_000);
        for (String query : new String[] { "{ a } fragment " + name + " on T { b }",
                "{ a { ..." + name + " } }",
                "{ a { ...F } } fragment F on T { b } fragment F on T { c } fragment " + name + " on T { b }",
                "{ a { ..." + name + " } } fragment " + name + " on T { ..." + name + " }",
                "{ a { ...F } } fragment F on T { b } fragment F on T { c }" }) {
            QueryLimits.Verdict v = new QueryLimits(ROOMY).check(query);
            assertFalse(v.admitted());
            assertTrue(v.refusal().length() <= 120, v.refusal().length() + " characters");
        }
        refused("{ a } fragment " + name + " on T { b }", ErrorCode.VALIDATION,
                "Fragment '" + name.substring(0, QueryLimits.MAX_QUOTED_NAME) + "...' is never used.");
    }

    @Test
    void fieldsAreCountedWithFragmentsExpanded() {
        String fragment = "fragment F on T { " + "x ".repeat(100) + "}";
        admitted(limits, "{ " + "a { ...F } ".repeat(9) + "}" + fragment);
        refused("{ " + "a { ...F } ".repeat(10) + "} " + fragment, ErrorCode.QUERY_TOO_COMPLEX, "more than 1000 fields");
    }

    @Test
    void aliasesAreCountedWithFragmentsExpanded() {
        StringBuilder q = new StringBuilder("{ ");
        for (int i = 0; i < 16; i++) {
            q.append("a").append(i).append(": x ");
        }
        refused(q.append("}").toString(), ErrorCode.QUERY_TOO_COMPLEX, "more than 15 aliases");
        refused("{ ...F ...F } fragment F on Query { " + "a: x b: x c: x d: x e: x f: x g: x h: x }",
                ErrorCode.QUERY_TOO_COMPLEX, "more than 15 aliases");
    }

    @Test
    void tokensAndCharactersAreCountedWhileParsing() {
        refused("{ " + "x ".repeat(2100) + "}", ErrorCode.QUERY_TOO_COMPLEX, "more than 2000 tokens");
        refused("{ x(a: \"" + "y".repeat(17_000) + "\") }", ErrorCode.QUERY_TOO_COMPLEX, "longer than 16384 characters");
    }

    @Test
    void deeplyNestedArgumentValuesAreRefusedByTheParser() {
        refused("{ x(a: " + "[".repeat(500) + "1" + "]".repeat(500) + ") }", ErrorCode.QUERY_TOO_COMPLEX, "nests deeper");
        refused("{ x(a: " + "{a: ".repeat(300) + "1" + "}".repeat(300) + ") }", ErrorCode.QUERY_TOO_COMPLEX, "nests deeper");
    }

    @Test
    void fragmentMistakesAreRefusedBeforeAnyWalk() {
        refused("{ a { ...F } } fragment F on T { b { ...G } } fragment G on T { c { ...F } }", ErrorCode.VALIDATION,
                "spreads itself");
        refused("{ a { ...Missing } }", ErrorCode.VALIDATION, "Unknown fragment 'Missing'");
        refused("{ a } fragment F on T { b }", ErrorCode.VALIDATION, "never used");
        refused("{ a { ...F } } fragment F on T { b } fragment F on T { c }", ErrorCode.VALIDATION, "only one fragment");
        refused("fragment F on T { b }", ErrorCode.VALIDATION, "no operation");
        refused("type Query { a: Int }", ErrorCode.VALIDATION, "not type definitions");
    }

    @Test
    void unparseableIsValidation() {
        refused("{ members(purpose: X { id ", ErrorCode.VALIDATION, "not valid GraphQL");
    }

    // Fragment bombs: each level's fragment spreads the next one several times, so the expanded query doubles (or
    // triples) per level. The measurement must not expand them.

    static String chain(int levels, IntFunction<String> level, String leaf) {
        StringBuilder q = new StringBuilder("{ ...F0 }\n");
        for (int i = 0; i < levels; i++) {
            q.append("fragment F").append(i).append(" on Query { ").append(level.apply(i + 1)).append(" }\n");
        }
        q.append("fragment F").append(levels).append(" on Query { ").append(leaf).append(" }\n");
        return q.toString();
    }

    static Stream<Arguments> bombs() {
        return Stream.of(
                Arguments.of("doubling to an undefined leaf", (IntFunction<String>) d -> chain(d, n -> "...F" + n + " ...F" + n, "...Undefined")),
                Arguments.of("doubling to a field", (IntFunction<String>) d -> chain(d, n -> "...F" + n + " ...F" + n, "__typename")),
                Arguments.of("tripling to a field", (IntFunction<String>) d -> chain(d, n -> "...F" + n + " ...F" + n + " ...F" + n, "__typename")),
                Arguments.of("doubling through inline fragments", (IntFunction<String>) d -> chain(d, n -> "... on Query { ...F" + n + " } ... { ...F" + n + " }", "__typename")),
                Arguments.of("doubling with directives on the spreads", (IntFunction<String>) d -> chain(d, n -> "...F" + n + " @skip(if: true) ...F" + n + " @include(if: $x)", "__typename")),
                Arguments.of("doubling through aliased fields", (IntFunction<String>) d -> chain(d, n -> "a: __typename ...F" + n + " ...F" + n, "__typename")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bombs")
    void fragmentBombsAreRefusedInTimeLinearInTheirSize(String shape, IntFunction<String> bomb) {
        QueryLimits roomy = new QueryLimits(ROOMY);
        long previousWork = 0;
        for (int depth : new int[] { 25, 50, 100, 200 }) {
            String query = bomb.apply(depth);
            // The old walker took 7.7 s at 26 levels and never finished at 60: 2^depth.
            QueryLimits.Verdict verdict = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> roomy.check(query));
            assertFalse(verdict.admitted(), shape + " at " + depth + " levels was admitted");
            QueryLimits.Verdict defaults = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> limits.check(query));
            assertFalse(defaults.admitted(), shape + " at " + depth + " levels was admitted by the default budget");
            // The work done never exceeds a small multiple of the query's size.
            assertTrue(verdict.work() <= 4L * query.length(), shape + ": " + verdict.work() + " nodes for " + query.length() + " characters");
            assertTrue(verdict.work() >= previousWork, "work shrinks with depth");
            previousWork = verdict.work();
        }
    }

    @Test
    void theMeasurementVisitsEachSelectionOnceWhateverTheExpansion() {
        QueryLimits unlimited = new QueryLimits(new QueryLimits.Budget(1_000_000, 100_000, 10_000, Integer.MAX_VALUE,
                Integer.MAX_VALUE, 1000));
        // 40 levels of doubling expand to 2^40 fields; all of it admitted by an unlimited budget, yet measured by
        // visiting each written selection once: 1 in the operation, 2 in each of F0..F39, 1 in F40.
        String bomb = chain(40, n -> "...F" + n + " ...F" + n, "__typename");
        QueryLimits.Verdict verdict = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> unlimited.check(bomb));
        assertTrue(verdict.admitted(), verdict.refusal());
        assertEquals(82, verdict.work());
    }

    @Test
    void fragmentNestingIsBounded() {
        QueryLimits roomy = new QueryLimits(new QueryLimits.Budget(1_000_000, 100_000, 10, 1000, 15, 16));
        QueryLimits.Verdict v = roomy.check(chain(40, n -> "...F" + n, "__typename"));
        assertEquals(ErrorCode.QUERY_TOO_COMPLEX, v.code());
        assertTrue(v.refusal().contains("nested more than 16"), v.refusal());
        assertTrue(roomy.check(chain(10, n -> "...F" + n, "__typename")).admitted());
    }
}
