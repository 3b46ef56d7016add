package org.privacygateway.consent;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.partner.Partner;

/** Grants and revokes consents: updates the current view and appends the history in one transaction. */
@ApplicationScoped
public class ConsentLedger {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRED)
    public Consent grant(UUID memberId, Partner partner, DataCategory category, Purpose purpose, DisclosureLevel level,
            Instant now, Instant expiresAt, int policyVersion) {
        Consent consent = current(memberId, partner.id, category, purpose);
        boolean created = consent == null;
        if (created) {
            consent = new Consent();
            consent.id = UUID.randomUUID();
            consent.memberId = memberId;
            consent.partnerId = partner.id;
            consent.category = category;
            consent.purpose = purpose;
        }
        consent.level = level;
        consent.grantedAt = now;
        consent.expiresAt = expiresAt;
        consent.revokedAt = null;
        consent.policyVersion = policyVersion;
        consent.partnerPolicyUrl = partner.policyUrl;
        if (created) {
            em.persist(consent);
        }
        em.persist(ConsentEvent.of(consent, ConsentEvent.Action.GRANT, now));
        return consent;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public boolean revoke(UUID memberId, String partnerId, DataCategory category, Purpose purpose, Instant now) {
        Consent consent = current(memberId, partnerId, category, purpose);
        if (consent == null || consent.revoked()) {
            return false;
        }
        consent.revokedAt = now;
        em.persist(ConsentEvent.of(consent, ConsentEvent.Action.REVOKE, now));
        return true;
    }

    private Consent current(UUID memberId, String partnerId, DataCategory category, Purpose purpose) {
        return em.createQuery("""
                from Consent c where c.memberId = :member and c.partnerId = :partner
                 and c.category = :category and c.purpose = :purpose
                """, Consent.class)
                .setParameter("member", memberId)
                .setParameter("partner", partnerId)
                .setParameter("category", category)
                .setParameter("purpose", purpose)
                .getResultStream().findFirst().orElse(null);
    }
}
