package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The request envelope and the strict scalars, without the application: media types, fields, number bounds. */
class RequestEnvelopeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final QueryLimits LIMITS = new QueryLimits(new QueryLimits.Budget(4096, 500, 10, 100, 15, 5));

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
            "application/json;charset=UTF-8", "application/json ; charset=\"utf-8\"", "application/json; foo=bar" })
    void jsonMediaTypes(String type) {
        assertTrue(RequestEnvelope.isJson(type), type);
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/jsonfoo", "application/json-patch+json", "application/graphql",
            "text/json", "application/json; charset=iso-8859-1", "", "application/x-www-form-urlencoded" })
    void otherMediaTypes(String type) {
        assertFalse(RequestEnvelope.isJson(type), type);
    }

    @Test
    void envelopeFields() throws Exception {
        assertNull(RequestEnvelope.problem(JSON.readTree(
                "{\"query\":\"{ a }\",\"operationName\":null,\"variables\":null,\"extensions\":{}}")));
        assertNull(RequestEnvelope.problem(JSON.readTree("{\"query\":\"{ a }\",\"operationName\":\"A\",\"variables\":{}}")));
        for (String bad : new String[] { "{\"query\":\"{ a }\",\"variables\":[]}", "{\"query\":\"{ a }\",\"operationName\":1}",
                "{\"query\":\"{ a }\",\"extensions\":\"x\"}", "{\"query\":\" \"}", "{}", "[]", "1", "null" }) {
            assertNotNull(RequestEnvelope.problem(JSON.readTree(bad)), bad);
        }
    }

    @Test
    void aNullReadByACondition() throws Exception {
        String skip = "query($b: Boolean = true) { a @skip(if: $b) }";
        assertNotNull(RequestEnvelope.nullCondition(LIMITS, JSON.readTree(body(skip, "{\"b\":null}"))));
        assertNull(RequestEnvelope.nullCondition(LIMITS, JSON.readTree(body(skip, "{\"b\":false}"))));
        // Null into a nullable argument is allowed; so is a null for a variable no condition reads.
        assertNull(RequestEnvelope.nullCondition(LIMITS, JSON.readTree(body("query($n: Int = 2) { a(n: $n) }", "{\"n\":null}"))));
        // Through a fragment, in the operation named.
        String named = "query A($b: Boolean = true) { ...F } query B { a } fragment F on Query { a @include(if: $b) }";
        assertNotNull(RequestEnvelope.nullCondition(LIMITS,
                JSON.readTree("{\"query\":\"" + named + "\",\"operationName\":\"A\",\"variables\":{\"b\":null}}")));
    }

    private static String body(String query, String variables) {
        return "{\"query\":\"" + query.replace("\"", "\\\"") + "\",\"variables\":" + variables + "}";
    }

    @Test
    void intTakesWholeNumbersInRangeOnly() {
        var accepts = StrictInputs.EXPECTED.get("Int").accepts();
        for (Object ok : new Object[] { 0, -2147483648L, 2147483647, new BigDecimal("5.0"), new BigDecimal("3E+2"),
                BigInteger.TEN, 7.0 }) {
            assertTrue(accepts.test(ok), String.valueOf(ok));
        }
        for (Object bad : new Object[] { 2147483648L, -2147483649L, new BigDecimal("1.5"), new BigDecimal("3E+9"),
                new BigDecimal("1E+400"), new BigDecimal("1E+999999999"), new BigDecimal("1E-999999999"), "5", true,
                Double.NaN, Double.POSITIVE_INFINITY, 0.5 }) {
            assertFalse(accepts.test(bad), String.valueOf(bad));
        }
    }

    @Test
    void otherScalars() {
        assertTrue(StrictInputs.EXPECTED.get("Float").accepts().test(new BigDecimal("1.5")));
        assertFalse(StrictInputs.EXPECTED.get("Float").accepts().test(new BigDecimal("1E+400")));
        assertFalse(StrictInputs.EXPECTED.get("Float").accepts().test("1.5"));
        assertTrue(StrictInputs.EXPECTED.get("ID").accepts().test("pw_x"));
        assertTrue(StrictInputs.EXPECTED.get("ID").accepts().test(new BigDecimal("12")));
        assertFalse(StrictInputs.EXPECTED.get("ID").accepts().test(new BigDecimal("1.5")));
        assertTrue(StrictInputs.EXPECTED.get("Date").accepts().test("2024-02-29"));
        assertFalse(StrictInputs.EXPECTED.get("Date").accepts().test("2023-02-29"));
        assertTrue(StrictInputs.EXPECTED.get("DateTime").accepts().test("2024-12-31T23:59:00Z"));
        assertFalse(StrictInputs.EXPECTED.get("DateTime").accepts().test("soon"));
        assertEquals("Int takes a whole number from -2147483648 to 2147483647.",
                StrictInputs.expectation("Variable 'n' has an invalid value: Int takes a whole number from -2147483648"
                        + " to 2147483647.").orElseThrow());
    }
}
