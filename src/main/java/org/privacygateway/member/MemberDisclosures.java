package org.privacygateway.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.hibernate.jpa.HibernateHints;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.privacygateway.audit.AccessLog;
import org.privacygateway.consent.Consent;
import org.privacygateway.consent.PairwiseIds;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.ConsentState;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.MemberFacts;
import org.privacygateway.masking.MemberValues;
import org.privacygateway.masking.PartnerTerms;
import org.privacygateway.masking.Purpose;
import org.privacygateway.masking.Rendering;
import org.privacygateway.partner.Partner;
import org.privacygateway.policy.PolicyService;
import org.privacygateway.policy.PolicyService.PolicySnapshot;

/**
 * Partner reads of members: loads everything in a fixed number of statements, runs the masking decision, renders
 * the values, and records the access events in the same transaction, so that nothing is served unless its audit
 * row is committed.
 *
 * <p>Two rules hold for every partner read, whatever the operation:
 * <ul>
 *   <li>a purpose that is served only as aggregates ({@link Purpose#aggregatesOnly()}, i.e. ANALYTICS) is refused
 *       before any member is looked up;</li>
 *   <li>a member under 13 is never disclosed, not even as a masked entry: to the partner they are indistinguishable
 *       from an unknown id, and pages never select them. The access log keeps the real reason (MINOR) for the member
 *       and the admins.</li>
 * </ul>
 */
@ApplicationScoped
public class MemberDisclosures {

    @Inject
    EntityManager em;

    @Inject
    PolicyService policies;

    @Inject
    PairwiseIds pairwiseIds;

    @Inject
    AccessLog accessLog;

    @Inject
    Clock clock;

    @Inject
    Tracer tracer;

    @Inject
    MemberSource source;

    /** One member as the partner may see it, or empty when there is no such member (or it was erased). */
    @Transactional
    @WithSpan("gateway.read.member")
    public Result one(Partner partner, UUID memberId, Purpose purpose, Set<DataCategory> selected, String requestId) {
        requireIndividualPurpose(purpose);
        Instant now = clock.instant();
        PolicySnapshot policy = policies.snapshot(now);
        List<Member> members = em.createQuery("from Member m where m.id = :id", Member.class)
                .setParameter("id", memberId)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        List<Disclosed> disclosed = discloseAndRecord(partner, purpose, selected, requestId, now, policy, members,
                source.read(members), "member");
        return new Result(disclosed, false, policy);
    }

    /**
     * The member's own data exactly as each partner would receive it now, for each purpose the partner declared:
     * the consent center's preview. Loads the policy, the member and their consents once for all partners. Not an
     * access by any partner, so nothing is written to the access log.
     *
     * @return per partner id, per purpose, the disclosure; empty when the member is erased
     */
    @Transactional
    public Map<String, Map<Purpose, Disclosed>> previews(UUID memberId, List<Partner> partners) {
        Instant now = clock.instant();
        PolicySnapshot policy = policies.snapshot(now);
        Member m = em.find(Member.class, memberId);
        SourcedMember sourced = m == null ? null : source.read(List.of(m)).get(m.id);
        Map<String, Map<Purpose, MemberFacts.Consents>> consents = new HashMap<>();
        for (Consent c : em.createQuery("from Consent c where c.memberId = :m and c.revokedAt is null", Consent.class)
                .setParameter("m", memberId).getResultList()) {
            consents.computeIfAbsent(c.partnerId, p -> new EnumMap<>(Purpose.class))
                    .computeIfAbsent(c.purpose, u -> new MemberFacts.Consents()).put(c.category, c.purpose, c.state());
        }
        Map<String, Map<Purpose, Disclosed>> result = new HashMap<>();
        for (Partner partner : partners) {
            PartnerTerms terms = partner.terms();
            Map<Purpose, Disclosed> byPurpose = new EnumMap<>(Purpose.class);
            for (Purpose purpose : Purpose.values()) {
                if (!terms.declares(purpose)) {
                    continue;
                }
                MemberFacts.Consents given = consents.getOrDefault(partner.id, Map.of())
                        .getOrDefault(purpose, new MemberFacts.Consents());
                Disclosed d = disclose(partner, terms, purpose, policy, now, m, sourced, given);
                if (d != null) {
                    byPurpose.put(purpose, d);
                }
            }
            result.put(partner.id, byPurpose);
        }
        return result;
    }

