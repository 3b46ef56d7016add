package org.privacygateway.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;

import org.privacygateway.partner.Partner;

/** Reads of consents, receipts and the partner change feed. */
@ApplicationScoped
public class MemberConsents {

    @Inject
    EntityManager em;

    /** A member's consents with the partner each one is for (hosts and requests loaded). */
    public record Entry(Consent consent, Partner partner) {

        /** Where this consent stands at {@code now}. */
        public ConsentStanding standing(Instant now) {
            return ConsentStanding.of(consent, partner, now);
        }
    }

    @Transactional
    public List<Entry> consentsOf(UUID memberId) {
        List<Consent> consents = em.createQuery(
                "from Consent c where c.memberId = :m order by c.partnerId, c.category, c.purpose", Consent.class)
                .setParameter("m", memberId).getResultList();
        Map<String, Partner> partners = em.createQuery(
                "select distinct p from Partner p left join fetch p.requests where p.id in (select c.partnerId from Consent c where c.memberId = :m)",
                Partner.class).setParameter("m", memberId).getResultList().stream()
                .collect(Collectors.toMap(p -> p.id, Function.identity()));
        return consents.stream().map(c -> new Entry(c, partners.get(c.partnerId))).toList();
    }

    @Transactional
    public List<ConsentReceipt> receiptsOf(UUID memberId) {
        return ConsentReceipt.list("memberId", Sort.descending("issuedAt", "id"), memberId);
    }

    @Transactional
    public ConsentReceipt receipt(UUID memberId, UUID receiptId) {
        ConsentReceipt r = em.find(ConsentReceipt.class, receiptId);
        return r != null && memberId.equals(r.memberId) ? r : null;
    }

    /** The ended consents (revoked, expired, erased) a partner must act on, oldest first after a position. */
    @Transactional
    public List<ConsentEvent> changesFor(String partnerId, Instant afterAt, UUID afterId, int limit) {
        var q = em.createQuery("from ConsentEvent e where e.partnerId = :p and e.action in :actions"
                + (afterAt == null ? "" : " and (e.occurredAt > :at or (e.occurredAt = :at and e.id > :id))")
                + " order by e.occurredAt, e.id", ConsentEvent.class)
                .setParameter("p", partnerId)
                .setParameter("actions", List.of(ConsentEvent.Action.REVOKE, ConsentEvent.Action.EXPIRE,
                        ConsentEvent.Action.ERASE))
                .setMaxResults(limit);
        if (afterAt != null) {
            q.setParameter("at", afterAt).setParameter("id", afterId);
        }
        return q.getResultList();
    }
}
