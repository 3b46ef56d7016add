package org.privacygateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/** Newest-first pages of the access log and the admin audit, by keyset on (time, id). */
@ApplicationScoped
public class AuditReads {

    @Inject
    EntityManager em;

    /** Up to {@code limit} events strictly older than the cursor position, if any. */
    @Transactional
    public List<AccessEvent> accessEvents(UUID memberId, String partnerId, Instant beforeAt, UUID beforeId, int limit) {
        StringBuilder jpql = new StringBuilder("from AccessEvent e where 1 = 1");
        if (memberId != null) {
            jpql.append(" and e.memberId = :member");
        }
        if (partnerId != null) {
            jpql.append(" and e.partnerId = :partner");
        }
        if (beforeAt != null) {
            jpql.append(" and (e.occurredAt < :at or (e.occurredAt = :at and e.id < :id))");
        }
        jpql.append(" order by e.occurredAt desc, e.id desc");
        TypedQuery<AccessEvent> q = em.createQuery(jpql.toString(), AccessEvent.class).setMaxResults(limit);
        if (memberId != null) {
            q.setParameter("member", memberId);
        }
        if (partnerId != null) {
            q.setParameter("partner", partnerId);
        }
        if (beforeAt != null) {
            q.setParameter("at", beforeAt).setParameter("id", beforeId);
        }
        return q.getResultList();
    }

    @Transactional
    public List<AdminAction> adminActions(Instant beforeAt, UUID beforeId, int limit) {
        TypedQuery<AdminAction> q = em.createQuery("from AdminAction a"
                + (beforeAt == null ? "" : " where a.occurredAt < :at or (a.occurredAt = :at and a.id < :id)")
                + " order by a.occurredAt desc, a.id desc", AdminAction.class).setMaxResults(limit);
        if (beforeAt != null) {
            q.setParameter("at", beforeAt).setParameter("id", beforeId);
        }
        return q.getResultList();
    }
}
