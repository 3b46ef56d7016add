package org.privacygateway.audit;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Records admin changes in the transaction of the change itself: no change without its record. */
@ApplicationScoped
public class AdminAudit {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public AdminAction record(String actor, String action, String targetType, String targetId, String reason,
            Object before, Object after) {
        AdminAction a = new AdminAction();
        a.id = UUID.randomUUID();
        a.occurredAt = clock.instant();
        a.actor = actor;
        a.action = action;
        a.targetType = targetType;
        a.targetId = targetId;
        a.reason = reason;
        a.beforeState = toJson(before);
        a.afterState = toJson(after);
        em.persist(a);
        return a;
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin action state is not serialisable", e);
        }
    }
}
