package org.privacygateway.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ACCOUNT_LINKING;
import static org.privacygateway.masking.Purpose.ANALYTICS;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.audit.RetentionJob;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.TestClock;
import org.privacygateway.support.Tokens;

/** The source policy's promises, each proved end to end through /graphql. */
@QuarkusTest
class PolicyRulesTest {

    static final String PUBLISH = "mutation($in: PolicyVersionInput!) { publishPolicyVersion(input: $in) { version effectiveAt matrix { category purposes } } }";
    static final String POLICY = "{ privacyPolicy { current { version url } upcoming { version summary effectiveAt } } }";

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    RetentionJob retention;

    final String admin = Tokens.admin("ada");
    final List<Integer> published = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        clock.reset();
        published.forEach(fixtures::deletePolicy);
    }

    /** The next free version number: above every version there is. */
    int nextVersion() {
        return fixtures.maxPolicyVersion() + 1;
    }

    Map<String, Object> draft(int version, Instant effectiveAt, Map<DataCategory, Set<Purpose>> matrix) {
        List<Map<String, Object>> entries = new ArrayList<>();
        matrix.forEach((c, purposes) -> entries.add(Map.of("category", c.name(), "purposes", purposes.stream().map(Enum::name).toList())));
        Map<String, Object> in = new HashMap<>();
        in.put("version", version);
        in.put("url", "https://privacy-gateway.example/policy/v" + version);
        in.put("summary", "Version " + version + " changes what partners may receive.");
        in.put("effectiveAt", effectiveAt.toString());
        in.put("matrix", entries);
        return in;
    }

    int publish(Map<DataCategory, Set<Purpose>> matrix, Duration inFuture) {
        int version = nextVersion();
        GraphQL.post(admin, PUBLISH, Map.of("in", draft(version, Instant.now().plus(inFuture), matrix)))
                .body("errors", nullValue())
                .body("data.publishPolicyVersion.version", equalTo(version));
        published.add(version);
        return version;
    }

    @Test
    void aVersionAnnouncedInAdvanceTakesEffectByDateWithoutRestart() {
        int version = publish(fixtures.matrixOf(1), Duration.ofDays(31));
        GraphQL.post(null, POLICY)
                .body("data.privacyPolicy.current.version", not(equalTo(version)))
                .body("data.privacyPolicy.upcoming.version", hasItem(version));
        clock.advance(Duration.ofDays(32));
        GraphQL.post(null, POLICY)
                .body("data.privacyPolicy.current.version", equalTo(version))
                .body("data.privacyPolicy.upcoming.version", not(hasItem(version)));
    }

    @Test
    void tooShortANoticeIsRefusedAndNothingIsStored() {
        long before = fixtures.policyVersionCount();
        GraphQL.post(admin, PUBLISH, Map.of("in", draft(nextVersion(), Instant.now().plus(Duration.ofDays(29)), fixtures.matrixOf(1))))
                .body("errors[0].extensions.code", equalTo("NOTICE_PERIOD_TOO_SHORT"))
                .body("errors[0].message", containsString("30 days"));
        assertEquals(before, fixtures.policyVersionCount());
    }

    /**
     * A version is the next number and takes effect within two years: 2147483647, or a date in the year 9999, would
     * leave no number or no date for any version after it.
     */
    @Test
    void aVersionIsTheNextNumberAndTakesEffectWithinTwoYears() {
        long before = fixtures.policyVersionCount();
        Instant fine = Instant.now().plus(Duration.ofDays(40));
        for (int version : List.of(Integer.MAX_VALUE, nextVersion() + 1, nextVersion() + 1000, 0, -1)) {
            published.add(version); // removed afterwards should it be taken
            GraphQL.post(admin, PUBLISH, Map.of("in", draft(version, fine, fixtures.matrixOf(1))))
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("VALIDATION"))
                    .body("errors[0].message", containsString("Field 'version'"));
        }
        for (Instant far : List.of(Instant.parse("9999-12-31T00:00:00Z"), Instant.now().plus(Duration.ofDays(731)))) {
            published.add(nextVersion());
            GraphQL.post(admin, PUBLISH, Map.of("in", draft(nextVersion(), far, fixtures.matrixOf(1))))
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("VALIDATION"))
                    .body("errors[0].message", containsString("Field 'effectiveAt'"));
        }
        assertEquals(before, fixtures.policyVersionCount(), "a refused version writes nothing");
        publish(fixtures.matrixOf(1), Duration.ofDays(729));
    }

    @Test
    void badVersionsAreRefusedAndNothingIsStored() {
        long before = fixtures.policyVersionCount();
        GraphQL.post(admin, PUBLISH, Map.of("in", draft(nextVersion(), Instant.now().minus(Duration.ofDays(1)), fixtures.matrixOf(1))))
                .body("errors[0].extensions.code", equalTo("VALIDATION")).body("errors[0].message", containsString("effectiveAt"));
        GraphQL.post(admin, PUBLISH, Map.of("in", draft(1, Instant.now().plus(Duration.ofDays(40)), fixtures.matrixOf(1))))
                .body("errors[0].extensions.code", equalTo("VALIDATION")).body("errors[0].message", containsString("version"));
        Map<String, Object> http = draft(nextVersion(), Instant.now().plus(Duration.ofDays(40)), fixtures.matrixOf(1));
        http.put("url", "http://privacy-gateway.example/policy");
        GraphQL.post(admin, PUBLISH, Map.of("in", http)).body("errors[0].extensions.code", equalTo("VALIDATION"));
        Map<String, Object> unknown = draft(nextVersion(), Instant.now().plus(Duration.ofDays(40)), Map.of());
        unknown.put("matrix", List.of(Map.of("category", "SHOE_SIZE", "purposes", List.of("MARKETING"))));
        GraphQL.post(admin, PUBLISH, Map.of("in", unknown)).body("errors[0].extensions.code", equalTo("VALIDATION"));
        unknown.put("matrix", List.of(Map.of("category", "EMAIL", "purposes", List.of("RESALE"))));
        GraphQL.post(admin, PUBLISH, Map.of("in", unknown)).body("errors[0].extensions.code", equalTo("VALIDATION"));
        GraphQL.post(Tokens.member("someone"), PUBLISH, Map.of("in", draft(nextVersion(), Instant.now().plus(Duration.ofDays(40)), fixtures.matrixOf(1))))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(before, fixtures.policyVersionCount());
    }

    @Test
    void aWiderVersionDoesNotWidenOldDataUntilTheMemberConfirmsIt() {
        Partner partner = fixtures.partner(Fixtures.unique("wide"), request(ADDRESS, ACCOUNT_LINKING, FULL));
        Member member = fixtures.member("Wid");
        fixtures.grant(member, partner, ADDRESS, ACCOUNT_LINKING, FULL);
        Map<DataCategory, Set<Purpose>> wider = fixtures.matrixOf(1);
        wider.get(ADDRESS).add(ACCOUNT_LINKING);
        publish(wider, Duration.ofDays(31));
        clock.advance(Duration.ofDays(32));
        String read = "query($id: ID!) { member(id: $id, purpose: ACCOUNT_LINKING) { address { city } access { category reason } } }";
        Map<String, Object> vars = Map.of("id", fixtures.pairwise(partner, member));
        GraphQL.post(Tokens.partner(partner.clientId), read, vars)
                .body("data.member.address", nullValue())
                .body("data.member.access.find { it.category == 'ADDRESS' }.reason", equalTo("POLICY_VERSION"));

        GraphQL.post(Tokens.member(member.subject), "mutation { confirmMyData(categories: [ADDRESS]) { collectedUnder { category policyVersion } } }")
                .body("errors", nullValue());
        GraphQL.post(Tokens.partner(partner.clientId), read, vars)
                .body("data.member.address.city", equalTo("CityWid"))
                .body("data.member.access.find { it.category == 'ADDRESS' }.reason", equalTo("CONSENTED"));
    }

    @Test
    void aNarrowerVersionAppliesAtOnceWhenItTakesEffect() {
        Partner partner = fixtures.partner(Fixtures.unique("narrow"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Nrw");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        Map<DataCategory, Set<Purpose>> narrower = fixtures.matrixOf(1);
        narrower.get(EMAIL).remove(ORDER_FULFILLMENT);
        publish(narrower, Duration.ofDays(31));
        String read = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email access { category reason } } }";
        Map<String, Object> vars = Map.of("id", fixtures.pairwise(partner, member));
        GraphQL.post(Tokens.partner(partner.clientId), read, vars).body("data.member.email", equalTo("nrw@mail.example"));
        clock.advance(Duration.ofDays(32));
        GraphQL.post(Tokens.partner(partner.clientId), read, vars)
                .body("data.member.email", nullValue())
                .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("POLICY_VERSION"));
    }

    @Test
    void aBirthDateInTheFutureIsRefused() {
        Member member = fixtures.member("Fut");
        GraphQL.post(Tokens.member(member.subject), "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { birthDate } }",
                Map.of("in", Map.of("birthDate", LocalDate.now().plusDays(3).toString())))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        assertEquals(LocalDate.of(1980, 1, 1), fixtures.reload(member.id).birthDate);
    }

    @Test
    void aGuardianRequestErasesTheChildAndOptsThemOut() {
        Partner partner = fixtures.partner(Fixtures.unique("kid"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member child = fixtures.member("Child");
        fixtures.update(child.id, m -> m.birthDate = LocalDate.now().minusYears(9));
        GraphQL.post(admin, "mutation($in: GuardianRequestInput!) { recordGuardianRequest(input: $in) { kind reference memberId } }",
                Map.of("in", Map.of("memberId", child.id.toString(), "reference", "GR-2026-0042")))
                .body("errors", nullValue())
                .body("data.recordGuardianRequest.kind", equalTo("GUARDIAN"))
                .body("data.recordGuardianRequest.reference", equalTo("GR-2026-0042"));
        Member after = fixtures.reload(child.id);
        assertNotNull(after.erasedAt);
        assertTrue(after.marketingOptOut);
        assertEquals(null, after.email);
        GraphQL.post(Tokens.partner(partner.clientId), "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }",
                Map.of("id", fixtures.pairwise(partner, child))).body("data.member", nullValue());
        GraphQL.post(admin, "query($m: ID) { auditLog(memberId: $m) { edges { node { kind reference } } } }", Map.of("m", child.id.toString()))
                .body("data.auditLog.edges.node.kind", hasItem("GUARDIAN"));
        GraphQL.post(admin, "{ adminActions(first: 1) { edges { node { action targetId } } } }")
                .body("data.adminActions.edges[0].node.action", equalTo("RECORD_GUARDIAN_REQUEST"));
    }

    @Test
    void aLegalDisclosureIsShownToTheMemberAndInTheAuditLog() {
        Member member = fixtures.member("Leg");
        String record = "mutation($in: DisclosureInput!) { recordDisclosure(input: $in) { kind recipient legalBasis reference served { category } } }";
        Map<String, Object> in = new HashMap<>(Map.of("memberId", member.id.toString(), "categories", List.of("NAME", "ADDRESS"),
                "recipient", "Uppsala District Court", "legalBasis", "Court order", "reference", "T 1234-26"));
        GraphQL.post(admin, record, Map.of("in", in))
                .body("errors", nullValue())
                .body("data.recordDisclosure.kind", equalTo("DISCLOSURE"))
                .body("data.recordDisclosure.legalBasis", equalTo("Court order"));
        GraphQL.post(Tokens.member(member.subject), "{ myAccessLog { edges { node { kind recipient legalBasis reference served { category } } } } }")
                .body("data.myAccessLog.edges[0].node.kind", equalTo("DISCLOSURE"))
                .body("data.myAccessLog.edges[0].node.recipient", equalTo("Uppsala District Court"))
                .body("data.myAccessLog.edges[0].node.reference", equalTo("T 1234-26"));
        GraphQL.post(admin, "query($m: ID) { auditLog(memberId: $m) { edges { node { kind } } } }", Map.of("m", member.id.toString()))
                .body("data.auditLog.edges[0].node.kind", equalTo("DISCLOSURE"));

        long events = fixtures.accessEventCount();
        in.put("legalBasis", " ");
        GraphQL.post(admin, record, Map.of("in", in))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("legalBasis"));
        assertEquals(events, fixtures.accessEventCount());
    }

    @Test
    void accessEventsOlderThanTheRetentionArePurged() {
        Partner partner = fixtures.partner(Fixtures.unique("ret"));
        Member member = fixtures.member("Ret");
        AccessEvent old = fixtures.accessEventAt(partner.id, member.id, Instant.now().minus(Duration.ofDays(401)));
        AccessEvent recent = fixtures.accessEventAt(partner.id, member.id, Instant.now().minus(Duration.ofDays(399)));
        assertTrue(retention.purge() >= 1);
        assertFalse(fixtures.accessEventExists(old.id));
        assertTrue(fixtures.accessEventExists(recent.id));
    }

    // ---- aggregates only

    Member analyticsMember(Partner partner, String country, LocalDate birth) {
        Member m = fixtures.member("An");
        fixtures.update(m.id, x -> {
            x.country = country;
            x.birthDate = birth;
        });
        fixtures.grant(m, partner, ADDRESS, ANALYTICS, FULL);
        return m;
    }

    @Inject
    org.privacygateway.member.AudienceStats stats;

    @Test
    void audienceStatsRoundEveryCountAndLeaveOutBucketsBelowKWithoutATrace() {
        Partner partner = fixtures.partner(Fixtures.unique("stats"), request(ADDRESS, ANALYTICS, FULL));
        LocalDate thirty = LocalDate.now().minusYears(30).minusDays(10);
        for (int i = 0; i < 9; i++) {
            analyticsMember(partner, "NO", thirty); // k - 1
        }
        for (int i = 0; i < 10; i++) {
            analyticsMember(partner, "DK", thirty); // k
        }
        for (int i = 0; i < 11; i++) {
            analyticsMember(partner, "FI", LocalDate.now().minusYears(50)); // k + 1
        }
        analyticsMember(partner, "SE", LocalDate.now().minusYears(10)); // a minor: never counted
        Member revoked = analyticsMember(partner, "IS", thirty);
        fixtures.revoke(revoked, partner, ADDRESS, ANALYTICS);

        stats.takeDue();

        String body = GraphQL.post(Tokens.partner(partner.clientId),
                "{ audienceStats { total k rounding byCountry { key count } byAgeBand { key count } } }")
                .body("errors", nullValue())
                .body("data.audienceStats.k", equalTo(10))
                .body("data.audienceStats.rounding", equalTo(5))
                .body("data.audienceStats.total", equalTo(30))
                .body("data.audienceStats.byCountry.key", org.hamcrest.Matchers.contains("DK", "FI"))
                .body("data.audienceStats.byCountry.find { it.key == 'DK' }.count", equalTo(10))
                .body("data.audienceStats.byCountry.find { it.key == 'FI' }.count", equalTo(10)) // 11, rounded
                .body("data.audienceStats.byAgeBand.key", org.hamcrest.Matchers.contains("25-34", "45-54"))
                .body("data.audienceStats.byAgeBand.find { it.key == '25-34' }.count", equalTo(20)) // 19, rounded
                .body("data.audienceStats.byAgeBand.find { it.key == '45-54' }.count", equalTo(10)) // 11, rounded
                .extract().asString();
        assertFalse(body.contains("pw_") || body.contains("GivenAn") || body.contains("@"), body);
        // No count of what was left out exists any more.
        for (String field : List.of("suppressedCountries", "suppressedAgeBands")) {
            GraphQL.post(Tokens.partner(partner.clientId), "{ audienceStats { " + field + " } }")
                    .body("errors[0].extensions.code", equalTo("VALIDATION"));
        }
    }

    @Test
    void audienceStatsAreForbiddenWithoutAnAnalyticsDeclaration() {
        Partner partner = fixtures.partner(Fixtures.unique("noan"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        GraphQL.post(Tokens.partner(partner.clientId), "{ audienceStats { total } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }
}
