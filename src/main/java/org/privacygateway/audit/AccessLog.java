package org.privacygateway.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.privacygateway.config.Jdbc;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.Purpose;
import org.privacygateway.ops.GatewayMetrics;

/** Writes access events. Called inside the transaction of the read it records, so both commit together. */
@ApplicationScoped
public class AccessLog {

    @Inject
    GatewayMetrics metrics;

    @Inject
    EntityManager em;

    /**
     * One event per member read, sent as one JDBC batch on the caller's transaction, which commits them before data
     * leaves. Plain JDBC: these rows are written once and never read back in the transaction, so Hibernate's
     * per-entity bookkeeping (a managed copy of each, checked again at flush) would be all cost.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @WithSpan("gateway.access-log.write")
    public void recordReads(String requestId, Instant at, String partnerId, Purpose purpose, String operation,
            List<MemberRead> reads) {
        if (reads.isEmpty()) {
            return;
        }
        java.time.OffsetDateTime occurred = at.atOffset(java.time.ZoneOffset.UTC);
        Map<GatewayMetrics.FieldKey, Integer> fields = new HashMap<>();
        for (MemberRead read : reads) {
            for (FieldDecision d : read.decisions().values()) {
                fields.merge(new GatewayMetrics.FieldKey(d.category().name(), d.masked() ? "masked" : "served",
                        d.reason().name()), 1, Integer::sum);
            }
        }
        metrics.fieldsAfterCommit(partnerId, fields);
        Jdbc.work(em, 1, connection -> {
            try (java.sql.PreparedStatement s = connection.prepareStatement("insert into access_event"
                    + " (id, request_id, occurred_at, kind, partner_id, member_id, purpose, operation, served, masked)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (MemberRead read : reads) {
                    s.setObject(1, UUID.randomUUID());
                    s.setString(2, requestId);
                    s.setObject(3, occurred);
                    s.setString(4, AccessEvent.Kind.READ.name());
                    s.setString(5, partnerId);
                    s.setObject(6, read.memberId());
                    s.setString(7, purpose == null ? null : purpose.name());
                    s.setString(8, operation);
                    s.setString(9, served(read.decisions()));
                    s.setString(10, masked(read.decisions()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
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
