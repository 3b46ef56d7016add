package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.privacygateway.audit.RetentionJob;
import org.privacygateway.member.Member;
import org.privacygateway.member.MinorProtections;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.TestClock;
import org.privacygateway.support.Tokens;

/**
 * A child cannot lift the protection for children by erasing their account and signing in again: erasure keeps a
 * keyed marker of the login and the month the protection ends, and a new account of the same login inherits it.
 */
@QuarkusTest
class MinorProtectionAfterErasureTest {

    static final String ERASE = "mutation { eraseMyAccount(confirm: \"ERASE MY DATA\") }";
    static final String ME = "{ me { id birthDate minor } }";
    static final String UPDATE = "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { birthDate minor } }";
    static final String GRANT = "mutation($in: GrantConsentInput!) { grantConsent(input: $in) { action } }";
    static final String EXPORT = "mutation { exportMyData }";
    static final String CORRECT = "mutation($in: BirthDateCorrectionInput!) { correctMemberBirthDate(input: $in) { kind } }";
    static final String GUARDIAN = "mutation($in: GuardianRequestInput!) { recordGuardianRequest(input: $in) { kind } }";

    @Inject
    Fixtures fixtures;

    @Inject
    MinorProtections protections;

    @Inject
    RetentionJob retention;

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    final String admin = Tokens.admin("ada");

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static Map<String, Object> grant(Partner p) {
        return Map.of("in", Map.of("partnerId", p.id, "category", "EMAIL", "purpose", "ORDER_FULFILLMENT", "level", "FULL"));
    }

    /** The first day of the month after the 13th birthday: what erasure keeps of a child born on this date. */
    static LocalDate protectionEnds(LocalDate birthDate) {
        LocalDate thirteenth = birthDate.plusYears(13);
        return thirteenth.getDayOfMonth() == 1 ? thirteenth : thirteenth.withDayOfMonth(1).plusMonths(1);
    }

    static JsonPath export(String token) {
        String doc = GraphQL.post(token, EXPORT).body("errors", nullValue()).extract().path("data.exportMyData");
        return JsonPath.from(doc);
    }

    @Transactional
    long markers() {
        return em.createQuery("select count(p) from MinorProtection p", Long.class).getSingleResult();
    }

    @Transactional
    long endedMarkers() {
        return em.createQuery("select count(p) from MinorProtection p where p.protectedUntil <= :today", Long.class)
                .setParameter("today", today()).getSingleResult();
    }

    Member memberBornOn(String label, LocalDate birthDate) {
        Member m = fixtures.member(label);
        fixtures.update(m.id, x -> x.birthDate = birthDate);
        return fixtures.reload(m.id);
    }

