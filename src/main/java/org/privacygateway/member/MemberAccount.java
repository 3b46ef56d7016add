package org.privacygateway.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.audit.AuditProofs;
import org.privacygateway.consent.Consent;
import org.privacygateway.consent.ConsentEvent;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.consent.ConsentReceipt;
import org.privacygateway.consent.PairwiseIds;
import org.privacygateway.error.GatewayException;
import org.privacygateway.error.Violations;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.policy.PolicyService;

/** A member's own account: find or create by login, correct, confirm, export, erase. */
@ApplicationScoped
public class MemberAccount {

    /** What a member types to confirm erasure. */
    public static final String ERASE_CONFIRMATION = "ERASE MY DATA";


    @Inject
    AuditProofs auditProofs;

    @Inject
    EntityManager em;

    @Inject
    ConsentLedger ledger;

    @Inject
    PolicyService policies;

    @Inject
    PairwiseIds pairwiseIds;

    @Inject
    BirthDates birthDates;

    @Inject
    MinorProtections protections;

    @Inject
    MemberDataSubjects dataSubjects;

    @Inject
    Clock clock;

    @Inject
    Validator validator;

    @Inject
    MemberSource source;

    @Inject
    jakarta.enterprise.inject.Instance<UpstreamMemberSource> upstream;

    @Inject
    org.privacygateway.config.GatewayConfig config;

    /**
     * The member with the values of the member source filled in, for showing the member their own profile. With the
     * local source the row already holds them; with the upstream, a detached copy gets them (never written back).
     *
     * @throws MemberSourceUnavailableException when the member service cannot answer
     */
    public Member withValues(Member m) {
        if (source.local() || m == null || m.erased()) {
            return m;
        }
        SourcedMember s = source.read(List.of(m)).get(m.id);
        Member copy = m.detachedCopy();
        if (s != null) {
            SourcedMember.Merged merged = SourcedMember.merge(m, s);
            copy.birthDate = merged.birthDate();
            copy.birthDateCarriedOver = m.birthDateCarriedOver && java.util.Objects.equals(m.birthDate, copy.birthDate);
            copy.setValues(merged.values());
            merged.collectedUnder().forEach(copy::stamp);
        } else {
            copy.setValues(new org.privacygateway.masking.MemberValues(null, null, null, null, null, null));
        }
        return copy;
    }

    /**
     * The member behind a login subject; the first login of a subject creates an empty member, which takes over the
     * protection for children kept when an earlier account of the same login was erased ({@link MinorProtections}).
     */
    @Transactional
    public Member bySubject(String subject) {
        Member found = Member.find("subject", subject).firstResult();
        if (found != null) {
            return found;
        }
        Instant now = clock.instant();
        Member created = Member.create(subject, now);
        protections.carryOver(created, now);
        em.persist(created);
        Log.infof("New member account %s created at first login%s", created.id,
                created.birthDateCarriedOver ? ", protected as a child's as the erased account of its login was" : "");
        return created;
    }

    @Transactional
    public Member get(UUID memberId) {
        return em.find(Member.class, memberId);
    }

    /**
     * Applies a correction; each category provided again is re-stamped under the current policy. A birth-date change
     * goes through {@link BirthDates}: recorded, and refused when it would lift a minor's protection.
     */
    @Transactional
    public Member updateProfile(UUID memberId, ProfileChange change) {
        validate(change);
        Member m = em.find(Member.class, memberId);
        birthDates.checkMemberChange(m, change.birthDate());
        if (!source.local()) {
            return correctUpstream(m, change);
        }
        int version = policies.snapshot().current().version;
        if (change.name() != null) {
            m.givenName = blankToNull(change.name().given());
            m.familyName = blankToNull(change.name().family());
            m.stamp(DataCategory.NAME, version);
        }
        if (change.email() != null) {
            m.email = blankToNull(change.email());
            m.stamp(DataCategory.EMAIL, version);
        }
        if (change.phone() != null) {
            m.phone = blankToNull(change.phone());
            m.stamp(DataCategory.PHONE, version);
        }
        if (change.address() != null) {
            ProfileChange.Address a = change.address();
            m.street = blankToNull(a.street());
            m.city = blankToNull(a.city());
            m.region = blankToNull(a.region());
            m.postalCode = blankToNull(a.postalCode());
            m.country = upper(a.country());
            m.stamp(DataCategory.ADDRESS, version);
        }
        if (change.company() != null) {
            m.companyName = blankToNull(change.company().name());
            ProfileChange.Address a = change.company().address();
            m.companyStreet = a == null ? null : blankToNull(a.street());
            m.companyCity = a == null ? null : blankToNull(a.city());
            m.companyRegion = a == null ? null : blankToNull(a.region());
            m.companyPostalCode = a == null ? null : blankToNull(a.postalCode());
            m.companyCountry = a == null ? null : upper(a.country());
            m.stamp(DataCategory.COMPANY, version);
        }
        birthDates.applyMemberChange(m, change.birthDate());
        m.updatedAt = clock.instant();
        em.persist(MemberRequest.of(m.id, MemberRequest.Kind.CORRECTION, true, UpstreamMemberSource.Outcome.DONE,
                sections(change), m.updatedAt));
        return m;
    }

