package org.privacygateway.consent;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/** Append-only history of consents: one row per grant or revocation, never updated. */
@Entity
@Table(name = "consent_event")
public class ConsentEvent extends PanacheEntityBase {

    public enum Action {
        GRANT,
        REVOKE,
        /** Recorded when the gateway notices a consent ran out. */
        EXPIRE,
        /** The member erased their account; the consent ended with it. */
        ERASE
    }

    @Id
    public UUID id;
    public UUID memberId;
    public String partnerId;

    @Enumerated(EnumType.STRING)
    public DataCategory category;

    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    @Enumerated(EnumType.STRING)
    public Action action;

    @Enumerated(EnumType.STRING)
    public DisclosureLevel level;

    public Instant occurredAt;
    public Instant expiresAt;
    public int policyVersion;
    public String partnerPolicyUrl;
    /** The member as this event's partner knows them, for the partner's change feed. */
    public String pairwiseMemberId;

    static ConsentEvent of(Consent consent, Action action, Instant at) {
        ConsentEvent e = new ConsentEvent();
        e.id = UUID.randomUUID();
        e.memberId = consent.memberId;
        e.partnerId = consent.partnerId;
        e.category = consent.category;
        e.purpose = consent.purpose;
        e.action = action;
        e.level = consent.level;
        e.occurredAt = at;
        e.expiresAt = consent.expiresAt;
        e.policyVersion = consent.policyVersion;
        e.partnerPolicyUrl = consent.partnerPolicyUrl;
        return e;
    }
}
