package org.privacygateway.plan;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.privacygateway.masking.ConsentState;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.MemberFacts;
import org.privacygateway.masking.PartnerTerms;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.DeclarationChange;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerAdmin;
import org.privacygateway.partner.PartnerFile;
import org.privacygateway.partner.PartnerFileException;
import org.privacygateway.partner.PartnerFiles;
import org.privacygateway.partner.PartnerSource;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.partner.PartnerSync;
import org.privacygateway.policy.PolicyService;

/**
 * Plans a change of partner declarations before it is applied: what differs from the database, and for each request
 * removed or narrowed, how many members are served the field now and would not be (or only in part) afterwards.
 *
 * <p>The counts come from the masking decision itself: every member the partner can address (one with a consent row
 * for it, live or not) is decided under the partner's terms now and under the new ones, exactly as a read would
 * (consents in force, public categories, minors, erased members, opt-outs and policy versions included). Only counts leave
 * this class, never a member. Reads only: on PostgreSQL its transaction is {@code READ ONLY}.
 */
@ApplicationScoped
public class DeclarationPlanner {

    /** Members decided per batch: bounded memory whatever the number of consents. */
    static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    PolicyService policies;

    @Inject
    PartnerAdmin partnerAdmin;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    /**
     * The plan of every file of the folder against the database, in file order, then the file partners whose file is
     * gone. Throws {@link PartnerFileException} when a file is invalid (the same check as at start).
     */
    @Transactional
    public List<DeclarationPlan> planFolder(Path dir) {
        readOnly();
        List<PartnerFile> files = PartnerFiles.readFolder(dir);
        Instant now = clock.instant();
        List<DeclarationPlan> plans = new ArrayList<>();
        Set<String> inFiles = new LinkedHashSet<>();
        for (PartnerFile file : files) {
            inFiles.add(file.id());
            Partner stored = em.find(Partner.class, file.id());
            List<String> problems = PartnerSync.refusals(file, stored).stream()
                    .map(PartnerFileException.Problem::describe).toList();
            String source = dir.resolve(file.id() + ".yaml").toString();
            plans.add(plan(stored, file, source, problems, now));
        }
        List<String> active = em.createQuery(
                "select p.id from Partner p where p.source = :file and p.status = :active order by p.id", String.class)
                .setParameter("file", PartnerSource.FILE).setParameter("active", PartnerStatus.ACTIVE).getResultList();
        for (String id : active) {
            if (!inFiles.contains(id)) {
                Partner stored = em.find(Partner.class, id);
                List<DeclarationChange> changes = DeclarationChange.suspension(stored);
                plans.add(new DeclarationPlan(stored.id, dir.resolve(stored.id + ".yaml") + " (gone)",
                        DeclarationPlan.Status.SUSPENDED, rows(stored, PartnerTerms.builder().build(), changes, now),
                        List.of()));
            }
        }
        return plans;
    }

    /**
     * The plan of an admin's {@code updatePartner} input. Refuses (VALIDATION) what the update refuses for its input,
     * as the update would; a raised level is not thrown but listed in the plan's problems.
     */
    @Transactional
    public DeclarationPlan planUpdate(String id, PartnerFile input) {
        readOnly();
        Partner stored = partnerAdmin.checkInput(id, input);
        List<String> problems = DeclarationChange.between(stored, input).stream()
                .filter(DeclarationChange::refused).map(DeclarationChange::refusal).toList();
        return plan(stored, input, "admin API", problems, clock.instant());
    }

    private DeclarationPlan plan(Partner stored, PartnerFile next, String source, List<String> problems, Instant now) {
        List<DeclarationChange> changes = DeclarationChange.between(stored, next);
        DeclarationPlan.Status status = stored == null ? DeclarationPlan.Status.NEW
                : changes.isEmpty() ? DeclarationPlan.Status.UNCHANGED : DeclarationPlan.Status.CHANGED;
        PartnerTerms after = terms(next);
        return new DeclarationPlan(next.id(), source, status,
                stored == null ? changes.stream().map(c -> new DeclarationPlan.Row(c, 0, 0)).toList()
                        : rows(stored, after, changes, now),
                problems);
    }

    private static PartnerTerms terms(PartnerFile file) {
        PartnerTerms.Builder builder = PartnerTerms.builder();
        for (PartnerFile.Request r : file.requests()) {
            builder.declare(r.category(), r.purpose(), r.level());
        }
        return builder.build();
    }

