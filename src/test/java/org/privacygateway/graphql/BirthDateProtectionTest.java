package org.privacygateway.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** A member known to be under 13 cannot lift their own protection; every birth-date change is on record. */
@QuarkusTest
class BirthDateProtectionTest {

    static final String UPDATE = "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { birthDate minor } }";
    static final String CORRECT = "mutation($in: BirthDateCorrectionInput!) { correctMemberBirthDate(input: $in) {"
            + " kind memberId operation legalBasis reference served { category } } }";
    static final String GRANT = "mutation($in: GrantConsentInput!) { grantConsent(input: $in) { action } }";
    static final String HISTORY = "{ myAccessLog(first: 100) { edges { node { kind operation legalBasis reference partnerId } } } }";
    static final String ACTIONS = "{ adminActions(first: 100) { edges { node { actor action targetId reason before after } } } }";

    @Inject
    Fixtures fixtures;

    final String admin = Tokens.admin("ada");

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    Member child(String label) {
        Member m = fixtures.member(label);
        fixtures.update(m.id, x -> x.birthDate = today().minusYears(10));
        return fixtures.reload(m.id);
    }

    static Map<String, Object> birthDate(LocalDate date) {
        return Map.of("in", Map.of("birthDate", date.toString()));
    }

    static Map<String, Object> grant(Partner p) {
        return Map.of("in", Map.of("partnerId", p.id, "category", "EMAIL", "purpose", "ORDER_FULFILLMENT", "level", "FULL"));
    }

    List<Map<String, Object>> adminActionsOn(Member m) {
        List<Map<String, Object>> all = GraphQL.post(admin, ACTIONS).body("errors", nullValue())
                .extract().path("data.adminActions.edges.node");
        return all.stream().filter(a -> m.id.toString().equals(a.get("targetId"))).toList();
    }

