package org.privacygateway.masking;

import java.time.Instant;

/** A member's current, unrevoked consent to one partner for one (category, purpose). */
public record ConsentState(DisclosureLevel level, Instant expiresAt) {

    public boolean liveAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