    /**
     * A page of the members with a live consent to this partner for this purpose, in this partner's own order (its
     * sort key of each member, then the member id), after the member {@code after} if given.
     */
    @Transactional
    @WithSpan("gateway.read.members")
    public Result page(Partner partner, Purpose purpose, int first, UUID after, Set<DataCategory> selected,
            String requestId) {
        requireIndividualPurpose(purpose);
        Instant now = clock.instant();
        PolicySnapshot policy = policies.snapshot(now);
        // The page is chosen on the consent index (partner, purpose, member order, member) alone, then its members
        // are loaded: two short statements instead of a semi-join over every member.
        TypedQuery<Object[]> page = em.createQuery("""
                select distinct c.memberOrder, c.memberId from Consent c
                where c.partnerId = :partner and c.purpose = :purpose and c.revokedAt is null and c.expiresAt > :now
                  and not exists (select 1 from Member k where k.id = c.memberId and k.birthDate > :minorsBornAfter)
                """ + (after == null ? "" : """
                 and (c.memberOrder > :afterOrder or (c.memberOrder = :afterOrder and c.memberId > :after))
                """) + " order by c.memberOrder, c.memberId", Object[].class)
                .setParameter("partner", partner.id)
                .setParameter("purpose", purpose)
                .setParameter("now", now)
                .setParameter("minorsBornAfter", DisclosureDecision.minorsBornAfter(now))
                .setMaxResults(first + 1);
        if (after != null) {
            page.setParameter("afterOrder", pairwiseIds.sortKey(partner.id, after));
            page.setParameter("after", after);
        }
        List<UUID> ids = new ArrayList<>();
        for (Object[] row : page.getResultList()) {
            ids.add((UUID) row[1]);
        }
        boolean hasNext = ids.size() > first;
        if (hasNext) {
            ids = ids.subList(0, first);
        }
        List<Member> members = ids.isEmpty() ? new ArrayList<>()
                : new ArrayList<>(em.createQuery("from Member m where m.id in :ids and m.erasedAt is null", Member.class)
                        .setParameter("ids", ids)
                        .setHint(HibernateHints.HINT_READ_ONLY, true)
                        .getResultList());
        Map<UUID, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        members.sort(java.util.Comparator.comparing(m -> position.get(m.id)));
        // The page's facts in one call to the member source, never one per member.
        List<Disclosed> disclosed = discloseAndRecord(partner, purpose, selected, requestId, now, policy, members,
                source.read(members), "members");
        return new Result(disclosed, hasNext, policy);
    }

    private List<Disclosed> discloseAndRecord(Partner partner, Purpose purpose, Set<DataCategory> selected,
            String requestId, Instant now, PolicySnapshot policy, List<Member> members, Map<UUID, SourcedMember> facts,
            String operation) {
        Map<UUID, MemberFacts.Consents> consents = consentsOf(partner.id, purpose, members);
        PartnerTerms terms = partner.terms();
        // The decisions as a span of their own: the partner, the purpose and how many members, never who or what.
        Span decision = tracer.spanBuilder("gateway.decide").startSpan();
        decision.setAttribute("gateway.partner", partner.id);
        decision.setAttribute("gateway.purpose", purpose.name());
        decision.setAttribute("gateway.members", members.size());
        List<Disclosed> result = new ArrayList<>(members.size());
        List<AccessLog.MemberRead> reads = new ArrayList<>(members.size());
        for (Member m : members) {
            Disclosed d = disclose(partner, terms, purpose, policy, now, m, facts.get(m.id),
                    consents.getOrDefault(m.id, new MemberFacts.Consents()));
            if (d == null) {
                continue;
            }
            if (DisclosureDecision.isMinor(d.birthDate(), now)) {
                // Not found for the partner; on record, with every category and the real reason, for the member.
                reads.add(new AccessLog.MemberRead(m.id, new EnumMap<>(d.decisions())));
                continue;
            }
            result.add(d);
            EnumMap<DataCategory, FieldDecision> audited = new EnumMap<>(DataCategory.class);
            for (DataCategory c : selected) {
                audited.put(c, d.decisions().get(c));
            }
            reads.add(new AccessLog.MemberRead(m.id, audited));
        }
        decision.end();
        accessLog.recordReads(requestId, now, partner.id, purpose, operation, reads);
        return result;
    }

