package org.privacygateway.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.Purpose;

/**
 * Statistics leave only as aggregates: counts of the members with a live ANALYTICS consent to the partner, minors
 * excluded, by country and by age band. Any bucket under k members is suppressed and only counted in a
 * "suppressed" figure. No identifier or free text ever appears.
 */
@ApplicationScoped
public class AudienceStats {

    static final String UNKNOWN = "unknown";

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    public record Bucket(String key, int count) {
    }

    public record Dimension(List<Bucket> buckets, int suppressed) {
    }

    public record Result(Integer total, boolean totalSuppressed, Dimension byCountry, Dimension byAgeBand, int k) {
    }

    @Transactional
    public Result forPartner(String partnerId) {
        Instant now = clock.instant();
        List<Object[]> rows = em.createQuery("""
                select m.country, m.birthDate from Member m
                where m.erasedAt is null
                  and exists (select 1 from Consent c where c.memberId = m.id and c.partnerId = :partner
                              and c.purpose = :analytics and c.revokedAt is null and c.expiresAt > :now)
                """, Object[].class)
                .setParameter("partner", partnerId)
                .setParameter("analytics", Purpose.ANALYTICS)
                .setParameter("now", now)
                .getResultList();
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
        boolean totalSuppressed = total < k;
        return new Result(totalSuppressed ? null : total, totalSuppressed, suppress(countries, k), suppress(bands, k), k);
    }

    static Dimension suppress(Map<String, Integer> counts, int k) {
        List<Bucket> kept = new ArrayList<>();
        int suppressed = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= k) {
                kept.add(new Bucket(e.getKey(), e.getValue()));
            } else {
                suppressed += e.getValue();
            }
        }
        return new Dimension(kept, suppressed);
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