    /**
     * A correction of a member whose values the marketplace holds: sent to its member service; the birth date, which
     * the gateway keeps for the minors rule, is applied here. A read-only service refuses it with the marketplace's
     * link, recorded as handled there; a service that cannot answer leaves nothing changed.
     */
    private Member correctUpstream(Member m, ProfileChange change) {
        Instant now = clock.instant();
        UpstreamMemberSource.Outcome outcome = upstream.get().correct(m, normalized(change),
                config.members().upstream().writable());
        if (outcome == UpstreamMemberSource.Outcome.HANDLED_BY_MARKETPLACE) {
            UUID id = m.id;
            String sections = sections(change);
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.persist(MemberRequest.of(id,
                    MemberRequest.Kind.CORRECTION, false, UpstreamMemberSource.Outcome.HANDLED_BY_MARKETPLACE, sections,
                    now)));
            throw new GatewayException(org.privacygateway.error.ErrorCode.MANAGED_BY_MARKETPLACE,
                    "Your profile is kept by the marketplace: correct it at " + config.members().upstream().profileUrl());
        }
        birthDates.applyMemberChange(m, change.birthDate());
        m.updatedAt = now;
        em.persist(MemberRequest.of(m.id, MemberRequest.Kind.CORRECTION, false, outcome, sections(change), now));
        return m;
    }

    /**
     * The change with every field stripped and countries in upper case, no birth date: what is sent to the member
     * service. A blank field stays an empty string, which clears the field there as it does here.
     */
    static ProfileChange normalized(ProfileChange c) {
        return new ProfileChange(
                c.name() == null ? null : new ProfileChange.Name(strip(c.name().given()), strip(c.name().family())),
                strip(c.email()),
                strip(c.phone()),
                normalized(c.address()),
                c.company() == null ? null
                        : new ProfileChange.CompanyChange(strip(c.company().name()), normalized(c.company().address())),
                null);
    }

    private static ProfileChange.Address normalized(ProfileChange.Address a) {
        return a == null ? null : new ProfileChange.Address(strip(a.street()), strip(a.city()), strip(a.region()),
                strip(a.postalCode()), a.country() == null ? null : a.country().strip().toUpperCase(Locale.ROOT));
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    /** The profile sections a correction touches, for its record (names only, never values). */
    static String sections(ProfileChange c) {
        List<String> s = new java.util.ArrayList<>();
        if (c.name() != null) {
            s.add("name");
        }
        if (c.email() != null) {
            s.add("email");
        }
        if (c.phone() != null) {
            s.add("phone");
        }
        if (c.address() != null) {
            s.add("address");
        }
        if (c.company() != null) {
            s.add("company");
        }
        if (c.birthDate() != null) {
            s.add("birthDate");
        }
        return String.join(",", s);
    }

    /** The rules are ProfileChange's annotations; the first broken one is a VALIDATION error naming its field. */
    void validate(ProfileChange change) {
        Violations.check(validator.validate(change), change);
    }

    @Transactional
    public Member setPublicCategories(UUID memberId, Set<DataCategory> categories) {
        if (categories.contains(DataCategory.PAYMENT_CARD)) {
            throw GatewayException.validation("Argument 'categories': the payment card can never be made public.");
        }
        Member m = em.find(Member.class, memberId);
        m.setPublicCategorySet(categories.isEmpty() ? EnumSet.noneOf(DataCategory.class) : EnumSet.copyOf(categories));
        m.updatedAt = clock.instant();
        return m;
    }

    @Transactional
    public Member setMarketingOptOut(UUID memberId, boolean optOut) {
        Member m = em.find(Member.class, memberId);
        m.marketingOptOut = optOut;
        m.updatedAt = clock.instant();
        return m;
    }

    /** The member confirms their stored data: re-stamped under the policy version in force now. */
    @Transactional
    public Member confirm(UUID memberId, Set<DataCategory> categories) {
        Member m = em.find(Member.class, memberId);
        int version = policies.snapshot().current().version;
        categories.forEach(c -> m.stamp(c, version));
        m.updatedAt = clock.instant();
        return m;
    }

    /** Everything held about the member, as one document. */
    @Transactional
    public Map<String, Object> export(UUID memberId) {
        Member m = withValues(em.find(Member.class, memberId));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("exportedAt", clock.instant().toString());
        doc.put("profileSource", source.local() ? "gateway" : "marketplace member service");
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", m.id.toString());
        profile.put("values", m.values());
        profile.put("birthDate", m.givenBirthDate() == null ? null : m.givenBirthDate().toString());
        profile.put("childProtectionCarriedOver", m.birthDateCarriedOver ? carriedOver(m) : null);
        profile.put("publicCategories", m.publicCategorySet());
        profile.put("marketingOptOut", m.marketingOptOut);
        profile.put("collectedUnderPolicyVersion", m.collectedUnder());
        profile.put("createdAt", m.createdAt.toString());
        doc.put("profile", profile);
        doc.put("consents", Consent.<Consent>list("memberId", Sort.by("partnerId", "category", "purpose"), memberId)
                .stream().map(MemberAccount::consentDoc).toList());
        doc.put("consentHistory", ConsentEvent.<ConsentEvent>list("memberId", Sort.by("occurredAt"), memberId)
                .stream().map(MemberAccount::eventDoc).toList());
        doc.put("receipts", ConsentReceipt.<ConsentReceipt>list("memberId", Sort.by("issuedAt"), memberId)
                .stream().map(ConsentReceipt::document).toList());
        List<AccessEvent> events = AccessEvent.<AccessEvent>list("memberId", Sort.by("occurredAt"), memberId);
        // Each sealed event with its checkpoint and inclusion proof, so the member can check it is in the signed log.
        AuditProofs.Proofs proofs = auditProofs.forEvents(events.stream().map(e -> e.seq).toList());
        doc.put("accessEvents", events.stream().map(e -> {
            Map<String, Object> d = accessDoc(e);
            d.put("id", e.id.toString());
            d.put("sealed", proofs.byEvent().get(e.id.toString()));
            return d;
        }).toList());
        doc.put("auditCheckpoints", proofs.checkpoints());
        doc.put("whatErasureKeeps", protections.whatErasureKeeps(m.birthDate, clock.instant()));
        em.persist(MemberRequest.of(memberId, MemberRequest.Kind.EXPORT, source.local(),
                UpstreamMemberSource.Outcome.DONE, "", clock.instant()));
        return doc;
    }

    /**
     * Erases the member's data at the gateway: profile values cleared, every consent ended (partners see the
     * erasure in their change feed), access events keep only the partner-specific pairwise id. The login account at
     * the identity provider is not touched; logging in again starts an empty account, protected as a child's when
     * this one counted as under 13 ({@link MinorProtections}).
     */
    @Transactional
    public void erase(UUID memberId, String confirmation) {
        if (confirmation == null || !ERASE_CONFIRMATION.equals(confirmation.strip())) {
            throw GatewayException.validation("Argument 'confirm' must be exactly '" + ERASE_CONFIRMATION + "'.");
        }
        eraseData(memberId);
    }

    /**
     * The erasure itself, with no confirmation asked: for the member's own request and for a guardian's. Every route
     * to erasure comes through here, so every one keeps the protection of a child ({@link MinorProtections}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void eraseData(UUID memberId) {
        Member m = em.find(Member.class, memberId);
        Instant now = clock.instant();
        // The birth date the minors rule goes by, read before the marketplace is asked to erase its record.
        LocalDate birthDate = ruleBirthDate(m);
        // The marketplace is asked first (it knows the member by the login subject, cleared below); whatever it
        // answers, the gateway's own erasure goes ahead now, and the answer is recorded.
        UpstreamMemberSource.Outcome outcome = source.local() ? UpstreamMemberSource.Outcome.DONE
                : upstream.get().erase(m, config.members().upstream().writable());
        em.persist(MemberRequest.of(memberId, MemberRequest.Kind.ERASURE, source.local(), outcome, "", now));
        ledger.endAllForErasure(memberId, now);
        if (!m.erased()) {
            protections.keep(m.subject, birthDate, now); // after the member's lock: a second erasure finds the row
        }
        // Partner reads keep only the partner's pairwise id; disclosures and guardian actions keep the link to the
        // emptied member row, which no longer holds anything personal.
        for (AccessEvent e : em.createQuery("from AccessEvent e where e.memberId = :m and e.partnerId is not null",
                AccessEvent.class).setParameter("m", memberId).getResultList()) {
            e.pairwiseMemberId = e.partnerId == null ? null : pairwiseIds.toPairwise(e.partnerId, memberId);
            e.memberId = null;
        }
        clearPersonalData(m);
        m.subject = "erased:" + m.id;
        m.erasedAt = now;
        m.updatedAt = now;
        Log.infof("Member %s erased their account", m.id);
    }

    private Map<String, Object> carriedOver(Member m) {
        Map<String, Object> d = new LinkedHashMap<>();
        // The carried-over birth date is the first of a month: the protection ends exactly 13 years after it.
        d.put("until", m.birthDate.plusYears(org.privacygateway.masking.DisclosureDecision.MINOR_AGE).toString());
        d.put("why", "An earlier account of your login was erased while recorded as under 13, so this account is"
                + " protected as a child's until this date. A parent or guardian can have your birth date corrected.");
        return d;
    }

    /**
     * The younger of the gateway's and the member source's birth dates, as for a grant. When the member service
     * cannot answer, the gateway's own: the erasure goes ahead whatever the service does (docs/member-source.md).
     */
    private LocalDate ruleBirthDate(Member m) {
        if (source.local() || m.erased()) {
            return m.birthDate;
        }
        try {
            return dataSubjects.birthDate(m.id);
        } catch (MemberSourceUnavailableException e) {
            Log.warnf("Member service could not say the birth date of an erased member (%s); the gateway's own decides"
                    + " what erasure keeps", e.failure());
            return m.birthDate;
        }
    }

    /** Clears every personal value and stamp, keeping the row (consent history points at it). */
    public static void clearPersonalData(Member m) {
        m.givenName = m.familyName = m.email = m.phone = null;
        m.street = m.city = m.region = m.postalCode = m.country = null;
        m.companyName = m.companyStreet = m.companyCity = m.companyRegion = m.companyPostalCode = m.companyCountry = null;
        m.cardToken = m.cardBrand = m.cardLast4 = null;
        m.cardExpiryMonth = m.cardExpiryYear = null;
        m.birthDate = null;
        m.birthDateCarriedOver = false;
        m.publicCategories = "";
        m.namePolicyVersion = m.emailPolicyVersion = m.phonePolicyVersion = null;
        m.addressPolicyVersion = m.companyPolicyVersion = m.cardPolicyVersion = null;
    }

    private static Map<String, Object> consentDoc(Consent c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("partnerId", c.partnerId);
        d.put("category", c.category);
        d.put("purpose", c.purpose);
        d.put("level", c.level);
        d.put("grantedAt", c.grantedAt.toString());
        d.put("expiresAt", c.expiresAt.toString());
        d.put("revokedAt", c.revokedAt == null ? null : c.revokedAt.toString());
        d.put("gatewayPolicyVersion", c.policyVersion);
        d.put("partnerPolicyUrl", c.partnerPolicyUrl);
        return d;
    }

    private static Map<String, Object> eventDoc(ConsentEvent e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("at", e.occurredAt.toString());
        d.put("action", e.action);
        d.put("partnerId", e.partnerId);
        d.put("category", e.category);
        d.put("purpose", e.purpose);
        d.put("level", e.level);
        return d;
    }

    private static Map<String, Object> accessDoc(AccessEvent e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("at", e.occurredAt.toString());
        d.put("kind", e.kind);
        d.put("partnerId", e.partnerId);
        d.put("purpose", e.purpose);
        d.put("served", e.served);
        d.put("masked", e.masked);
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String upper(String s) {
        String v = blankToNull(s);
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }
}
