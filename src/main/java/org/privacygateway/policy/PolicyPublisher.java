package org.privacygateway.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.audit.AdminAudit;
import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.Purpose;

/**
 * Publishes gateway policy versions. The source policy promises that changes are announced in advance of their
 * effective date, so a version must be published at least {@code gateway.policy.notice-days} before it applies, and
 * at most {@code gateway.policy.max-lead-days} before. Versions are numbered 1, 2, 3, …: each is the latest plus one,
 * so no number can be taken that leaves none after it. Versions are never edited; they take effect by date, with no
 * restart.
 */
@ApplicationScoped
public class PolicyPublisher {

    @Inject
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    public record Draft(int version, String url, String summary, Instant effectiveAt,
            Map<DataCategory, Set<Purpose>> matrix) {
    }

    @Transactional
    public PolicyVersion publish(String actor, Draft draft) {
        Instant now = clock.instant();
        // The url's and summary's own rules are on the GraphQL input; here only the rules that need the clock or
        // the versions already published.
        if (draft.effectiveAt() == null || !draft.effectiveAt().isAfter(now)) {
            throw GatewayException.validation("Field 'effectiveAt' must be in the future.");
        }
        Instant furthest = now.plus(Duration.ofDays(config.policy().maxLeadDays()));
        if (draft.effectiveAt().isAfter(furthest)) {
            throw GatewayException.validation("Field 'effectiveAt' must be at most " + config.policy().maxLeadDays()
                    + " days ahead; the latest date now is " + furthest + ".");
        }
        Integer latest = em.createQuery("select max(v.version) from PolicyVersion v", Integer.class).getSingleResult();
        int next = latest == null ? 1 : latest + 1;
        if (em.find(PolicyVersion.class, draft.version()) != null) {
            throw GatewayException.validation("Field 'version': version " + draft.version() + " already exists; the"
                    + " next version is " + next + ".");
        }
        if (draft.version() != next) {
            throw GatewayException.validation("Field 'version' must be " + next + ", the latest version plus one.");
        }
        Instant earliest = now.plus(Duration.ofDays(config.policy().noticeDays()));
        if (draft.effectiveAt().isBefore(earliest)) {
            throw new GatewayException(ErrorCode.NOTICE_PERIOD_TOO_SHORT, "A policy version must be published at least "
                    + config.policy().noticeDays() + " days before it takes effect; the earliest date now is " + earliest + ".");
        }
        PolicyVersion v = new PolicyVersion();
        v.version = draft.version();
        v.url = draft.url();
        v.summary = draft.summary().strip();
        v.publishedAt = now;
        v.effectiveAt = draft.effectiveAt();
        draft.matrix().forEach((category, purposes) -> purposes.forEach(p -> v.permissions.add(new PolicyPermission(category, p))));
        em.persist(v);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("version", v.version);
        after.put("url", v.url);
        after.put("effectiveAt", v.effectiveAt.toString());
        after.put("matrix", draft.matrix());
        audit.record(actor, "PUBLISH_POLICY_VERSION", "POLICY_VERSION", String.valueOf(v.version), v.summary, null, after);
        return v;
    }

    /** Versions published and not yet in force, soonest first. */
    @Transactional
    public List<PolicyVersion> upcoming() {
        return em.createQuery("select distinct v from PolicyVersion v left join fetch v.permissions where v.effectiveAt > :now order by v.effectiveAt",
                PolicyVersion.class).setParameter("now", clock.instant()).getResultList();
    }

}