    @Test
    void aMinorCannotMakeThemselvesOlderAndThenGrant() {
        Partner p = fixtures.partner(Fixtures.unique("kid"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member m = child("Young");
        String token = Tokens.member(m.subject);
        LocalDate recorded = m.birthDate;

        // An adult date, and the sneakier ones: thirteen tomorrow, or just one day older.
        for (LocalDate older : List.of(LocalDate.of(1990, 1, 1), today().minusYears(13).plusDays(1), recorded.minusDays(1))) {
            GraphQL.post(token, UPDATE, birthDate(older))
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"))
                    .body("errors[0].message", containsString("guardian"))
                    .body("errors[0].message", not(containsString(recorded.toString())));
        }
        // Together with other fields: nothing of the update is applied.
        GraphQL.post(token, UPDATE, Map.of("in", Map.of("email", "grown.up@mail.example", "birthDate", "1990-01-01")))
                .body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        Member stored = fixtures.reload(m.id);
        assertEquals(recorded, stored.birthDate);
        assertEquals("young@mail.example", stored.email);
        GraphQL.post(token, GRANT, grant(p)).body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        assertTrue(fixtures.consents(m.id).isEmpty());
        assertTrue(adminActionsOn(m).isEmpty(), "a refused change records no change");

        // A later date keeps the protection, so the member may make it.
        GraphQL.post(token, UPDATE, birthDate(recorded.plusDays(3)))
                .body("errors", nullValue())
                .body("data.updateMyProfile.minor", equalTo(true));
        assertEquals(recorded.plusDays(3), fixtures.reload(m.id).birthDate);
    }

    @Test
    void everyBirthDateChangeIsInTheMembersHistoryAndTheAdminAuditWithoutTheDates() {
        Member m = fixtures.member("Dated");
        String token = Tokens.member(m.subject);
        GraphQL.post(token, UPDATE, birthDate(LocalDate.of(1984, 2, 3))).body("errors", nullValue());
        GraphQL.post(token, UPDATE, birthDate(LocalDate.of(1984, 2, 3))).body("errors", nullValue()); // unchanged: no record
        GraphQL.post(token, UPDATE, birthDate(LocalDate.of(1985, 2, 3))).body("errors", nullValue());

        GraphQL.post(token, HISTORY)
                .body("errors", nullValue())
                .body("data.myAccessLog.edges.findAll { it.node.kind == 'BIRTH_DATE' }", hasSize(2))
                .body("data.myAccessLog.edges[0].node.operation", equalTo("updateMyProfile"))
                .body("data.myAccessLog.edges[0].node.partnerId", nullValue());
        List<Map<String, Object>> actions = adminActionsOn(m);
        assertEquals(2, actions.size(), actions.toString());
        for (Map<String, Object> a : actions) {
            assertEquals("CHANGE_BIRTH_DATE", a.get("action"));
            assertEquals("member:" + m.id, a.get("actor"));
            String recorded = a.get("reason") + " " + a.get("before") + " " + a.get("after");
            assertTrue(!recorded.contains("1984") && !recorded.contains("1985"), "dates in the audit: " + recorded);
        }
    }

    @Test
    void onlyAnAdminWithAGuardiansVerificationReferenceCanLiftTheProtection() {
        Partner p = fixtures.partner(Fixtures.unique("kid"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member m = child("Verified");
        Map<String, Object> in = Map.of("memberId", m.id.toString(), "birthDate", "1990-06-01", "verificationReference", "   ");
        GraphQL.post(admin, CORRECT, Map.of("in", in))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("verificationReference"));
        Map<String, Object> ok = Map.of("memberId", m.id.toString(), "birthDate", "1990-06-01", "verificationReference", "GV-2041");
        GraphQL.post(Tokens.member(m.subject), CORRECT, Map.of("in", ok)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        GraphQL.post(Tokens.partner(p.clientId), CORRECT, Map.of("in", ok)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(m.birthDate, fixtures.reload(m.id).birthDate);

        GraphQL.post(admin, CORRECT, Map.of("in", ok))
                .body("errors", nullValue())
                .body("data.correctMemberBirthDate.kind", equalTo("BIRTH_DATE"))
                .body("data.correctMemberBirthDate.memberId", equalTo(m.id.toString()))
                .body("data.correctMemberBirthDate.reference", equalTo("GV-2041"));
        assertEquals(LocalDate.of(1990, 6, 1), fixtures.reload(m.id).birthDate);
        List<Map<String, Object>> actions = adminActionsOn(m);
        assertEquals(1, actions.size());
        assertEquals("CORRECT_BIRTH_DATE", actions.get(0).get("action"));
        assertEquals("ada", actions.get(0).get("actor"));
        assertEquals("GV-2041", actions.get(0).get("reason"));
        assertTrue(String.valueOf(actions.get(0).get("before")).contains("\"under13\":true"), actions.toString());
        assertTrue(String.valueOf(actions.get(0).get("after")).contains("\"under13\":false"), actions.toString());
        GraphQL.post(Tokens.member(m.subject), HISTORY)
                .body("data.myAccessLog.edges.node.reference", hasItem("GV-2041"));
        GraphQL.post(Tokens.member(m.subject), GRANT, grant(p)).body("errors", nullValue());
    }

    @Test
    void becomingAMinorEndsEveryConsentAsAPlainRevocation() {
        Partner p = fixtures.partner(Fixtures.unique("kid"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Typo");
        fixtures.grant(m, p, EMAIL, ORDER_FULFILLMENT, FULL);
        GraphQL.post(Tokens.member(m.subject), UPDATE, birthDate(today().minusYears(9))).body("errors", nullValue());

        assertTrue(fixtures.consents(m.id).stream().allMatch(c -> c.revokedAt != null));
        String pairwise = fixtures.pairwise(p, m);
        GraphQL.post(Tokens.partner(p.clientId), "{ consentChanges { edges { node { type memberId } } } }")
                .body("errors", nullValue())
                .body("data.consentChanges.edges.node.type", equalTo(List.of("REVOKED")))
                .body("data.consentChanges.edges.node.memberId", equalTo(List.of(pairwise)));
        GraphQL.post(Tokens.partner(p.clientId), "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { id } }",
                Map.of("id", pairwise)).body("errors", nullValue()).body("data.member", nullValue());
        AccessEvent read = fixtures.accessEvents(p.id).get(0);
        assertNull(read.served.isEmpty() ? null : read.served);
        assertTrue(read.masked.contains("MINOR"), read.masked);
    }
}
