package org.privacygateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerStatus;

/** The one definition of a consent's status as the member sees it (member API and consent center). */
class ConsentStandingTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static Partner partner(PartnerStatus status, DataCategory category, Purpose purpose) {
        Partner p = new Partner();
        p.id = "p";
        p.displayName = "P";
        p.status = status;
        p.requests.add(new DeclaredRequest(category, purpose, DisclosureLevel.FULL, "Why."));
        return p;
    }

    static Consent consent(Instant expiresAt, Instant revokedAt) {
        Consent c = new Consent();
        c.category = DataCategory.EMAIL;
        c.purpose = Purpose.ORDER_FULFILLMENT;
        c.level = DisclosureLevel.FULL;
        c.expiresAt = expiresAt;
        c.revokedAt = revokedAt;
        return c;
    }

    final Partner asking = partner(PartnerStatus.ACTIVE, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT);

    @Test
    void liveConsentToAnAskingPartnerIsActiveAndInEffect() {
        ConsentStanding s = ConsentStanding.of(consent(NOW.plusSeconds(1), null), asking, NOW);
        assertEquals(ConsentStatus.ACTIVE, s.status());
        assertNull(s.notInEffect());
        assertTrue(s.inEffect());
    }

    @Test
    void endsAtItsExpiryInstant() {
        assertEquals(ConsentStatus.EXPIRED, ConsentStatus.of(consent(NOW, null), NOW));
        assertEquals(ConsentStatus.EXPIRED, ConsentStatus.of(consent(NOW.minusSeconds(1), null), NOW));
    }

    @Test
    void revokedStaysRevokedAfterItsEndDate() {
        Consent c = consent(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2)));
        assertEquals(ConsentStatus.REVOKED, ConsentStatus.of(c, NOW));
        assertFalse(ConsentStanding.of(c, asking, NOW).inEffect());
        assertNull(ConsentStanding.of(c, asking, NOW).notInEffect());
    }

    @Test
    void activeButThePartnerIsSuspended() {
        Partner suspended = partner(PartnerStatus.SUSPENDED, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT);
        ConsentStanding s = ConsentStanding.of(consent(NOW.plusSeconds(60), null), suspended, NOW);
        assertEquals(ConsentStatus.ACTIVE, s.status());
        assertEquals(ConsentStanding.NotInEffect.PARTNER_SUSPENDED, s.notInEffect());
        assertFalse(s.inEffect());
    }

    @Test
    void activeButThePartnerNoLongerAsks() {
        Partner other = partner(PartnerStatus.ACTIVE, DataCategory.PHONE, Purpose.ORDER_FULFILLMENT);
        ConsentStanding s = ConsentStanding.of(consent(NOW.plusSeconds(60), null), other, NOW);
        assertEquals(ConsentStanding.NotInEffect.NOT_REQUESTED, s.notInEffect());
        assertFalse(s.inEffect());
    }

    @Test
    void anExpiredConsentHasNoNotInEffectReason() {
        Partner other = partner(PartnerStatus.SUSPENDED, DataCategory.PHONE, Purpose.ORDER_FULFILLMENT);
        ConsentStanding s = ConsentStanding.of(consent(NOW.minusSeconds(60), null), other, NOW);
        assertEquals(ConsentStatus.EXPIRED, s.status());
        assertNull(s.notInEffect());
    }
}
