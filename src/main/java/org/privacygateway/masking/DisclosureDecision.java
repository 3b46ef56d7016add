package org.privacygateway.masking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.EnumMap;

/**
 * The one place that decides what a partner receives of a member. Pure: no I/O, no clock, no CDI.
 *
 * <p>Per category, the first rule that applies wins:
 * <ol>
 *   <li>member erased: the member is not found ({@link #decide} returns null);</li>
 *   <li>member under 13: NONE, MINOR (for the member's own preview and the access log: a partner is never shown a
 *       minor at all, see {@code MemberDisclosures});</li>
 *   <li>partner did not declare (category, purpose): NONE, NOT_REQUESTED;</li>
 *   <li>purpose MARKETING and the member opted out: NONE, OPTED_OUT;</li>
 *   <li>the version the value was collected under, or the current version, does not allow
 *       (category, purpose): NONE, POLICY_VERSION;</li>
 *   <li>category public for this member: the declared level, PUBLIC (never for PAYMENT_CARD);</li>
 *   <li>no live consent: NONE, CONSENT_REQUIRED or CONSENT_EXPIRED;</li>
 *   <li>otherwise the lower of consented and declared level, CONSENTED.</li>
 * </ol>
 * Then a cap: PAYMENT_CARD at FULL only for PAYMENT_PROCESSING, else at most PARTIAL.
 */
public final class DisclosureDecision {

    public static final int MINOR_AGE = 13;
    private static final DataCategory[] CATEGORIES = DataCategory.values();

    private DisclosureDecision() {
    }

    /**
     * Decides every category of one member for one partner and purpose.
     *
     * @return the decision per category, or null when the member must be treated as not found
     */
    public static EnumMap<DataCategory, FieldDecision> decide(
            MemberFacts member, PartnerTerms partner, Purpose purpose, PolicyBook policies, Instant now) {
        if (member.erased()) {
            return null;
        }
        boolean minor = isMinor(member.birthDate(), now);
        EnumMap<DataCategory, FieldDecision> result = new EnumMap<>(DataCategory.class);
        for (DataCategory category : CATEGORIES) {
            result.put(category, decideCategory(member, minor, partner, purpose, policies, now, category));
        }
        return result;
    }

    public static boolean isMinor(LocalDate birthDate, Instant now) {
        if (birthDate == null) {
            return false;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return Period.between(birthDate, today).getYears() < MINOR_AGE;
    }

    /**
     * The birth dates of minors at {@code now} are exactly those after this date: {@code isMinor(b, now)} is
     * {@code b.isAfter(minorsBornAfter(now))}. For selecting minors (or leaving them out) in a query.
     */
    public static LocalDate minorsBornAfter(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(MINOR_AGE);
    }

    private static FieldDecision decideCategory(MemberFacts member, boolean minor, PartnerTerms partner,
            Purpose purpose, PolicyBook policies, Instant now, DataCategory category) {
        FieldDecision uncapped = uncapped(member, minor, partner, purpose, policies, now, category);
        return cap(uncapped, purpose);
    }

    private static FieldDecision uncapped(MemberFacts member, boolean minor, PartnerTerms partner,
            Purpose purpose, PolicyBook policies, Instant now, DataCategory category) {
        if (minor) {
            return none(category, AccessReason.MINOR);
        }
        DisclosureLevel declared = partner.declared(category, purpose);
        if (declared == null || declared == DisclosureLevel.NONE) {
            return none(category, AccessReason.NOT_REQUESTED);
        }
        if (purpose == Purpose.MARKETING && member.marketingOptOut()) {
            return none(category, AccessReason.OPTED_OUT);
        }
        if (!policiesAllow(member, policies, category, purpose)) {
            return none(category, AccessReason.POLICY_VERSION);
        }
        if (category.mayBePublic() && member.publicCategories().contains(category)) {
            return new FieldDecision(category, declared, AccessReason.PUBLIC);
        }
        ConsentState consent = member.consents().get(category, purpose);
        if (consent == null) {
            return none(category, AccessReason.CONSENT_REQUIRED);
        }
        if (!consent.liveAt(now)) {
            return none(category, AccessReason.CONSENT_EXPIRED);
        }
        return new FieldDecision(category, consent.level().atMost(declared), AccessReason.CONSENTED);
    }

    /** Old data, old rules: both the collecting version and the current one must allow the use. */
    private static boolean policiesAllow(MemberFacts member, PolicyBook policies, DataCategory category, Purpose purpose) {
        if (!policies.current().allows(category, purpose)) {
            return false;
        }
        Integer collectedUnder = member.collectedUnder().get(category);
        if (collectedUnder == null || collectedUnder == policies.current().version()) {
            // Nothing stored yet (the value is null anyway) or collected under the current version.
            return true;
        }
        PolicyMatrix old = policies.version(collectedUnder);
        return old != null && old.allows(category, purpose);
    }

    private static FieldDecision cap(FieldDecision decision, Purpose purpose) {
        if (decision.category() == DataCategory.PAYMENT_CARD
                && decision.level() == DisclosureLevel.FULL
                && purpose != Purpose.PAYMENT_PROCESSING) {
            return new FieldDecision(decision.category(), DisclosureLevel.PARTIAL, decision.reason());
        }
        return decision;
    }

    private static FieldDecision none(DataCategory category, AccessReason reason) {
        return new FieldDecision(category, DisclosureLevel.NONE, reason);
    }
}
