package org.privacygateway.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.privacygateway.masking.Purpose;

/**
 * One partner read of one member (or a legal disclosure, a guardian action, a birth-date change): what was served at which level and
 * what was masked for which reason. {@code served} and {@code masked} are compact lists such as
 * {@code EMAIL:FULL,NAME:PARTIAL} and {@code PHONE:CONSENT_REQUIRED}: never values.
 */
@Entity
@Table(name = "access_event")
public class AccessEvent extends PanacheEntityBase {

    public enum Kind {
        READ,
        DISCLOSURE,
        GUARDIAN,
        /** The member's birth date changed: by the member, or by an admin after a guardian's verification. */
        BIRTH_DATE
    }

    @Id
    public UUID id;

    /** Position in the log, assigned by the database at insert; what checkpoints seal in order (never written here). */
    @jakarta.persistence.Column(insertable = false, updatable = false)
    public Long seq;
    public String requestId;
    public Instant occurredAt;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    public String partnerId;
    public UUID memberId;
    /** Set when the member erased their account: the log then keeps only the partner-specific id. */
    public String pairwiseMemberId;

    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    public String operation;
    public String served;
    public String masked;
    /** For a legal disclosure: who received the data, on which legal basis, under which reference. */
    public String recipient;
    public String legalBasis;
    public String reference;
}
