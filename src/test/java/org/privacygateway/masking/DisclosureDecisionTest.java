package org.privacygateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.privacygateway.masking.AccessReason.CONSENTED;
import static org.privacygateway.masking.AccessReason.CONSENT_EXPIRED;
import static org.privacygateway.masking.AccessReason.CONSENT_REQUIRED;
import static org.privacygateway.masking.AccessReason.MINOR;
import static org.privacygateway.masking.AccessReason.NOT_REQUESTED;
import static org.privacygateway.masking.AccessReason.OPTED_OUT;
import static org.privacygateway.masking.AccessReason.POLICY_VERSION;
import static org.privacygateway.masking.AccessReason.PUBLIC;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DataCategory.PAYMENT_CARD;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.NONE;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;
import static org.privacygateway.masking.Purpose.MARKETING;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.masking.Purpose.PAYMENT_PROCESSING;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** One test per rule, in the order the rules apply, and the payment-card cap. */
class DisclosureDecisionTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static PolicyMatrix everything(int version) {
        Map<DataCategory, Set<Purpose>> all = new EnumMap<>(DataCategory.class);
        for (DataCategory c : DataCategory.values()) {
            all.put(c, EnumSet.allOf(Purpose.class));
        }
        return new PolicyMatrix(version, all);
    }

    static PolicyBook book(PolicyMatrix current, PolicyMatrix... older) {
        return new PolicyBook(current, List.of(older));
    }

    static MemberFacts adult(MemberFacts.Consents consents) {
        return new MemberFacts(false, LocalDate.of(1980, 1, 1), false, Set.of(), Map.of(), consents);
    }

    static MemberFacts.Consents consent(DataCategory c, Purpose p, DisclosureLevel level) {
        return new MemberFacts.Consents().put(c, p, new ConsentState(level, NOW.plus(Duration.ofDays(30))));
    }

    static PartnerTerms declares(DataCategory c, Purpose p, DisclosureLevel level) {
        return PartnerTerms.builder().declare(c, p, level).build();
    }

    static FieldDecision decide(MemberFacts m, PartnerTerms t, Purpose p, PolicyBook b, DataCategory c) {
        return DisclosureDecision.decide(m, t, p, b, NOW).get(c);
    }

    static void assertDecision(DisclosureLevel level, AccessReason reason, FieldDecision d) {
        assertEquals(level, d.level(), "level");
        assertEquals(reason, d.reason(), "reason");
    }

    @Test
    void rule1_anErasedMemberIsNotFound() {
        MemberFacts erased = new MemberFacts(true, null, false, Set.of(), Map.of(), consent(EMAIL, ORDER_FULFILLMENT, FULL));
        assertNull(DisclosureDecision.decide(erased, declares(EMAIL, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT,
                book(everything(1)), NOW));
    }

    @Test
    void rule2_aMinorGetsNothingEvenWithConsentAndPublicData() {
        LocalDate twelve = LocalDate.of(2014, 6, 1);
        MemberFacts minor = new MemberFacts(false, twelve, false, Set.of(NAME), Map.of(),
                consent(EMAIL, ORDER_FULFILLMENT, FULL));
        PartnerTerms terms = PartnerTerms.builder().declare(EMAIL, ORDER_FULFILLMENT, FULL)
                .declare(NAME, ORDER_FULFILLMENT, FULL).build();
        assertDecision(NONE, MINOR, decide(minor, terms, ORDER_FULFILLMENT, book(everything(1)), EMAIL));
        assertDecision(NONE, MINOR, decide(minor, terms, ORDER_FULFILLMENT, book(everything(1)), NAME));
    }

    @Test
    void rule2_thirteenthBirthdayEndsMinority() {
        assertEquals(true, DisclosureDecision.isMinor(LocalDate.of(2013, 11, 29), NOW));
        assertEquals(false, DisclosureDecision.isMinor(LocalDate.of(2013, 11, 28), NOW));
        assertEquals(false, DisclosureDecision.isMinor(null, NOW));
    }

    @Test
    void rule3_anUndeclaredPairIsNotRequestedEvenWithConsent() {
        MemberFacts m = adult(consent(EMAIL, MARKETING, FULL));
        assertDecision(NONE, NOT_REQUESTED,
                decide(m, declares(EMAIL, ORDER_FULFILLMENT, FULL), MARKETING, book(everything(1)), EMAIL));
    }

    @Test
    void rule4_marketingOptOutWinsOverConsent() {
        MemberFacts m = new MemberFacts(false, null, true, Set.of(), Map.of(), consent(EMAIL, MARKETING, FULL));
        assertDecision(NONE, OPTED_OUT, decide(m, declares(EMAIL, MARKETING, FULL), MARKETING, book(everything(1)), EMAIL));
    }

    @Test
    void rule4_optOutDoesNotTouchOtherPurposes() {
        MemberFacts m = new MemberFacts(false, null, true, Set.of(), Map.of(), consent(EMAIL, ORDER_FULFILLMENT, FULL));
        assertDecision(FULL, CONSENTED,
                decide(m, declares(EMAIL, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT, book(everything(1)), EMAIL));
    }

    @Test
    void rule5_theCurrentVersionRestrictsAtOnce() {
        PolicyMatrix v2 = new PolicyMatrix(2, Map.of(NAME, EnumSet.of(ORDER_FULFILLMENT)));
        MemberFacts m = new MemberFacts(false, null, false, Set.of(), Map.of(EMAIL, 1), consent(EMAIL, ORDER_FULFILLMENT, FULL));
        assertDecision(NONE, POLICY_VERSION,
                decide(m, declares(EMAIL, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT, book(v2, everything(1)), EMAIL));
    }

    @Test
    void rule5_aWiderCurrentVersionDoesNotWidenOldData() {
        PolicyMatrix v1 = new PolicyMatrix(1, Map.of(NAME, EnumSet.of(ORDER_FULFILLMENT)));
        MemberFacts old = new MemberFacts(false, null, false, Set.of(), Map.of(EMAIL, 1), consent(EMAIL, ORDER_FULFILLMENT, FULL));
        PartnerTerms terms = declares(EMAIL, ORDER_FULFILLMENT, FULL);
        assertDecision(NONE, POLICY_VERSION, decide(old, terms, ORDER_FULFILLMENT, book(everything(2), v1), EMAIL));

        MemberFacts confirmed = new MemberFacts(false, null, false, Set.of(), Map.of(EMAIL, 2), consent(EMAIL, ORDER_FULFILLMENT, FULL));
        assertDecision(FULL, CONSENTED, decide(confirmed, terms, ORDER_FULFILLMENT, book(everything(2), v1), EMAIL));
    }

    @Test
    void rule5_anUnknownCollectingVersionAllowsNothing() {
        MemberFacts m = new MemberFacts(false, null, false, Set.of(), Map.of(EMAIL, 7), consent(EMAIL, ORDER_FULFILLMENT, FULL));
        assertDecision(NONE, POLICY_VERSION,
                decide(m, declares(EMAIL, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT, book(everything(1)), EMAIL));
    }

    @Test
    void rule5_policyVersionIsCheckedBeforePublic() {
        PolicyMatrix v1 = new PolicyMatrix(1, Map.of());
        MemberFacts m = new MemberFacts(false, null, false, Set.of(NAME), Map.of(), new MemberFacts.Consents());
        assertDecision(NONE, POLICY_VERSION,
                decide(m, declares(NAME, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT, book(v1), NAME));
    }

    @Test
    void rule6_aPublicCategoryIsServedAtTheDeclaredLevel() {
        MemberFacts m = new MemberFacts(false, null, false, Set.of(NAME), Map.of(), new MemberFacts.Consents());
        assertDecision(PARTIAL, PUBLIC,
                decide(m, declares(NAME, ORDER_FULFILLMENT, PARTIAL), ORDER_FULFILLMENT, book(everything(1)), NAME));
    }

    @Test
    void rule6_theCardCannotBePublic() {
        MemberFacts m = new MemberFacts(false, null, false, Set.of(PAYMENT_CARD), Map.of(), new MemberFacts.Consents());
        assertDecision(NONE, CONSENT_REQUIRED, decide(m, declares(PAYMENT_CARD, PAYMENT_PROCESSING, FULL),
                PAYMENT_PROCESSING, book(everything(1)), PAYMENT_CARD));
    }

    @Test
    void rule7_noConsentIsConsentRequired() {
        assertDecision(NONE, CONSENT_REQUIRED, decide(adult(new MemberFacts.Consents()),
                declares(EMAIL, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT, book(everything(1)), EMAIL));
    }

    @Test
    void rule7_anExpiredConsentIsConsentExpired() {
        MemberFacts.Consents expired = new MemberFacts.Consents()
                .put(EMAIL, ORDER_FULFILLMENT, new ConsentState(FULL, NOW.minusSeconds(1)));
        assertDecision(NONE, CONSENT_EXPIRED, decide(adult(expired), declares(EMAIL, ORDER_FULFILLMENT, FULL),
                ORDER_FULFILLMENT, book(everything(1)), EMAIL));
    }

    @Test
    void rule7_aConsentExpiringExactlyNowIsExpired() {
        MemberFacts.Consents atNow = new MemberFacts.Consents()
                .put(EMAIL, ORDER_FULFILLMENT, new ConsentState(FULL, NOW));
        assertDecision(NONE, CONSENT_EXPIRED, decide(adult(atNow), declares(EMAIL, ORDER_FULFILLMENT, FULL),
                ORDER_FULFILLMENT, book(everything(1)), EMAIL));
    }

    @Test
    void rule8_theLowerOfConsentedAndDeclared() {
        PolicyBook b = book(everything(1));
        assertDecision(PARTIAL, CONSENTED, decide(adult(consent(EMAIL, ORDER_FULFILLMENT, FULL)),
                declares(EMAIL, ORDER_FULFILLMENT, PARTIAL), ORDER_FULFILLMENT, b, EMAIL));
        assertDecision(PARTIAL, CONSENTED, decide(adult(consent(EMAIL, ORDER_FULFILLMENT, PARTIAL)),
                declares(EMAIL, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT, b, EMAIL));
        assertDecision(FULL, CONSENTED, decide(adult(consent(EMAIL, ORDER_FULFILLMENT, FULL)),
                declares(EMAIL, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT, b, EMAIL));
    }

    @Test
    void cap_theCardAtFullOnlyForPaymentProcessing() {
        PolicyBook b = book(everything(1));
        assertDecision(FULL, CONSENTED, decide(adult(consent(PAYMENT_CARD, PAYMENT_PROCESSING, FULL)),
                declares(PAYMENT_CARD, PAYMENT_PROCESSING, FULL), PAYMENT_PROCESSING, b, PAYMENT_CARD));
        assertDecision(PARTIAL, CONSENTED, decide(adult(consent(PAYMENT_CARD, ORDER_FULFILLMENT, FULL)),
                declares(PAYMENT_CARD, ORDER_FULFILLMENT, FULL), ORDER_FULFILLMENT, b, PAYMENT_CARD));
    }

    @Test
    void everyCategoryIsDecided() {
        Map<DataCategory, FieldDecision> all = DisclosureDecision.decide(adult(new MemberFacts.Consents()),
                PartnerTerms.builder().build(), ORDER_FULFILLMENT, book(everything(1)), NOW);
        assertEquals(EnumSet.allOf(DataCategory.class), all.keySet());
        all.values().forEach(d -> assertDecision(NONE, NOT_REQUESTED, d));
    }
}
