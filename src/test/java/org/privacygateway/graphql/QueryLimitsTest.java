package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;

class QueryLimitsTest {

    final QueryLimits limits = new QueryLimits(10, 1000, 15, 2000);

    static String nested(int depth) {
        return "{ " + "a { ".repeat(depth - 1) + "b" + " }".repeat(depth - 1) + " }";
    }

    void tooComplex(String query, String mentioned) {
        GatewayException e = assertThrows(GatewayException.class, () -> limits.check(query));
        assertEquals(ErrorCode.QUERY_TOO_COMPLEX, e.code());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void depthIsCountedThroughFragments() {
        assertDoesNotThrow(() -> limits.check(nested(10)));
        tooComplex(nested(11), "deeper than 10 levels");
        tooComplex("{ a { ...F } } fragment F on T { " + "b { ".repeat(9) + "c" + " }".repeat(9) + " }", "deeper than 10");
        tooComplex("{ a { ... on T { " + "b { ".repeat(9) + "c" + " }".repeat(9) + " } } }", "deeper than 10");
    }

    @Test
    void fieldsAreCountedWithFragmentsExpanded() {
        String fragment = "fragment F on T { " + "x ".repeat(100) + "}";
        String tenSpreads = "{ " + "a { ...F } ".repeat(9) + "}";
        assertDoesNotThrow(() -> limits.check(tenSpreads + fragment));
        tooComplex("{ " + "a { ...F } ".repeat(10) + "} " + fragment, "more than 1000 fields");
    }

    @Test
    void aliasesAreCounted() {
        StringBuilder q = new StringBuilder("{ ");
        for (int i = 0; i < 16; i++) {
            q.append("a").append(i).append(": x ");
        }
        tooComplex(q.append("}").toString(), "more than 15 aliases");
    }

    @Test
    void tokensAreCountedWhileParsing() {
        tooComplex("{ " + "x ".repeat(2100) + "}", "more than 2000 tokens");
    }

    @Test
    void fragmentCyclesDoNotLoopForever() {
        assertDoesNotThrow(() -> limits.check("{ a { ...F } } fragment F on T { b { ...G } } fragment G on T { c { ...F } }"));
    }

    @Test
    void unparseableIsValidation() {
        GatewayException e = assertThrows(GatewayException.class, () -> limits.check("{ members(purpose: X { id "));
        assertEquals(ErrorCode.VALIDATION, e.code());
    }
}
