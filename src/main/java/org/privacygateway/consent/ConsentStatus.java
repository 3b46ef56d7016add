package org.privacygateway.consent;

import java.time.Instant;

/** Where a member's consent stands at a moment: the one definition the member API and the consent center show. */
public enum ConsentStatus {
    ACTIVE,
    EXPIRED,
    REVOKED;

    /** Revoked wins over expired: a consent the member ended stays REVOKED after its end date has passed. */
    public static ConsentStatus of(Consent c, Instant now) {
        return c.revokedAt != null ? REVOKED : c.expiresAt.isAfter(now) ? ACTIVE : EXPIRED;
    }
}
