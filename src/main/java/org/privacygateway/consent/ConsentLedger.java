package org.privacygateway.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.error.Inputs;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.policy.PolicyService;
import org.privacygateway.policy.PolicyVersion;
import org.privacygateway.webhook.WebhookOutbox;

/**
 * Grants and revokes consents. Each change updates the current view, appends to the history and issues a
 * receipt, in one transaction; a refused change writes nothing.
 *
 * <p>Changes to one member's consents are serialised: every change first takes the member's row lock
 * ({@code FOR NO KEY UPDATE}) and only then reads the consents it changes, so two changes of the same member run one
 * after the other and each sees what the other committed. Concurrent grants of one consent therefore end with one
 * row and one receipt per call, and a grant racing a revoke ends as one of the two orders would. The lock does not
 * block reads, nor the foreign-key checks of other writers (access events), which take only a key-share lock.
 */
@ApplicationScoped
public class ConsentLedger {

    @Inject
    EntityManager em;

    @Inject
    PolicyService policies;

    @Inject
    PairwiseIds pairwiseIds;

    @Inject
    DataSubjects members;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Inject
    WebhookOutbox webhooks;

    /** PostgreSQL in production and tests; H2 for the embedded default, which knows only {@code FOR UPDATE}. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    /** A member's grant (or renewal) of one (partner, category, purpose, level), checked against the declaration. */
    @Transactional
    public ConsentReceipt grant(UUID memberId, String partnerId, DataCategory category, Purpose purpose,
            DisclosureLevel level) {
        Inputs.argument("partnerId", partnerId, Inputs.PARTNER_ID);
        // The lock first, then the time: a change that waited for another is stamped after it.
        lockMember(memberId);
        Instant now = clock.instant();
        LocalDate birthDate = members.birthDate(memberId);
        if (DisclosureDecision.isMinor(birthDate, now)) {
            throw new GatewayException(ErrorCode.MINOR_REQUIRES_GUARDIAN,
                    "Members under 13 cannot share data with partners; a parent or guardian must contact us.");
        }
        Partner partner = activePartner(partnerId);
        DeclaredRequest declared = partner.requests.stream()
                .filter(r -> r.category == category && r.purpose == purpose)
                .findFirst()
                .orElseThrow(() -> GatewayException.validation(partner.displayName + " does not ask for "
                        + category + " for " + purpose + ", so there is nothing to grant."));
        if (level == null || level == DisclosureLevel.NONE) {
            throw GatewayException.validation("Argument 'level' must be FULL or PARTIAL; to stop sharing, revoke.");
        }
        if (level.isAbove(declared.level)) {
            throw GatewayException.validation("Argument 'level': " + partner.displayName + " asks for " + category
                    + " at most at " + declared.level + ".");
        }
        PolicyVersion policy = policies.snapshot(now).current();
        // A consent the policy in force forbids would be stored only to be masked (POLICY_VERSION) on every read:
        // refused instead, so the member is told. ANALYTICS is consent to be counted in aggregates, which the
        // policy allows for every category; individual ANALYTICS reads are refused elsewhere.
        if (purpose != Purpose.ANALYTICS && !policy.matrix().allows(category, purpose)) {
            throw GatewayException.validation("The privacy policy in force (version " + policy.version
                    + ") does not allow sharing " + category + " for " + purpose + ", so it cannot be granted.");
        }
        return record(memberId, partner, category, purpose, level, now, now.plus(config.consent().defaultExpiry()),
                policy);
    }

