package org.privacygateway.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;

/** MemberAccount as a service: accounts by login, corrections, export and erasure. */
@QuarkusTest
class MemberAccountTest {

    @Inject
    MemberAccount accounts;

    @Inject
    Fixtures fixtures;

    @Test
    void theFirstLoginCreatesTheAccountAndLaterOnesFindIt() {
        String subject = Fixtures.unique("login");
        Member created = accounts.bySubject(subject);
        assertEquals(created.id, accounts.bySubject(subject).id);
        assertNull(created.email);
    }

    static ProfileChange email(String email) {
        return new ProfileChange(null, email, null, null, null, null);
    }

    static ProfileChange country(String country) {
        return new ProfileChange(null, null, null, new ProfileChange.Address(null, null, null, null, country), null,
                null);
    }

    @Test
    void aRefusedCorrectionNamesItsFieldAndChangesNothing() {
        Member m = fixtures.member("Correct");
        GatewayException badEmail = assertThrows(GatewayException.class,
                () -> accounts.updateProfile(m.id, email("not-an-address")));
        assertEquals(ErrorCode.VALIDATION, badEmail.code());
        assertEquals("email", badEmail.field());
        GatewayException badCountry = assertThrows(GatewayException.class,
                () -> accounts.updateProfile(m.id, country("Sweden")));
        assertEquals("address.country", badCountry.field());
        GatewayException control = assertThrows(GatewayException.class,
                () -> accounts.updateProfile(m.id, email("a\u0000b@mail.example")));
        assertEquals("email", control.field());
        assertEquals(m.email, fixtures.reload(m.id).email);
    }

    @Test
    void aCorrectionIsStoredAndStampedUnderTheCurrentPolicy() {
        Member m = fixtures.member("Stamp");
        Member updated = accounts.updateProfile(m.id, email("  new.address@mail.example "));
        assertEquals("new.address@mail.example", updated.email);
        assertTrue(fixtures.reload(m.id).collectedUnder().containsKey(DataCategory.EMAIL));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExportHoldsTheProfileConsentsHistoryAndReceipts() {
        Partner p = fixtures.partner(Fixtures.unique("export"),
                Fixtures.request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
        Member m = fixtures.member("Export");
        fixtures.grant(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
        fixtures.accessEventAt(p.id, m.id, java.time.Instant.now());

        Map<String, Object> doc = accounts.export(m.id);
        assertEquals(m.id.toString(), ((Map<String, Object>) doc.get("profile")).get("id"));
        assertEquals(1, ((List<?>) doc.get("consents")).size());
        assertEquals(1, ((List<?>) doc.get("consentHistory")).size());
        assertEquals(1, ((List<?>) doc.get("receipts")).size());
        assertEquals(1, ((List<?>) doc.get("accessEvents")).size());
    }

    @Test
    void erasureNeedsTheExactConfirmation() {
        Member m = fixtures.member("Erase");
        GatewayException e = assertThrows(GatewayException.class, () -> accounts.erase(m.id, "erase"));
        assertEquals(ErrorCode.VALIDATION, e.code());
        accounts.erase(m.id, " " + MemberAccount.ERASE_CONFIRMATION + " ");
        Member erased = fixtures.reload(m.id);
        assertNull(erased.email);
        assertTrue(erased.subject.startsWith("erased:"));
    }
}
