package org.privacygateway.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Newest-first pages of the access log and the admin audit, by keyset on (time, id). Admin and member-side reads:
 * Panache queries, one statement per page (see docs/decisions/0005).
 */
@ApplicationScoped
public class AuditReads {

    private static final Sort NEWEST_FIRST = Sort.descending("occurredAt", "id");

    /** Up to {@code limit} events strictly older than the cursor position, if any. */
    @Transactional
    public List<AccessEvent> accessEvents(UUID memberId, String partnerId, Instant beforeAt, UUID beforeId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (memberId != null) {
            where.add("memberId = :member");
            params.and("member", memberId);
        }
        if (partnerId != null) {
            where.add("partnerId = :partner");
            params.and("partner", partnerId);
        }
        if (beforeAt != null) {
            where.add("(occurredAt < :at or (occurredAt = :at and id < :id))");
            params.and("at", beforeAt).and("id", beforeId);
        }
        var query = where.isEmpty() ? AccessEvent.<AccessEvent>findAll(NEWEST_FIRST)
                : AccessEvent.<AccessEvent>find(String.join(" and ", where), NEWEST_FIRST, params);
        return query.page(0, limit).list();
    }

    @Transactional
    public List<AdminAction> adminActions(Instant beforeAt, UUID beforeId, int limit) {
        var query = beforeAt == null ? AdminAction.<AdminAction>findAll(NEWEST_FIRST)
                : AdminAction.<AdminAction>find("occurredAt < :at or (occurredAt = :at and id < :id)", NEWEST_FIRST,
                        Parameters.with("at", beforeAt).and("id", beforeId));
        return query.page(0, limit).list();
    }
}
