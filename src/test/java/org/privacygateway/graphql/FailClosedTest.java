package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.RestartablePostgresResource;
import org.privacygateway.support.Tokens;
import org.privacygateway.support.Management;

/** With the database stopped mid-run the gateway answers 503 UNAVAILABLE with no data, and recovers by itself. */
@QuarkusTest
@TestProfile(FailClosedTest.Profile.class)
class FailClosedTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S",
                    "quarkus.datasource.jdbc.validate-on-borrow", "true",
                    "quarkus.datasource.jdbc.background-validation-interval", "1S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestartablePostgresResource.class),
                    new TestResourceEntry(OidcWiremockTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    Fixtures fixtures;

    static final String QUERY = "{ members(purpose: ORDER_FULFILLMENT) { edges { node { email } } } }";

    @Test
    void stopsServingWhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("down"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Down");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        String token = Tokens.partner(partner.clientId);
        GraphQL.post(token, QUERY).statusCode(200).body("data.members.edges[0].node.email", equalTo("down@mail.example"));

        RestartablePostgresResource.stopDatabase();
        try {
            // The partner lookup itself fails: still 503, never 401, and no member data.
            GraphQL.post(token, QUERY)
                    .statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("UNAVAILABLE"));
            GraphQL.post(token, "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }",
                    Map.of("id", fixtures.pairwise(partner, member)))
                    .statusCode(503)
                    .body("data.member", nullValue())
                    .body("errors[0].extensions.code", equalTo("UNAVAILABLE"));
            Management.given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            RestartablePostgresResource.startDatabase();
        }

        boolean recovered = false;
        for (int attempt = 0; attempt < 60 && !recovered; attempt++) {
            recovered = given().contentType("application/json").auth().oauth2(token).body(Map.of("query", QUERY))
                    .post("/graphql").statusCode() == 200;
            if (!recovered) {
                Thread.sleep(500);
            }
        }
        assertTrue(recovered, "the gateway did not recover after the database came back");
        GraphQL.post(token, QUERY).statusCode(200).body("data.members.edges[0].node.email", equalTo("down@mail.example"));
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
