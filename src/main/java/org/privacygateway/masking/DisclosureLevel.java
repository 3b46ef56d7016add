package org.privacygateway.masking;

/** How much of a value leaves the gateway, ordered from least to most. */
public enum DisclosureLevel {
    NONE,
    PARTIAL,
    FULL;

    public DisclosureLevel atMost(DisclosureLevel cap) {
        return compareTo(cap) <= 0 ? this : cap;
    }

    public boolean isAbove(DisclosureLevel other) {
        return compareTo(other) > 0;
    }
}
