package org.privacygateway.masking;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything the decision needs to know about one member as seen by one partner: loaded in batches
 * before the decision runs, so that the decision itself does no I/O.
 *
 * @param erased            the member erased their account
 * @param birthDate         null when the member never gave one
 * @param marketingOptOut   the member's one switch out of all marketing
 * @param publicCategories  categories the member made public
 * @param collectedUnder    per category, the policy version the stored value was collected or confirmed under
 * @param consents          the member's current consents to the partner in question
 */
public record MemberFacts(
        boolean erased,
        LocalDate birthDate,
        boolean marketingOptOut,
        Set<DataCategory> publicCategories,
        Map<DataCategory, Integer> collectedUnder,
        Consents consents) {

    public MemberFacts {
        publicCategories = publicCategories.isEmpty() ? EnumSet.noneOf(DataCategory.class) : EnumSet.copyOf(publicCategories);
        collectedUnder = collectedUnder.isEmpty() ? new EnumMap<>(DataCategory.class) : new EnumMap<>(collectedUnder);
    }

    /** A member's current consents to one partner, indexed by (category, purpose). */
    public static final class Consents {
        private static final int PURPOSES = Purpose.values().length;
        private final ConsentState[] states = new ConsentState[DataCategory.values().length * PURPOSES];

        public Consents put(DataCategory category, Purpose purpose, ConsentState state) {
            states[category.ordinal() * PURPOSES + purpose.ordinal()] = state;
            return this;
        }

        public ConsentState get(DataCategory category, Purpose purpose) {
            return states[category.ordinal() * PURPOSES + purpose.ordinal()];
        }
    }
}