    @Test
    void aChildWhoErasesAndSignsInAgainIsStillAChildAndCannotGrantOrBecomeOlder() {
        Partner p = fixtures.partner(Fixtures.unique("kid"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member child = memberBornOn("Eraser", today().minusYears(10));
        LocalDate ends = protectionEnds(child.birthDate);
        String token = Tokens.member(child.subject);
        GraphQL.post(token, GRANT, grant(p)).body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        // The export says beforehand what erasure would keep, and until when.
        assertEquals(ends.toString(), export(token).getString("whatErasureKeeps.childProtection.until"));

        GraphQL.post(token, ERASE).body("errors", nullValue()).body("data.eraseMyAccount", equalTo(true));
        assertEquals(ends, protections.keptFor(child.subject, Instant.now()).orElseThrow());

        // Same login: a new, empty account, that still counts as a child. No birth date was given to it.
        GraphQL.post(token, ME)
                .body("errors", nullValue())
                .body("data.me.id", not(equalTo(child.id.toString())))
                .body("data.me.birthDate", nullValue())
                .body("data.me.minor", equalTo(true));
        Member fresh = fixtures.memberBySubject(child.subject);
        assertNotEquals(child.id, fresh.id);
        assertTrue(protections.keptFor(child.subject, Instant.now()).isEmpty(), "the new account holds the protection now");
        JsonPath doc = export(token);
        assertNull(doc.get("profile.birthDate"));
        assertEquals(ends.toString(), doc.getString("profile.childProtectionCarriedOver.until"));
        assertEquals(ends.toString(), doc.getString("whatErasureKeeps.childProtection.until"));
        assertFalse(doc.prettify().contains(child.id.toString()), "nothing of the erased account is restored");

        GraphQL.post(token, GRANT, grant(p))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        assertTrue(fixtures.consents(fresh.id).isEmpty());
        GraphQL.post(token, UPDATE, Map.of("in", Map.of("birthDate", "2000-01-01")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        // So is any date that ends the protection sooner, however little.
        GraphQL.post(token, UPDATE, Map.of("in", Map.of("birthDate", ends.minusYears(13).minusDays(1).toString())))
                .body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        GraphQL.post(token, ME).body("data.me.minor", equalTo(true)).body("data.me.birthDate", nullValue());
        GraphQL.post(token, GRANT, grant(p)).body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        assertTrue(fixtures.consents(fresh.id).isEmpty());

        // Erasing the new account keeps the protection again, and so on.
        GraphQL.post(token, ERASE).body("errors", nullValue());
        assertEquals(ends, protections.keptFor(child.subject, Instant.now()).orElseThrow());
        GraphQL.post(token, ME).body("data.me.minor", equalTo(true));
        GraphQL.post(token, GRANT, grant(p)).body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
    }

    @Test
    void aLaterBirthDateReplacesTheCarriedOverOneAndAGuardianVerifiedCorrectionLiftsIt() {
        Partner p = fixtures.partner(Fixtures.unique("kid"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member child = memberBornOn("Later", today().minusYears(11));
        String token = Tokens.member(child.subject);
        GraphQL.post(token, ERASE).body("errors", nullValue());
        GraphQL.post(token, ME).body("data.me.minor", equalTo(true));
        Member fresh = fixtures.memberBySubject(child.subject);

        // A later date keeps the protection at least as long: accepted, and now the member's own.
        LocalDate later = protectionEnds(child.birthDate).minusYears(13).plusMonths(2);
        GraphQL.post(token, UPDATE, Map.of("in", Map.of("birthDate", later.toString())))
                .body("errors", nullValue())
                .body("data.updateMyProfile.birthDate", equalTo(later.toString()))
                .body("data.updateMyProfile.minor", equalTo(true));
        assertFalse(fixtures.reload(fresh.id).birthDateCarriedOver);
        assertNull(export(token).get("profile.childProtectionCarriedOver"));

        GraphQL.post(admin, CORRECT, Map.of("in", Map.of("memberId", fresh.id.toString(), "birthDate", "1990-06-01",
                "verificationReference", "GV-77"))).body("errors", nullValue());
        GraphQL.post(token, ME).body("data.me.minor", equalTo(false));
        GraphQL.post(token, GRANT, grant(p)).body("errors", nullValue());
    }

    @Test
    void aGuardiansErasureKeepsTheProtectionToo() {
        Member child = memberBornOn("Guarded", today().minusYears(8));
        GraphQL.post(admin, GUARDIAN, Map.of("in", Map.of("memberId", child.id.toString(), "reference", "GR-9")))
                .body("errors", nullValue());
        assertEquals(protectionEnds(child.birthDate), protections.keptFor(child.subject, Instant.now()).orElseThrow());
        GraphQL.post(Tokens.member(child.subject), ME)
                .body("data.me.id", not(equalTo(child.id.toString())))
                .body("data.me.minor", equalTo(true));
    }

    @Test
    void anAdultsErasureKeepsNothing() {
        Partner p = fixtures.partner(Fixtures.unique("adult"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        // Thirteen today: no longer protected.
        Member adult = memberBornOn("Grown", today().minusYears(13));
        String token = Tokens.member(adult.subject);
        assertNull(export(token).get("whatErasureKeeps.childProtection"));
        long before = markers();
        GraphQL.post(token, ERASE).body("errors", nullValue());
        assertEquals(before, markers(), "an adult's erasure keeps no marker");
        assertTrue(protections.keptFor(adult.subject, Instant.now()).isEmpty());

        GraphQL.post(token, ME).body("data.me.minor", equalTo(false)).body("data.me.birthDate", nullValue());
        GraphQL.post(token, UPDATE, Map.of("in", Map.of("birthDate", "2000-01-01"))).body("errors", nullValue());
        GraphQL.post(token, GRANT, grant(p)).body("errors", nullValue());
    }

    @Test
    void theMarkerEndsWhenTheProtectionWouldHaveEndedAndTheRetentionPurgeDeletesIt() {
        // Erased 90 days ago, 60 days before their 13th birthday: the protection ended at the latest 29 days ago.
        LocalDate born = today().minusDays(60).minusYears(13);
        Member purged = memberBornOn("Purged", born);
        Member signsIn = memberBornOn("Returns", born);
        clock.advance(Duration.ofDays(-90));
        GraphQL.post(Tokens.member(purged.subject), ERASE).body("errors", nullValue());
        GraphQL.post(Tokens.member(signsIn.subject), ERASE).body("errors", nullValue());
        assertEquals(protectionEnds(born), protections.keptFor(purged.subject, clock.instant()).orElseThrow());
        clock.reset();

        // The day has come: the marker no longer protects, even before the purge deletes it...
        assertTrue(protections.keptFor(purged.subject, Instant.now()).isEmpty());
        GraphQL.post(Tokens.member(signsIn.subject), ME).body("data.me.minor", equalTo(false));
        // ... and the retention purge deletes every marker whose day has come.
        assertTrue(endedMarkers() >= 1);
        retention.purge();
        assertEquals(0, endedMarkers());
        GraphQL.post(Tokens.member(purged.subject), ME).body("data.me.minor", equalTo(false));
    }
}
