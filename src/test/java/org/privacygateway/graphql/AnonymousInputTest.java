package org.privacygateway.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.privacygateway.support.GraphQL;
import org.privacygateway.support.LogCapture;

/** Whatever an anonymous caller sends, the answer is at worst VALIDATION and the log gets nothing above INFO. */
@QuarkusTest
class AnonymousInputTest {

    static final String CO_BRAND = "query($h: String!) { coBrand(host: $h) { partnerName } }";

    @Test
    void aBadCoBrandHostIsValidationAndLogsNoError() {
        try (LogCapture log = LogCapture.start()) {
            for (String host : List.of("travel.marketplace.example\u0000", "\u0000", "trav\u0000el.marketplace.example",
                    "a".repeat(254), "a".repeat(3_000), "travel.marketplace.example\u001b[0m", "\uD800",
                    "travel.marketplace.example/../x", "trävel.marketplace.example", "travel marketplace", "%00",
                    "' or 1=1 --")) {
                GraphQL.post(null, CO_BRAND, Map.of("h", host))
                        .statusCode(200)
                        .body("data.coBrand", nullValue())
                        .body("errors[0].extensions.code", equalTo("VALIDATION"))
                        .body("errors[0].message", containsString("'host'"));
            }
            // Larger than an anonymous request may be: refused before the body is read.
            given().contentType(ContentType.JSON).body(Map.of("query", CO_BRAND, "variables", Map.of("h", "a".repeat(50_000))))
                    .post("/graphql").then().statusCode(413).body("errors[0].extensions.code", equalTo("VALIDATION"));
            // A good host still works, whatever its case.
            GraphQL.post(null, CO_BRAND, Map.of("h", " Travel.Marketplace.Example ")).body("errors", nullValue())
                    .body("data.coBrand.partnerName", equalTo("Skyway Travel"));
            // Anonymous calls of other operations with bad arguments: refused, never an error in the log.
            GraphQL.post(null, "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }",
                    Map.of("id", "pw_\u0000")).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
            GraphQL.post(null, "query($a: String) { consentChanges(after: $a) { edges { cursor } } }",
                    Map.of("a", "\u0000")).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
            var loud = log.atLeast(Level.WARNING);
            assertTrue(loud.isEmpty(), "anonymous input was logged at WARN or above: " + loud);
        }
    }
}
