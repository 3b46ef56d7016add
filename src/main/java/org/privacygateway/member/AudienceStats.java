package org.privacygateway.member;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.Purpose;
import org.privacygateway.ops.ClusterJobs;
import org.privacygateway.partner.Partner;

/**
 * Statistics leave only as aggregates, and never live: counts of the members with a live ANALYTICS consent to the
 * partner, minors excluded, by country and by age band, from a snapshot taken once per period
 * ({@code gateway.stats.period}, at least a day). Every published count is rounded to the nearest multiple of
 * {@code gateway.stats.rounding}; any bucket with fewer than k members is left out, and so is the total under k,
 * with no count of what was left out. Only the published figures are stored; no identifier or free text appears.
 *
 * <p>So a partner who watches one member revoke in {@code consentChanges} sees the statistics move at the next
 * period at the earliest, together with every other change of that period, and only by whole rounding steps.
 *
 * <p>Safe with several replicas: the snapshot of a period is written at most once per partner (unique key on
 * partner and period start); a replica that loses the race leaves the winner's row as it is.
 */
@ApplicationScoped
public class AudienceStats {

    public static final String SNAPSHOT_JOB = "audience-snapshot";

    @Inject
    ClusterJobs jobs;

    static final String UNKNOWN = "unknown";

    /** The members a partner's snapshot counts: not erased, with a live ANALYTICS consent to it. */
    private static final String COUNTED = """
            where m.erasedAt is null
              and exists (select 1 from Consent c where c.memberId = m.id and c.partnerId = :partner
                          and c.purpose = :analytics and c.revokedAt is null and c.expiresAt > :now)
            """;
    private static final TypeReference<List<Bucket>> BUCKETS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MemberSource source;

    public record Bucket(String key, int count) {
    }

    /** Published statistics: {@code total} null when under k. */
    public record Result(Integer total, List<Bucket> byCountry, List<Bucket> byAgeBand, int k, int rounding,
            Instant periodStart, Instant takenAt) {
    }

    /** The latest snapshot for the partner; refused with UNAVAILABLE while none has been taken yet. */
    public Result forPartner(String partnerId) {
        List<AudienceSnapshot> found = QuarkusTransaction.joiningExisting().call(() -> em.createQuery(
                "from AudienceSnapshot s where s.partnerId = :p and s.periodStart <= :now order by s.periodStart desc",
                AudienceSnapshot.class)
                .setParameter("p", partnerId)
                .setParameter("now", clock.instant())
                .setMaxResults(1)
                .getResultList());
        if (found.isEmpty()) {
            throw new GatewayException(ErrorCode.UNAVAILABLE, "Audience statistics are not yet available: they come"
                    + " from a snapshot taken once per " + describe(period()) + ", and the first one for this partner"
                    + " has not been taken yet. Try again later.");
        }
        AudienceSnapshot s = found.get(0);
        return new Result(s.total, read(s.byCountry), read(s.byAgeBand), s.k, s.rounding, s.periodStart, s.takenAt);
    }

    // ---- the snapshot job

    void onStart(@Observes @Priority(30) StartupEvent event) {
        checkSettings(config.stats());
        if (!config.startUpWork()) {
            return;
        }
        // At start too through the job lock (no gap: a replica starting late still fills a period it finds empty).
        // A failure is logged and counted; the statistics answer "not yet available" until the next run.
        jobs.run(SNAPSHOT_JOB, Duration.ZERO, this::takeDue);
    }

    @Scheduled(identity = SNAPSHOT_JOB, every = "${gateway.stats.snapshot-check}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        jobs.run(SNAPSHOT_JOB, execution, this::takeDue);
    }

    /** Refuses settings that would weaken the statistics' protection. */
    static void checkSettings(GatewayConfig.Stats stats) {
        if (stats.period().compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalStateException("gateway.stats.period must be at least P1D (one snapshot a day at most)");
        }
        if (stats.k() < 2) {
            throw new IllegalStateException("gateway.stats.k must be at least 2");
        }
        if (stats.rounding() < 1) {
            throw new IllegalStateException("gateway.stats.rounding must be at least 1");
        }
    }

    /**
     * Takes the snapshot of the current period for every partner that declared ANALYTICS and has none yet.
     *
     * @return how many snapshots this call wrote
     */
    public int takeDue() {
        Instant now = clock.instant();
        Instant periodStart = periodStart(now, period());
        List<String> due = QuarkusTransaction.requiringNew().call(() -> {
            List<String> taken = em.createQuery(
                    "select s.partnerId from AudienceSnapshot s where s.periodStart = :start", String.class)
                    .setParameter("start", periodStart).getResultList();
            return em.createQuery("from Partner p", Partner.class).getResultList().stream()
                    .filter(p -> p.terms().declares(Purpose.ANALYTICS))
                    .map(p -> p.id)
                    .filter(id -> !taken.contains(id))
                    .toList();
        });
        int written = 0;
        for (String partnerId : due) {
            try {
                QuarkusTransaction.requiringNew().run(() -> snapshot(partnerId, periodStart, now));
                written++;
            } catch (RuntimeException e) {
                if (exists(partnerId, periodStart)) {
                    // Another replica wrote this period's row first (unique key): its row stands.
                    Log.debugf("Audience snapshot of %s for %s was taken by another replica", partnerId, periodStart);
                } else {
                    Log.warnf("Audience snapshot of %s for %s failed (%s)", partnerId, periodStart,
                            e.getClass().getSimpleName());
                }
            }
        }
        if (written > 0) {
            Log.infof("Took %d audience snapshots for the period from %s", written, periodStart);
        }
        return written;
    }