    /** Each change with the members it masks or narrows: counted for removed and narrowed requests only. */
    private List<DeclarationPlan.Row> rows(Partner stored, PartnerTerms after, List<DeclarationChange> changes,
            Instant now) {
        Map<Purpose, Set<DataCategory>> affected = new EnumMap<>(Purpose.class);
        for (DeclarationChange c : changes) {
            if (c.masks()) {
                affected.computeIfAbsent(c.purpose(), p -> EnumSet.noneOf(DataCategory.class)).add(c.category());
            }
        }
        Map<String, int[]> counts = affected.isEmpty() || !stored.active() ? Map.of()
                : count(stored, after, affected, now);
        List<DeclarationPlan.Row> rows = new ArrayList<>();
        for (DeclarationChange c : changes) {
            int[] n = c.masks() ? counts.getOrDefault(key(c.category(), c.purpose()), new int[2]) : new int[2];
            rows.add(new DeclarationPlan.Row(c, n[0], n[1]));
        }
        return rows;
    }

    /**
     * Per (category, purpose) of {@code affected}: {masked, narrowed}, the members served the field now for whom
     * the new terms would serve nothing, or only the PARTIAL form.
     */
    private Map<String, int[]> count(Partner stored, PartnerTerms after, Map<Purpose, Set<DataCategory>> affected,
            Instant now) {
        PartnerTerms before = stored.terms();
        var policy = policies.snapshot(now);
        // Every member this partner can address: a partner learns a member's pairwise id only from its own consent
        // lists, so a member with no consent row for it (even one who made a category public) is served nothing.
        List<UUID> ids = em.createQuery("select distinct c.memberId from Consent c where c.partnerId = :partner",
                UUID.class).setParameter("partner", stored.id).getResultList();
        Map<String, int[]> counts = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Map<UUID, MemberFacts.Consents> consents = new HashMap<>();
            for (Object[] row : em.createQuery("""
                    select c.memberId, c.category, c.purpose, c.level, c.expiresAt from Consent c
                    where c.partnerId = :partner and c.revokedAt is null and c.memberId in :ids
                    """, Object[].class)
                    .setParameter("partner", stored.id).setParameter("ids", batch).getResultList()) {
                consents.computeIfAbsent((UUID) row[0], m -> new MemberFacts.Consents()).put((DataCategory) row[1],
                        (Purpose) row[2], new ConsentState((DisclosureLevel) row[3], (Instant) row[4]));
            }
            for (Member m : em.createQuery("from Member m where m.id in :ids", Member.class)
                    .setParameter("ids", batch).getResultList()) {
                MemberFacts facts = new MemberFacts(m.erased(), m.birthDate, m.marketingOptOut, m.publicCategorySet(),
                        m.collectedUnder(), consents.getOrDefault(m.id, new MemberFacts.Consents()));
                for (Map.Entry<Purpose, Set<DataCategory>> e : affected.entrySet()) {
                    Map<DataCategory, FieldDecision> now1 = DisclosureDecision.decide(facts, before, e.getKey(),
                            policy.book(), now);
                    Map<DataCategory, FieldDecision> then = DisclosureDecision.decide(facts, after, e.getKey(),
                            policy.book(), now);
                    if (now1 == null || then == null) {
                        continue;
                    }
                    for (DataCategory category : e.getValue()) {
                        DisclosureLevel served = now1.get(category).level();
                        DisclosureLevel next = then.get(category).level();
                        int[] n = counts.computeIfAbsent(key(category, e.getKey()), k -> new int[2]);
                        if (served != DisclosureLevel.NONE && next == DisclosureLevel.NONE) {
                            n[0]++;
                        } else if (served.isAbove(next)) {
                            n[1]++;
                        }
                    }
                }
            }
            // Nothing of a batch is kept once it is counted.
            em.clear();
        }
        return counts;
    }

    private static String key(DataCategory category, Purpose purpose) {
        return category + "/" + purpose;
    }

    /** PostgreSQL refuses any write in the rest of this transaction; the embedded H2 has no such statement. */
    private void readOnly() {
        if ("postgresql".equals(dbKind)) {
            em.createNativeQuery("set transaction read only").executeUpdate();
        }
    }
}
