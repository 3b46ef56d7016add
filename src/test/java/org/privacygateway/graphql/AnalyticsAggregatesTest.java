package org.privacygateway.graphql;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ANALYTICS;
import static org.privacygateway.support.Fixtures.request;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.AudienceStats;
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

    @Inject
    AudienceStats stats;

    static final String STATS = "{ audienceStats { total k rounding byCountry { key count } byAgeBand { key count }"
            + " periodStart takenAt } }";

    /** Moves the clock to an hour into the next UTC day, so a test has a whole period before it. */
    private void startOfNextPeriod() {
        Instant now = clock.instant();
        Instant next = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(Duration.ofHours(1));
        clock.advance(Duration.between(now, next));
    }

    private Member analyticsMember(Partner partner, String label, String country, int age) {
        Member m = fixtures.member(label);
        fixtures.update(m.id, x -> {
            x.country = country;
            x.birthDate = LocalDate.now(ZoneOffset.UTC).minusYears(age).minusDays(40);
        });
        fixtures.grant(m, partner, ADDRESS, ANALYTICS, FULL);
        return m;
    }

    private static void assertOnlyWithinRounding(Map<String, Object> before, Map<String, Object> after) {
        int rounding = (Integer) after.get("rounding");
        assertWithin("total", (Integer) before.get("total"), (Integer) after.get("total"), rounding);
        for (String dimension : List.of("byCountry", "byAgeBand")) {
            Map<String, Integer> was = counts(before.get(dimension));
            Map<String, Integer> now = counts(after.get(dimension));
            for (String key : was.keySet()) {
                assertWithin(dimension + " " + key, was.get(key), now.get(key), rounding);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> counts(Object buckets) {
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, Object> b : (List<Map<String, Object>>) buckets) {
            counts.put((String) b.get("key"), (Integer) b.get("count"));
        }
        return counts;
    }

    private static void assertWithin(String what, Integer was, Integer now, int rounding) {
        assertTrue(was != null && now != null, what + " appeared or disappeared: " + was + " -> " + now);
        assertEquals(0, now % rounding, what + " is not rounded: " + now);
        assertTrue(Math.abs(now - was) <= rounding, what + " moved by more than one rounding step: " + was + " -> " + now);
    }

    @Test
    void aRevocationSeenInTheChangeFeedCannotBeTracedInTheStatistics() {
        startOfNextPeriod();
        Partner partner = fixtures.partner(Fixtures.unique("diff"), request(ADDRESS, ANALYTICS, FULL));
        String token = Tokens.partner(partner.clientId);
        // 21 members as in the review: Norway 11 and age band 45-54 11 hold the member who will revoke.
        Member revoker = analyticsMember(partner, "Leaver", "NO", 50);
        for (int i = 0; i < 10; i++) {
            analyticsMember(partner, "North" + i, "NO", 50);
        }
        for (int i = 0; i < 10; i++) {
            analyticsMember(partner, "Dane" + i, "DK", 30);
        }
        // One member alone in a country and an age band: left out, and counted nowhere.
        analyticsMember(partner, "Lone", "IS", 70);

        GraphQL.post(token, STATS)
                .body("errors[0].extensions.code", equalTo("UNAVAILABLE"))
                .body("errors[0].message", containsString("not yet available"));
        assertTrue(stats.takeDue() >= 1, "a snapshot for the new analytics partner");
        assertEquals(0, stats.takeDue(), "at most one snapshot per partner per period");

        var first = GraphQL.post(token, STATS).body("errors", nullValue())
                .body("data.audienceStats.total", equalTo(20)) // 22, rounded
                .body("data.audienceStats.byCountry.key", contains("DK", "NO"))
                .body("data.audienceStats.byCountry.find { it.key == 'NO' }.count", equalTo(10)) // 11, rounded
                .body("data.audienceStats.byAgeBand.key", contains("25-34", "45-54"))
                .body("data.audienceStats.byAgeBand.find { it.key == '45-54' }.count", equalTo(10)) // 11, rounded
                .extract();
        String before = first.asString();
        assertFalse(before.contains("IS") || before.contains("65+"), before);
        Map<String, Object> beforeStats = first.path("data.audienceStats");

        // The member revokes; the partner sees who, by pairwise id, in its change feed.
        GraphQL.post(Tokens.member(revoker.subject),
                "mutation($p: ID!) { revokeConsent(partnerId: $p, purpose: ANALYTICS) { action } }",
                Map.of("p", partner.id)).body("errors", nullValue());
        GraphQL.post(token, "{ consentChanges { edges { node { type memberId purpose } } } }")
                .body("data.consentChanges.edges.node.memberId", contains(fixtures.pairwise(partner, revoker)))
                .body("data.consentChanges.edges.node.type", contains("REVOKED"));

        // Until the next snapshot, the statistics do not move at all, however often the job runs.
        clock.advance(Duration.ofHours(20));
        assertEquals(0, stats.takeDue());
        Map<String, Object> unchanged = GraphQL.post(token, STATS).body("errors", nullValue())
                .extract().path("data.audienceStats");
        assertEquals(beforeStats, unchanged);

        // The next period's snapshot: the change shows only within rounding (here not at all).
        clock.advance(Duration.ofHours(4));
        assertTrue(stats.takeDue() >= 1);
        var second = GraphQL.post(token, STATS).body("errors", nullValue()).extract();
        Map<String, Object> afterStats = second.path("data.audienceStats");
        assertNotEquals(beforeStats.get("periodStart"), afterStats.get("periodStart"));
        assertOnlyWithinRounding(beforeStats, afterStats);
        assertEquals(beforeStats.get("total"), afterStats.get("total"));
        assertEquals(counts(beforeStats.get("byCountry")), counts(afterStats.get("byCountry")));
        assertEquals(counts(beforeStats.get("byAgeBand")), counts(afterStats.get("byAgeBand")));
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
