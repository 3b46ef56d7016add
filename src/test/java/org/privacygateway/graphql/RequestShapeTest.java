package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.ErrorHygiene;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** What reaches the executor at all: one JSON request, within limits; and per-partner rate limits. */
@QuarkusTest
class RequestShapeTest {

    @Inject
    Fixtures fixtures;

    Partner partner(int perMinute) {
        Partner p = fixtures.partner(Fixtures.unique("shape"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.setRateLimit(p.id, perMinute);
        return p;
    }

    @Test
    void aQueryOverALimitIsRefusedBeforeItRunsNamingTheLimit() {
        Partner p = partner(6000);
        long events = fixtures.accessEventCount();
        String deep = "{ members(purpose: ORDER_FULFILLMENT) { edges { node { company { address { city } } } } } }";
        GraphQL.post(Tokens.partner(p.clientId), deep).body("errors", nullValue());
        String tooDeep = "{ a: members(purpose: ORDER_FULFILLMENT) { edges { node { company { address { city { x { y { z { w { v { u } } } } } } } } } } } }";
        GraphQL.post(Tokens.partner(p.clientId), tooDeep)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("deeper than 10 levels"));
        StringBuilder aliases = new StringBuilder("{ ");
        for (int i = 0; i < 16; i++) {
            aliases.append("m").append(i).append(": partner { id } ");
        }
        GraphQL.post(Tokens.partner(p.clientId), aliases.append("}").toString())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("15 aliases"));
        assertEquals(events, fixtures.accessEventCount());
    }

    @Test
    void batchedRequestsAreRefused() {
        String body = given().contentType(ContentType.JSON).auth().oauth2(Tokens.partner(partner(6000).clientId))
                .body(List.of(Map.of("query", "{ partner { id } }"), Map.of("query", "{ partner { id } }")))
                .post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("VALIDATION")).extract().asString();
        ErrorHygiene.check(400, body);
    }

    @Test
    void getAndFormPostsAreRefused() {
        given().queryParam("query", "{ partner { id } }").get("/graphql").then().statusCode(405);
        given().contentType(ContentType.URLENC).formParam("query", "{ partner { id } }").post("/graphql").then().statusCode(415);
    }

    @Test
    void aBodyOver64KiBIs413() {
        String huge = "{ partner { id } }" + " ".repeat(70 * 1024);
        given().contentType(ContentType.JSON).body(Map.of("query", huge)).post("/graphql").then().statusCode(413);
    }

    @Test
    void anUnparseableQueryIsValidation() {
        GraphQL.post(null, "{ members(purpose: ORDER_FULFILLMENT { edges ")
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void typenameStillWorks() {
        GraphQL.post(null, "{ __typename }").body("data.__typename", equalTo("Query"));
    }

    @Test
    void aFloodIsThrottledWith429WithoutThrottlingAnotherPartner() {
        Partner flooding = partner(5);
        Partner calm = partner(5);
        for (int i = 0; i < 5; i++) {
            GraphQL.post(Tokens.partner(flooding.clientId), "{ partner { id } }").statusCode(200).body("errors", nullValue());
        }
        var limited = GraphQL.post(Tokens.partner(flooding.clientId), "{ partner { id } }")
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .header("Link", equalTo("<" + flooding.policyUrl + ">; rel=\"privacy-policy\""))
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"));
        assertNotEquals("0", limited.extract().header("Retry-After"));
        GraphQL.post(Tokens.partner(calm.clientId), "{ partner { id } }").statusCode(200).body("data.partner.id", equalTo(calm.id));
    }
}
