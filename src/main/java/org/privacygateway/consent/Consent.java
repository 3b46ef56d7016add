package org.privacygateway.consent;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.privacygateway.masking.ConsentState;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/**
 * Current state of one consent (member × partner × category × purpose). Every change to it is also appended to
 * {@link ConsentEvent}, which is the history; this row is the view reads use.
 */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID memberId;
    public String partnerId;

    @Enumerated(EnumType.STRING)
    public DataCategory category;

    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    @Enumerated(EnumType.STRING)
    public DisclosureLevel level;

    public Instant grantedAt;
    public Instant expiresAt;
    public Instant revokedAt;
    /** Gateway policy version in force when granted. */
    public int policyVersion;
    /** The partner's policy URL the member was shown when granting. */
    public String partnerPolicyUrl;
    /** An EXPIRE event was written for the current grant. */
    public boolean expiryRecorded;

    /**
     * Where the member comes in this partner's {@code members} pages: derived from the partner's pairwise id of the
     * member, so no two partners share an order ({@link PairwiseIds#sortKey}).
     */
    public Long memberOrder;

    public boolean revoked() {
        return revokedAt != null;
    }

    public ConsentState state() {
        return new ConsentState(level, expiresAt);
    }
}
