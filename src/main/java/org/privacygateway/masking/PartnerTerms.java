package org.privacygateway.masking;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a partner declared it needs: per category and purpose, the highest level it asks for.
 * Immutable once built.
 */
public final class PartnerTerms {

    private final EnumMap<DataCategory, EnumMap<Purpose, DisclosureLevel>> declared;

    private PartnerTerms(EnumMap<DataCategory, EnumMap<Purpose, DisclosureLevel>> declared) {
        this.declared = declared;
    }

    /** The declared level for (category, purpose), or null when the partner did not ask for it. */
    public DisclosureLevel declared(DataCategory category, Purpose purpose) {
        EnumMap<Purpose, DisclosureLevel> byPurpose = declared.get(category);
        return byPurpose == null ? null : byPurpose.get(purpose);
    }

    public boolean declares(Purpose purpose) {
        for (EnumMap<Purpose, DisclosureLevel> byPurpose : declared.values()) {
            if (byPurpose.containsKey(purpose)) {
                return true;
            }
        }
        return false;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final EnumMap<DataCategory, EnumMap<Purpose, DisclosureLevel>> declared = new EnumMap<>(DataCategory.class);

        public Builder declare(DataCategory category, Purpose purpose, DisclosureLevel level) {
            declared.computeIfAbsent(category, c -> new EnumMap<>(Purpose.class)).put(purpose, level);
            return this;
        }

        public PartnerTerms build() {
            EnumMap<DataCategory, EnumMap<Purpose, DisclosureLevel>> copy = new EnumMap<>(DataCategory.class);
            for (Map.Entry<DataCategory, EnumMap<Purpose, DisclosureLevel>> e : declared.entrySet()) {
                copy.put(e.getKey(), new EnumMap<>(e.getValue()));
            }
            return new PartnerTerms(copy);
        }
    }
}
