package org.privacygateway.masking;

/** What one category of one member is served at, and why. */
public record FieldDecision(DataCategory category, DisclosureLevel level, AccessReason reason) {

    public boolean masked() {
        return level == DisclosureLevel.NONE;
    }
}
