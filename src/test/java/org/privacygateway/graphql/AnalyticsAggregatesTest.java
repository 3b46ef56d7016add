package org.privacygateway.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ANALYTICS;
import static org.privacygateway.support.Fixtures.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.TestClock;
import org.privacygateway.support.Tokens;

/** ANALYTICS leaves the gateway only as aggregates, from a scheduled snapshot, rounded and suppressed under k. */
@QuarkusTest
class AnalyticsAggregatesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Partner analyticsPartner() {
        // EMAIL for ANALYTICS declared too: even a (too wide) declaration never turns into an individual read.
        return fixtures.partner(Fixtures.unique("stats"), request(ADDRESS, ANALYTICS, FULL), request(EMAIL, ANALYTICS, FULL));
    }

    @Test
    void everyIndividualReadWithAnalyticsIsRefused() {
        Partner partner = analyticsPartner();
        Member member = fixtures.member("Stat");
        fixtures.grant(member, partner, ADDRESS, ANALYTICS, FULL);
        fixtures.grant(member, partner, EMAIL, ANALYTICS, FULL);
        String token = Tokens.partner(partner.clientId);
        String known = fixtures.pairwise(partner, member);
        String unknown = "pw_AAAAAAAAAAAAAAAAAAAAAA";

        List<String> queries = List.of(
                "{ member(id: \"" + known + "\", purpose: ANALYTICS) { id } }",
                "{ member(id: \"" + unknown + "\", purpose: ANALYTICS) { id } }",
                "{ member(id: \"" + known + "\", purpose: ANALYTICS) { email address { country } access { reason } } }",
                "{ members(purpose: ANALYTICS) { edges { node { id } } } }",
                "{ members(purpose: ANALYTICS, first: 1) { edges { cursor } pageInfo { hasNextPage } } }",
                "{ members(purpose: ANALYTICS, after: \"" + known + "\") { edges { node { id } } } }",
                "{ a: members(purpose: ANALYTICS) { edges { node { __typename } } } }",
                "query($p: Purpose!) { member(id: \"" + known + "\", purpose: $p) { id } }",
                "query($p: Purpose!) { members(purpose: $p) { edges { node { id } } } }");
        for (String query : queries) {
            Map<String, Object> variables = new HashMap<>();
            if (query.contains("$p")) {
                variables.put("p", "ANALYTICS");
            }
            String body = GraphQL.post(token, query, variables)
                    .statusCode(200)
                    .body("errors", hasSize(1))
                    .body("errors[0].extensions.code", equalTo("VALIDATION"))
                    .body("errors[0].message", containsString("only as aggregates"))
                    .body("errors[0].message", containsString("audienceStats"))
                    .extract().asString();
            org.hamcrest.MatcherAssert.assertThat(query, body, org.hamcrest.Matchers.not(containsString(known)));
        }
        assertEquals(0, fixtures.accessEvents(partner.id).size(), "a refused read reads nobody");
    }
}