    private boolean exists(String partnerId, Instant periodStart) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createQuery(
                "select s.id from AudienceSnapshot s where s.partnerId = :p and s.periodStart = :start", UUID.class)
                .setParameter("p", partnerId).setParameter("start", periodStart).getResultList().isEmpty());
    }

    /** Country and birth date of each counted member, from the gateway's own member table. */
    private List<Object[]> localRows(String partnerId, Instant now) {
        return em.createQuery("select m.country, m.birthDate from Member m " + COUNTED, Object[].class)
                .setParameter("partner", partnerId)
                .setParameter("analytics", Purpose.ANALYTICS)
                .setParameter("now", now)
                .getResultList();
    }

    /**
     * Country and birth date of each counted member, from the member service: the members with a live ANALYTICS
     * consent come from the gateway, their facts in batches of the contract's largest batch. A service that cannot
     * answer leaves the period without a snapshot; the next check tries again.
     */
    private List<Object[]> sourcedRows(String partnerId, Instant now) {
        List<Member> members = em.createQuery("select m from Member m " + COUNTED, Member.class)
                .setParameter("partner", partnerId)
                .setParameter("analytics", Purpose.ANALYTICS)
                .setParameter("now", now)
                .getResultList();
        Map<UUID, SourcedMember> facts = source.read(members);
        List<Object[]> rows = new java.util.ArrayList<>(members.size());
        for (Member m : members) {
            SourcedMember f = facts.get(m.id);
            if (f == null) {
                continue; // unknown to the marketplace: treated as erased
            }
            SourcedMember.Merged merged = SourcedMember.merge(m, f);
            rows.add(new Object[] { merged.values().address() == null ? null : merged.values().address().country(),
                    merged.birthDate() });
        }
        return rows;
    }

    private void snapshot(String partnerId, Instant periodStart, Instant now) {
        List<Object[]> rows = source.local() ? localRows(partnerId, now) : sourcedRows(partnerId, now);
        Map<String, Integer> countries = new TreeMap<>();
        Map<String, Integer> bands = new TreeMap<>();
        int total = 0;
        for (Object[] row : rows) {
            LocalDate birth = (LocalDate) row[1];
            if (DisclosureDecision.isMinor(birth, now)) {
                continue;
            }
            total++;
            countries.merge(row[0] == null ? UNKNOWN : (String) row[0], 1, Integer::sum);
            bands.merge(ageBand(birth, now), 1, Integer::sum);
        }
        int k = config.stats().k();
        int rounding = config.stats().rounding();
        AudienceSnapshot s = new AudienceSnapshot();
        s.id = UUID.randomUUID();
        s.partnerId = partnerId;
        s.periodStart = periodStart;
        s.takenAt = now;
        s.k = k;
        s.rounding = rounding;
        s.total = total < k ? null : round(total, rounding);
        s.byCountry = write(publish(countries, k, rounding));
        s.byAgeBand = write(publish(bands, k, rounding));
        em.persist(s);
        em.flush();
    }

    /** Buckets of at least k members, each rounded; the others are dropped without a trace. */
    static List<Bucket> publish(Map<String, Integer> counts, int k, int rounding) {
        List<Bucket> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= k) {
                kept.add(new Bucket(e.getKey(), round(e.getValue(), rounding)));
            }
        }
        return kept;
    }

    /** To the nearest multiple of {@code unit}, halves up. */
    static int round(int count, int unit) {
        return (int) (Math.floorDiv(count + unit / 2, unit) * (long) unit);
    }

    static Instant periodStart(Instant now, Duration period) {
        long seconds = period.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds);
    }

    private Duration period() {
        return config.stats().period();
    }

    private static String describe(Duration period) {
        long days = period.toDays();
        return period.equals(Duration.ofDays(days)) ? (days == 1 ? "day" : days + " days") : period.toString();
    }

    private String write(List<Bucket> buckets) {
        try {
            return json.writeValueAsString(buckets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("buckets are not serialisable", e);
        }
    }

    private List<Bucket> read(String stored) {
        try {
            return json.readValue(stored, BUCKETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored buckets are not readable", e);
        }
    }

    static String ageBand(LocalDate birth, Instant now) {
        if (birth == null) {
            return UNKNOWN;
        }
        int age = Period.between(birth, LocalDate.ofInstant(now, ZoneOffset.UTC)).getYears();
        if (age < 18) {
            return "13-17";
        }
        if (age >= 65) {
            return "65+";
        }
        int[] edges = { 18, 25, 35, 45, 55, 65 };
        for (int i = 0; i < edges.length - 1; i++) {
            if (age < edges[i + 1]) {
                return edges[i] + "-" + (edges[i + 1] - 1);
            }
        }
        return UNKNOWN;
    }
}