    /** Writes a grant without the member-facing checks: for seeding demo data and tests. */
    @Transactional
    public ConsentReceipt record(UUID memberId, Partner partner, DataCategory category, Purpose purpose,
            DisclosureLevel level, Instant now, Instant expiresAt, PolicyVersion policy) {
        lockMember(memberId);
        Consent consent = current(memberId, partner.id, category, purpose);
        boolean created = consent == null;
        if (created) {
            consent = new Consent();
            consent.id = UUID.randomUUID();
            consent.memberId = memberId;
            consent.partnerId = partner.id;
            consent.category = category;
            consent.purpose = purpose;
        }
        consent.memberOrder = pairwiseIds.sortKey(partner.id, memberId);
        consent.level = level;
        consent.grantedAt = now;
        consent.expiresAt = expiresAt;
        consent.revokedAt = null;
        consent.expiryRecorded = false;
        consent.policyVersion = policy.version;
        consent.partnerPolicyUrl = partner.policyUrl;
        if (created) {
            em.persist(consent);
        }
        return append(consent, partner, ConsentEvent.Action.GRANT, now, policy);
    }

    /**
     * Revokes the member's live consents to a partner: all of them, or those of one category and/or purpose.
     * Returns one receipt per consent ended; none when there was nothing to revoke.
     */
    @Transactional
    public List<ConsentReceipt> revoke(UUID memberId, String partnerId, DataCategory category, Purpose purpose) {
        Inputs.argument("partnerId", partnerId, Inputs.PARTNER_ID);
        Partner partner = partnerId == null ? null : em.find(Partner.class, partnerId);
        if (partner == null) {
            throw GatewayException.validation("Argument 'partnerId': no partner '" + partnerId + "'.");
        }
        lockMember(memberId);
        Instant now = clock.instant();
        PolicyVersion policy = policies.snapshot(now).current();
        List<ConsentReceipt> receipts = new ArrayList<>();
        for (Consent c : live(memberId, partnerId)) {
            // Only a consent still live can be revoked: one that already ran out has ended (its EXPIRE event is,
            // or will be, the partner's notice), so revoking it writes no receipt and no event.
            if ((category == null || c.category == category) && (purpose == null || c.purpose == purpose)
                    && c.expiresAt.isAfter(now)) {
                c.revokedAt = now;
                receipts.add(append(c, partner, ConsentEvent.Action.REVOKE, now, policy));
            }
        }
        return receipts;
    }

    /** Ends every consent of an erased member, with ERASE events for the partners' change feeds. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endAllForErasure(UUID memberId, Instant now) {
        lockMember(memberId);
        for (Consent c : em.createQuery("from Consent c where c.memberId = :m and c.revokedAt is null", Consent.class)
                .setParameter("m", memberId).getResultList()) {
            c.revokedAt = now;
            recordEvent(c, ConsentEvent.Action.ERASE, now);
        }
    }

    /**
     * Writes an EXPIRE event, once, for each consent that ran out; returns how many (at most 1,000 a call).
     *
     * <p>Once is enforced by the database, not by who runs the job: each consent's flag is flipped by a conditional
     * {@code UPDATE} that re-checks, under the row's lock, that the consent is still live, still out of time and not
     * yet recorded. Only the transaction whose update changed the row writes the event; a concurrent run on another
     * replica gets 0 rows, and so does a renewal that moved {@code expiresAt} meanwhile (which the job therefore never
     * overwrites: it writes no other column). Like every consent change it first takes the member's lock, so a
     * renewal waiting for it is stamped after the EXPIRE and a partner's change feed ends with the renewal. Members
     * are locked in id order, so two runs (or a run and a member's change) cannot deadlock.
     */
    @Transactional
    public int recordExpiries() {
        Instant now = clock.instant();
        List<Object[]> due = em.createQuery("""
                select c.memberId, c.id from Consent c
                where c.revokedAt is null and c.expiresAt <= :now and c.expiryRecorded = false
                order by c.memberId, c.id
                """, Object[].class).setParameter("now", now).setMaxResults(1000).getResultList();
        int recorded = 0;
        UUID locked = null;
        for (Object[] row : due) {
            UUID memberId = (UUID) row[0];
            UUID id = (UUID) row[1];
            if (!memberId.equals(locked)) {
                lockMember(memberId);
                locked = memberId;
            }
            int flipped = em.createQuery("""
                    update Consent c set c.expiryRecorded = true
                    where c.id = :id and c.revokedAt is null and c.expiresAt <= :now and c.expiryRecorded = false
                    """).setParameter("id", id).setParameter("now", now).executeUpdate();
            if (flipped == 1) {
                // Read after the update: the row is ours until commit, so the event copies what was recorded.
                recordEvent(em.find(Consent.class, id), ConsentEvent.Action.EXPIRE, now);
                recorded++;
            }
        }
        return recorded;
    }

