package org.privacygateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.support.Fixtures.request;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;

/** ConsentLedger and MemberConsents as services: grants, refusals, revocations, receipts, expiries. */
@QuarkusTest
class ConsentLedgerTest {

    @Inject
    ConsentLedger ledger;

    @Inject
    MemberConsents consents;

    @Inject
    Fixtures fixtures;

    Partner partner() {
        return fixtures.partner(Fixtures.unique("ledger"),
                request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL),
                request(DataCategory.PHONE, Purpose.ORDER_FULFILLMENT, DisclosureLevel.PARTIAL));
    }

    @Test
    void aGrantStoresTheConsentAndIssuesAReceipt() {
        Partner p = partner();
        Member m = fixtures.member("Ledger");
        ConsentReceipt r = ledger.grant(m.id, p.id, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
        assertEquals(ConsentEvent.Action.GRANT, r.action);
        assertEquals(p.id, r.partnerId);
        assertNotNull(consents.receipt(m.id, r.id));

        List<MemberConsents.Entry> entries = consents.consentsOf(m.id);
        assertEquals(1, entries.size());
        assertEquals(ConsentStatus.ACTIVE, entries.get(0).standing(java.time.Instant.now()).status());
        assertEquals(List.of(r.id), consents.receiptsOf(m.id).stream().map(x -> x.id).toList());
    }

    @Test
    void refusesWhatThePartnerDoesNotAskForOrAboveItsLevel() {
        Partner p = partner();
        Member m = fixtures.member("Refused");
        GatewayException notAsked = assertThrows(GatewayException.class,
                () -> ledger.grant(m.id, p.id, DataCategory.NAME, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
        assertEquals(ErrorCode.VALIDATION, notAsked.code());
        GatewayException above = assertThrows(GatewayException.class,
                () -> ledger.grant(m.id, p.id, DataCategory.PHONE, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
        assertTrue(above.getMessage().startsWith("Argument 'level'"), above.getMessage());
        GatewayException none = assertThrows(GatewayException.class,
                () -> ledger.grant(m.id, p.id, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.NONE));
        assertEquals(ErrorCode.VALIDATION, none.code());
        GatewayException unknown = assertThrows(GatewayException.class,
                () -> ledger.grant(m.id, "no-such-partner", DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT,
                        DisclosureLevel.FULL));
        assertEquals(ErrorCode.VALIDATION, unknown.code());
        assertTrue(fixtures.consents(m.id).isEmpty(), "a refused grant writes nothing");
        assertTrue(consents.receiptsOf(m.id).isEmpty());
    }

    @Test
    void refusesASuspendedPartner() {
        Partner p = partner();
        fixtures.suspend(p.id);
        Member m = fixtures.member("Suspended");
        GatewayException e = assertThrows(GatewayException.class,
                () -> ledger.grant(m.id, p.id, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
        assertEquals(ErrorCode.PARTNER_SUSPENDED, e.code());
    }

    @Test
    void revokingEndsMatchingLiveConsentsWithOneReceiptEach() {
        Partner p = partner();
        Member m = fixtures.member("Revoke");
        ledger.grant(m.id, p.id, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
        ledger.grant(m.id, p.id, DataCategory.PHONE, Purpose.ORDER_FULFILLMENT, DisclosureLevel.PARTIAL);

        List<ConsentReceipt> one = ledger.revoke(m.id, p.id, DataCategory.EMAIL, null);
        assertEquals(1, one.size());
        assertEquals(ConsentEvent.Action.REVOKE, one.get(0).action);
        List<ConsentReceipt> rest = ledger.revoke(m.id, p.id, null, null);
        assertEquals(1, rest.size());
        assertTrue(ledger.revoke(m.id, p.id, null, null).isEmpty(), "nothing left to revoke");
        assertTrue(fixtures.consents(m.id).stream().allMatch(c -> c.revokedAt != null));
        // Newest first: two grants and two revocations.
        assertEquals(4, consents.receiptsOf(m.id).size());
    }

    @Test
    void anExpiryIsRecordedOnceAndReachesThePartnersChangeFeed() {
        Partner p = partner();
        Member m = fixtures.member("Expiry");
        fixtures.grantExpired(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
        assertTrue(ledger.recordExpiries() >= 1);
        List<ConsentEvent> changes = consents.changesFor(p.id, null, null, 10);
        assertEquals(1, changes.size());
        assertEquals(ConsentEvent.Action.EXPIRE, changes.get(0).action);
        ledger.recordExpiries();
        assertEquals(1, consents.changesFor(p.id, null, null, 10).size(), "recorded once");
    }
}
