package org.privacygateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.Purpose;

/** Writes access events. Called inside the transaction of the read it records, so both commit together. */
@ApplicationScoped
public class AccessLog {

    @Inject
    EntityManager em;

    /** One event per member read; the caller's transaction commits them (in one JDBC batch) before data leaves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordReads(String requestId, Instant at, String partnerId, Purpose purpose, String operation,
            List<MemberRead> reads) {
        for (MemberRead read : reads) {
            AccessEvent e = new AccessEvent();
            e.id = UUID.randomUUID();
            e.requestId = requestId;
            e.occurredAt = at;
            e.kind = AccessEvent.Kind.READ;
            e.partnerId = partnerId;
            e.memberId = read.memberId();
            e.purpose = purpose;
            e.operation = operation;
            e.served = served(read.decisions());
            e.masked = masked(read.decisions());
            em.persist(e);
        }
    }

    /** What one read of one member decided, for the categories the partner selected. */
    public record MemberRead(UUID memberId, Map<DataCategory, FieldDecision> decisions) {
    }

    static String served(Map<DataCategory, FieldDecision> decisions) {
        return decisions.values().stream()
                .filter(d -> !d.masked())
                .map(d -> d.category() + ":" + d.level())
                .collect(Collectors.joining(","));
    }

    static String masked(Map<DataCategory, FieldDecision> decisions) {
        return decisions.values().stream()
                .filter(FieldDecision::masked)
                .map(d -> d.category() + ":" + d.reason())
                .collect(Collectors.joining(","));
    }
}