    private List<Consent> live(UUID memberId, String partnerId) {
        return em.createQuery("from Consent c where c.memberId = :m and c.partnerId = :p and c.revokedAt is null",
                Consent.class).setParameter("m", memberId).setParameter("p", partnerId).getResultList();
    }

    /**
     * Takes the member's row lock until the transaction ends; the first of a member's concurrent consent changes
     * goes on, the others wait for it to commit. Taking it again in the same transaction is harmless. An unknown member
     * takes no lock (and the change then fails on its own checks or foreign keys).
     */
    private void lockMember(UUID memberId) {
        String lock = "postgresql".equals(dbKind) ? "for no key update" : "for update";
        em.createNativeQuery("select id from member where id = ?1 " + lock)
                .setParameter(1, memberId)
                .getResultList();
    }

    private Partner activePartner(String partnerId) {
        Partner partner = partnerId == null ? null : em.find(Partner.class, partnerId);
        if (partner == null) {
            throw GatewayException.validation("Argument 'partnerId': no partner '" + partnerId + "'.");
        }
        if (partner.status != PartnerStatus.ACTIVE) {
            throw new GatewayException(ErrorCode.PARTNER_SUSPENDED,
                    partner.displayName + " is suspended; no new consents can be given to it.");
        }
        return partner;
    }

    private ConsentReceipt append(Consent consent, Partner partner, ConsentEvent.Action action, Instant now,
            PolicyVersion policy) {
        String pairwise = recordEvent(consent, action, now).pairwiseMemberId;
        ConsentReceipt r = new ConsentReceipt();
        r.id = UUID.randomUUID();
        r.issuedAt = now;
        r.action = action;
        r.memberId = consent.memberId;
        r.pairwiseMemberId = pairwise;
        r.partnerId = partner.id;
        r.partnerName = partner.displayName;
        r.partnerPolicyUrl = partner.policyUrl;
        r.gatewayPolicyVersion = policy.version;
        r.gatewayPolicyUrl = policy.url;
        r.category = consent.category;
        r.purpose = consent.purpose;
        r.level = consent.level;
        r.expiresAt = action == ConsentEvent.Action.GRANT ? consent.expiresAt : null;
        em.persist(r);
        return r;
    }

    /** Appends one history event, with the member as the consent's partner knows them. */
    private ConsentEvent recordEvent(Consent consent, ConsentEvent.Action action, Instant now) {
        ConsentEvent event = ConsentEvent.of(consent, action, now);
        event.pairwiseMemberId = pairwiseIds.toPairwise(consent.partnerId, consent.memberId);
        em.persist(event);
        // Ends of consents are pushed to a partner's webhook (from the outbox, written in this same transaction);
        // grants are not: a partner learns of a grant when it reads the member, and needs no notice to delete.
        WebhookOutbox.Type type = switch (action) {
            case REVOKE -> WebhookOutbox.Type.REVOKED;
            case EXPIRE -> WebhookOutbox.Type.EXPIRED;
            case ERASE -> WebhookOutbox.Type.ERASED;
            case GRANT -> null;
        };
        if (type != null) {
            webhooks.enqueue(consent.partnerId, type, event.pairwiseMemberId, consent.category.name(),
                    consent.purpose.name(), now);
        }
        return event;
    }

    private Consent current(UUID memberId, String partnerId, DataCategory category, Purpose purpose) {
        return em.createQuery("""
                from Consent c where c.memberId = :member and c.partnerId = :partner
                 and c.category = :category and c.purpose = :purpose
                """, Consent.class)
                .setParameter("member", memberId)
                .setParameter("partner", partnerId)
                .setParameter("category", category)
                .setParameter("purpose", purpose)
                .getResultList().stream().findFirst().orElse(null);
    }
}
