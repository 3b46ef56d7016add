package org.privacygateway.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.audit.AdminAudit;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.DisclosureDecision;

/**
 * The only way a member's birth date changes. The minors rule is only as good as the birth date, so:
 * <ul>
 *   <li>a member recorded as under 13 cannot move their own birth date earlier (which would make them 13 or older,
 *       now or sooner than the recorded date): only an admin can, after a parent's or guardian's verification, whose
 *       reference is required;</li>
 *   <li>every change, by whoever, is recorded twice in the transaction of the change: in the member's history (an
 *       access event of kind BIRTH_DATE) and in the admin audit. Neither record holds the dates themselves;</li>
 *   <li>a change that makes a member a minor ends every consent they gave, as ordinary revocations: partners see
 *       consents end, as they would for any member who revokes, and never learn why.</li>
 * </ul>
 * A birth date carried over from an erased account of the same login ({@link MinorProtections}) is held to the same
 * rule: the member may give a later date (which replaces it), never an earlier one.
 */
@ApplicationScoped
public class BirthDates {

    public static final String MEMBER_CHANGE = "CHANGE_BIRTH_DATE";
    public static final String GUARDIAN_VERIFIED_CORRECTION = "CORRECT_BIRTH_DATE";

    @Inject
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    ConsentLedger ledger;

    @Inject
    Clock clock;

    /** Refuses, before anything is written, a member's own change that a minor may not make. */
    public void checkMemberChange(Member m, LocalDate requested) {
        Instant now = clock.instant();
        if (requested == null || Objects.equals(requested, m.birthDate)) {
            return;
        }
        checkDate(requested, now);
        if (DisclosureDecision.isMinor(m.birthDate, now) && requested.isBefore(m.birthDate)) {
            throw new GatewayException(ErrorCode.MINOR_REQUIRES_GUARDIAN, "birthDate", m.birthDateCarriedOver
                    ? "Field 'birthDate': an earlier account of your login was erased while recorded as under 13, so"
                            + " a birth date that makes you 13 or older sooner needs a parent's or guardian's"
                            + " verification. Please ask them to contact our support."
                    : "Field 'birthDate': you are recorded as under 13, so an earlier birth date needs a parent's or"
                            + " guardian's verification. Please ask them to contact our support.");
        }
    }

    /** A member's own change, already checked with {@link #checkMemberChange}; a no-op when the date is unchanged. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyMemberChange(Member m, LocalDate requested) {
        if (requested != null && m.birthDateCarriedOver && requested.equals(m.birthDate)) {
            m.birthDateCarriedOver = false; // the member gives the very date: now theirs, and nothing changes
            return;
        }
        if (requested == null || Objects.equals(requested, m.birthDate)) {
            return;
        }
        checkMemberChange(m, requested);
        apply(m, requested, "member:" + m.id, MEMBER_CHANGE, "updateMyProfile", "Changed by the member", null);
    }

    /**
     * An admin's correction after a parent's or guardian's verification: the only way a member recorded as under 13
     * becomes 13 or older before their recorded thirteenth birthday.
     */
    @Transactional
    public AccessEvent correctAfterVerification(String actor, UUID memberId, LocalDate birthDate,
            String verificationReference) {
        if (verificationReference == null || verificationReference.isBlank()) {
            throw GatewayException.validation("Field 'verificationReference' is required: give the reference of the"
                    + " parent's or guardian's verification.");
        }
        if (verificationReference.strip().length() > 200) {
            throw GatewayException.validation("Field 'verificationReference' must be at most 200 characters.");
        }
        if (birthDate == null) {
            throw GatewayException.validation("Field 'birthDate' is required.");
        }
        checkDate(birthDate, clock.instant());
        Member m = memberId == null ? null : em.find(Member.class, memberId);
        if (m == null || m.erased()) {
            throw GatewayException.validation("Field 'memberId': no such member.");
        }
        return apply(m, birthDate, actor, GUARDIAN_VERIFIED_CORRECTION, "correctBirthDate",
                "Corrected after a parent's or guardian's verification", verificationReference.strip());
    }

    private AccessEvent apply(Member m, LocalDate birthDate, String actor, String action, String operation,
            String how, String reference) {
        Instant now = clock.instant();
        boolean minorBefore = DisclosureDecision.isMinor(m.birthDate, now);
        boolean knownBefore = m.birthDate != null;
        boolean carriedOver = m.birthDateCarriedOver;
        m.birthDate = birthDate;
        m.birthDateCarriedOver = false;
        m.updatedAt = now;
        boolean minorAfter = DisclosureDecision.isMinor(birthDate, now);
        if (minorAfter) {
            // Consents given by someone now known to be a child end at once, as plain revocations.
            List<String> partners = em.createQuery(
                    "select distinct c.partnerId from Consent c where c.memberId = :m and c.revokedAt is null",
                    String.class).setParameter("m", m.id).getResultList();
            partners.forEach(p -> ledger.revoke(m.id, p, null, null));
        }

        AccessEvent e = new AccessEvent();
        e.id = UUID.randomUUID();
        e.requestId = UUID.randomUUID().toString();
        e.occurredAt = now;
        e.kind = AccessEvent.Kind.BIRTH_DATE;
        e.memberId = m.id;
        e.operation = operation;
        e.served = "";
        e.masked = "";
        e.legalBasis = how;
        e.reference = reference;
        em.persist(e);

        Map<String, Object> before = new LinkedHashMap<>();
        before.put("birthDateRecorded", knownBefore);
        before.put("under13", minorBefore);
        if (carriedOver) {
            before.put("carriedOverFromErasedAccount", true);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("birthDateRecorded", true);
        after.put("under13", minorAfter);
        audit.record(actor, action, "MEMBER", m.id.toString(), reference == null ? how : reference, before, after);
        Log.infof("Birth date of member %s changed (%s); under 13 before: %s, after: %s", m.id, action, minorBefore,
                minorAfter);
        return e;
    }

    private static void checkDate(LocalDate birthDate, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        if (birthDate.isAfter(today)) {
            throw GatewayException.invalidField("birthDate", "Field 'birthDate' is in the future.");
        }
        if (birthDate.isBefore(today.minusYears(130))) {
            throw GatewayException.invalidField("birthDate", "Field 'birthDate' is more than 130 years ago.");
        }
    }
}