    /** Refuses reads of individual members for a purpose that is served only as aggregates. */
    public static void requireIndividualPurpose(Purpose purpose) {
        if (purpose != null && purpose.aggregatesOnly()) {
            throw GatewayException.validation("Argument 'purpose': " + purpose
                    + " is served only as aggregates; individual members are never read for it. Query audienceStats.");
        }
    }

    /**
     * The decision and rendering for one member: null when the member must be treated as not found. A member the
     * source does not know ({@code sourced} null) is treated as erased. The gateway's row holds what the member set
     * at the gateway (public categories, the marketing switch, confirmations); the source holds the values.
     */
    private Disclosed disclose(Partner partner, PartnerTerms terms, Purpose purpose, PolicySnapshot policy, Instant now,
            Member m, SourcedMember sourced, MemberFacts.Consents consents) {
        if (m == null) {
            return null;
        }
        SourcedMember.Merged merged = sourced == null ? null : SourcedMember.merge(m, sourced);
        MemberFacts facts = merged == null
                ? new MemberFacts(true, m.birthDate, m.marketingOptOut, m.publicCategorySet(), Map.of(), consents)
                : new MemberFacts(m.erased(), merged.birthDate(), m.marketingOptOut, m.publicCategorySet(),
                        merged.collectedUnder(), consents);
        EnumMap<DataCategory, FieldDecision> decisions = DisclosureDecision.decide(facts, terms, purpose, policy.book(), now);
        if (decisions == null) {
            return null;
        }
        return new Disclosed(m.id, pairwiseIds.toPairwise(partner.id, m.id), decisions,
                Rendering.render(merged.values(), decisions), merged.birthDate());
    }

    private Map<UUID, MemberFacts.Consents> consentsOf(String partnerId, Purpose purpose, List<Member> members) {
        Map<UUID, MemberFacts.Consents> byMember = new HashMap<>();
        if (members.isEmpty()) {
            return byMember;
        }
        List<UUID> ids = members.stream().map(m -> m.id).toList();
        // Only the columns the decision reads, as values: no entity per consent to build, track and check at flush.
        List<Object[]> rows = em.createQuery("""
                select c.memberId, c.category, c.purpose, c.level, c.expiresAt from Consent c
                where c.partnerId = :partner and c.purpose = :purpose and c.revokedAt is null and c.memberId in :ids
                """, Object[].class)
                .setParameter("partner", partnerId)
                .setParameter("purpose", purpose)
                .setParameter("ids", ids)
                .getResultList();
        for (Object[] row : rows) {
            byMember.computeIfAbsent((UUID) row[0], id -> new MemberFacts.Consents()).put((DataCategory) row[1],
                    (Purpose) row[2], new ConsentState((DisclosureLevel) row[3], (Instant) row[4]));
        }
        return byMember;
    }

    /** One member as decided and rendered for one partner. */
    public record Disclosed(UUID memberId, String pairwiseId, Map<DataCategory, FieldDecision> decisions,
            MemberValues values, java.time.LocalDate birthDate) {
    }

    public record Result(List<Disclosed> members, boolean hasNext, PolicySnapshot policy) {
        public Optional<Disclosed> single() {
            return members.stream().findFirst();
        }
    }
}
