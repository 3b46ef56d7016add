package org.privacygateway.member;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What erasure keeps of a member recorded as under 13: a keyed hash of the login subject and the day the protection
 * ends. Nothing that names the member, and nothing of the erased account (see {@link MinorProtections}).
 */
@Entity
@Table(name = "minor_protection")
public class MinorProtection {

    /** HMAC-SHA-256 of the login subject under a key derived from the gateway secret, 64 hex digits. */
    @Id
    public String subjectHash;

    /** The first day of the month after the member's 13th birthday: the protection holds before it. */
    public LocalDate protectedUntil;
}
