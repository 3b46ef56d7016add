package org.privacygateway.member;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.audit.ExpiringRecords;
import org.privacygateway.config.GatewayConfig;
import org.privacygateway.masking.DisclosureDecision;

/**
 * The protection for children that erasure cannot reset. Erasure ends an account and detaches it from the login, and
 * the next sign-in of that login starts a new, empty account; without this, a child could erase and come back as a
 * member of no known age, then grant consents or give an adult's birth date. So erasing a member who counts as under
 * 13 keeps one {@link MinorProtection}: a keyed hash of the login subject (never the subject, never the member id) and
 * the first day of the month after the member's 13th birthday. A new account of the same login takes it over (the
 * row goes, the account starts as a minor until that day) and its own erasure keeps it again.
 *
 * <p>The day is rounded up to a month so that the row does not hold a birth date: it tells the key's holder, for a
 * login they already know, the month of a child's birth, and costs a child who erased and came back at most a month
 * of being treated as 12. The retention purge ({@code audit.RetentionJob}) deletes the row on that day.
 *
 * <p>The key is derived from the pairwise-id secret ({@code gateway.pairwise.secret}, which the production guard
 * checks) with its own label, so it is unrelated to every pairwise-id key; changing that secret makes the kept
 * markers unfindable, as it changes every pairwise id. The subject alone is hashed, not issuer and subject: accounts
 * are matched by the subject alone ({@link MemberAccount#bySubject}), so the marker is found whenever the account
 * would be.
 */
@ApplicationScoped
public class MinorProtections implements ExpiringRecords {

    private final SecretKeySpec key;

    @Inject
    EntityManager em;

    @Inject
    public MinorProtections(GatewayConfig config) {
        this(config.pairwise().secret());
    }

    MinorProtections(String secret) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "minor-protection/v1"), "HmacSHA256");
    }

    /**
     * When the protection of a member with this birth date (the one the minors rule goes by) ends, rounded up to the
     * first day of a month; null when the member is not a minor at {@code now}.
     */
    public static LocalDate protectionEnds(LocalDate birthDate, Instant now) {
        if (!DisclosureDecision.isMinor(birthDate, now)) {
            return null;
        }
        LocalDate thirteenth = birthDate.plusYears(DisclosureDecision.MINOR_AGE);
        return thirteenth.getDayOfMonth() == 1 ? thirteenth : thirteenth.withDayOfMonth(1).plusMonths(1);
    }

    /**
     * At erasure: keeps the marker if the member counts as under 13 now (never shortening one already kept); keeps
     * nothing otherwise. In the erasure's transaction, after the member's row lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keep(String subject, LocalDate birthDate, Instant now) {
        LocalDate until = protectionEnds(birthDate, now);
        if (until == null) {
            return;
        }
        String hash = hash(subject);
        MinorProtection kept = em.find(MinorProtection.class, hash);
        if (kept == null) {
            kept = new MinorProtection();
            kept.subjectHash = hash;
            kept.protectedUntil = until;
            em.persist(kept);
        } else if (until.isAfter(kept.protectedUntil)) {
            kept.protectedUntil = until;
        }
    }

    /**
     * At the first sign-in of a login: gives the new account the protection kept for its subject, if any is still
     * running (the member then counts as a minor until it ends, with the birth date it implies, marked as carried
     * over), and deletes the marker, which now lives in the account.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void carryOver(Member created, Instant now) {
        MinorProtection kept = em.find(MinorProtection.class, hash(created.subject));
        if (kept == null) {
            return;
        }
        if (kept.protectedUntil.isAfter(today(now))) {
            // The first of a month, 13 years before the end: a minor exactly until the protection ends.
            created.birthDate = kept.protectedUntil.minusYears(DisclosureDecision.MINOR_AGE);
            created.birthDateCarriedOver = true;
        }
        em.remove(kept);
    }

    /** The end of the protection kept for this login subject, if any is still running. */
    @Transactional
    public Optional<LocalDate> keptFor(String subject, Instant now) {
        MinorProtection kept = em.find(MinorProtection.class, hash(subject));
        return kept == null || !kept.protectedUntil.isAfter(today(now)) ? Optional.empty()
                : Optional.of(kept.protectedUntil);
    }

    /** For the member's export: what erasing their account now would keep, and why. */
    public Map<String, Object> whatErasureKeeps(LocalDate birthDate, Instant now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("always", "The emptied account row (an internal id, its creation and erasure times), the consent"
                + " history and receipts (partner, category, purpose, level, times), the record of who read your data"
                + " (a partner's reads with only the id that partner holds for you), the audit of changes made to your"
                + " account, and the record of the erasure request. None of it holds your name, contact details,"
                + " addresses, company, card or birth date.");
        LocalDate until = protectionEnds(birthDate, now);
        if (until == null) {
            doc.put("childProtection", null);
        } else {
            Map<String, Object> child = new LinkedHashMap<>();
            child.put("kept", "A keyed hash (HMAC-SHA-256) of your login's subject, and the date below; no name, no"
                    + " birth date, no account id.");
            child.put("until", until.toString());
            child.put("why", "You are recorded as under 13. Signing in again with the same login starts a new account"
                    + " that is still protected as a child's until this date (the first day of the month after your"
                    + " 13th birthday); a parent or guardian can have it corrected.");
            child.put("deleted", "On that date, or when you sign in again (the new account then holds the protection).");
            doc.put("childProtection", child);
        }
        return doc;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public long purgeExpired(Instant now) {
        return em.createQuery("delete from MinorProtection p where p.protectedUntil <= :today")
                .setParameter("today", today(now)).executeUpdate();
    }

    @Override
    public String description() {
        return "ended child-protection markers";
    }

    String hash(String subject) {
        return HexFormat.of().formatHex(hmac(key, subject));
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private static byte[] hmac(SecretKeySpec key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
