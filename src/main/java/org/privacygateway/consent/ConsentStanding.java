package org.privacygateway.consent;

import java.time.Instant;

import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerStatus;

/**
 * How a member's consent stands, as the member is shown it: its {@link ConsentStatus} and, for an active consent that
 * still shares nothing, why. Computed here once for the member API and the consent center.
 *
 * @param notInEffect null unless the consent is ACTIVE and yet nothing is shared under it
 */
public record ConsentStanding(ConsentStatus status, NotInEffect notInEffect) {

    /** Why an active consent shares nothing. */
    public enum NotInEffect {
        /** The partner is suspended and receives nothing at all. */
        PARTNER_SUSPENDED,
        /** The partner no longer declares this category for this purpose (the masking reason NOT_REQUESTED). */
        NOT_REQUESTED
    }

    /** Active and in effect: the partner may see the category under this consent (other rules permitting). */
    public boolean inEffect() {
        return status == ConsentStatus.ACTIVE && notInEffect == null;
    }

    public static ConsentStanding of(Consent c, Partner p, Instant now) {
        ConsentStatus status = ConsentStatus.of(c, now);
        NotInEffect notInEffect = null;
        if (status == ConsentStatus.ACTIVE) {
            if (p.status != PartnerStatus.ACTIVE) {
                notInEffect = NotInEffect.PARTNER_SUSPENDED;
            } else if (p.requests.stream().noneMatch(r -> r.category == c.category && r.purpose == c.purpose)) {
                notInEffect = NotInEffect.NOT_REQUESTED;
            }
        }
        return new ConsentStanding(status, notInEffect);
    }
}
