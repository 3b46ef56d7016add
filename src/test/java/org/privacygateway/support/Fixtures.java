package org.privacygateway.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.consent.Consent;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.consent.PairwiseIds;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerSource;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.policy.PolicyPermission;
import org.privacygateway.policy.PolicyVersion;

/** Builds test data straight in the database, each test with its own partners and members. */
@ApplicationScoped
public class Fixtures {

    @Inject
    EntityManager em;

    @Inject
    ConsentLedger ledger;

    @Inject
    PairwiseIds pairwiseIds;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * With the upstream source (the stub member service running), every member's values and collection stamps live
     * in the stub, as the marketplace would hold them, and the gateway's row keeps only what the gateway owns: so a
     * value a test then sees can only have come through the member service. Reading a member back (reload, update)
     * puts the stub's values on the entity again.
     */
    private void mirror(Member m) {
        org.privacygateway.dev.StubMemberService stub = StubMemberServiceResource.stub();
        if (stub == null) {
            return;
        }
        stub.put(org.privacygateway.dev.MemberRecords.of(json, m, v -> {
            PolicyVersion pv = em.find(PolicyVersion.class, v);
            return pv == null ? Instant.EPOCH : pv.effectiveAt;
        }));
        LocalDate birth = m.birthDate;
        String publicCategories = m.publicCategories;
        org.privacygateway.member.MemberAccount.clearPersonalData(m);
        m.birthDate = birth;
        m.publicCategories = publicCategories;
    }

    /** The values the stub holds for the member, put back on the entity (upstream source only). */
    private void hydrate(Member m) {
        org.privacygateway.dev.StubMemberService stub = StubMemberServiceResource.stub();
        if (stub == null) {
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode r = stub.get(m.subject);
        if (r == null) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode name = r.path("name");
        m.givenName = text(name, "given");
        m.familyName = text(name, "family");
        m.email = text(r, "email");
        m.phone = text(r, "phone");
        com.fasterxml.jackson.databind.JsonNode a = r.path("address");
        m.street = text(a, "street");
        m.city = text(a, "city");
        m.region = text(a, "region");
        m.postalCode = text(a, "postalCode");
        m.country = text(a, "country");
        com.fasterxml.jackson.databind.JsonNode c = r.path("company");
        m.companyName = text(c, "name");
        m.companyStreet = text(c.path("address"), "street");
        m.companyCity = text(c.path("address"), "city");
        m.companyRegion = text(c.path("address"), "region");
        m.companyPostalCode = text(c.path("address"), "postalCode");
        m.companyCountry = text(c.path("address"), "country");
        com.fasterxml.jackson.databind.JsonNode card = r.path("paymentCard");
        m.cardToken = text(card, "processorToken");
        m.cardBrand = text(card, "brand");
        m.cardLast4 = text(card, "last4");
        m.cardExpiryMonth = card.path("expiryMonth").isInt() ? card.get("expiryMonth").intValue() : null;
        m.cardExpiryYear = card.path("expiryYear").isInt() ? card.get("expiryYear").intValue() : null;
        r.path("collectedAt").fields().forEachRemaining(e -> {
            Integer version = em.createQuery("select max(v.version) from PolicyVersion v where v.effectiveAt <= :at",
                    Integer.class).setParameter("at", Instant.parse(e.getValue().asText())).getSingleResult();
            if (version != null) {
                m.stamp(DataCategory.valueOf(e.getKey()), version);
            }
        });
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
        com.fasterxml.jackson.databind.JsonNode v = n.path(field);
        return v.isTextual() ? v.textValue() : null;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An active API-onboarded partner whose client id equals its id. */
    @Transactional
    public Partner partner(String id, DeclaredRequest... requests) {
        Partner p = new Partner();
        p.id = id;
        p.displayName = "Partner " + id;
        p.kind = "travel";
        p.status = PartnerStatus.ACTIVE;
        p.clientId = id;
        p.policyUrl = "https://" + id + ".example/privacy";
        p.privacyContact = "privacy@" + id + ".example";
        p.rateLimitPerMinute = 6000;
        p.source = PartnerSource.API;
        p.hosts.add(id + ".marketplace.example");
        p.requests.addAll(List.of(requests));
        p.createdAt = Instant.now();
        p.updatedAt = p.createdAt;
        em.persist(p);
        return p;
    }

    public static DeclaredRequest request(DataCategory category, Purpose purpose, DisclosureLevel level) {
        return new DeclaredRequest(category, purpose, level, "Needed for " + purpose);
    }

    @Transactional
    public org.privacygateway.masking.PartnerTerms terms(String partnerId) {
        return em.find(Partner.class, partnerId).terms();
    }

    @Transactional
    public void setRateLimit(String partnerId, int perMinute) {
        em.find(Partner.class, partnerId).rateLimitPerMinute = perMinute;
    }

    @Transactional
    public void suspend(String partnerId) {
        em.find(Partner.class, partnerId).status = PartnerStatus.SUSPENDED;
    }

    /** A member with a value in every category, each stamped under policy version 1. */
    @Transactional
    public Member member(String label) {
        Member m = Member.create(unique("subject-" + label), Instant.now());
        m.givenName = "Given" + label;
        m.familyName = "Family" + label;
        m.email = label.toLowerCase() + "@mail.example";
        m.phone = "+1 555 010 " + String.format("%04d", Math.abs(label.hashCode()) % 10000);
        m.street = "1 " + label + " Street";
        m.city = "City" + label;
        m.region = "Region" + label;
        m.postalCode = "PC" + label;
        m.country = "SE";
        m.companyName = "Company " + label;
        m.companyStreet = "2 Company Street";
        m.companyCity = "Worktown";
        m.companyCountry = "SE";
        m.cardToken = "tok_" + label;
        m.cardBrand = "VISA";
        m.cardLast4 = "4242";
        m.cardExpiryMonth = 12;
        m.cardExpiryYear = 2030;
        m.birthDate = LocalDate.of(1980, 1, 1);
        for (DataCategory c : DataCategory.values()) {
            m.stamp(c, 1);
        }
        Member values = m.detachedCopy(); // the values, for the test to read (the row may have none, see mirror)
        mirror(m);
        em.persist(m);
        return values;
    }


    @Transactional
    public Member memberBySubject(String subject) {
        Member m = em.createQuery("from Member m where m.subject = :s", Member.class).setParameter("s", subject)
                .getSingleResult();
        em.detach(m);
        hydrate(m);
        return m;
    }

    @Transactional
    public void setRequests(String partnerId, DeclaredRequest... requests) {
        Partner p = em.find(Partner.class, partnerId);
        p.requests.clear();
        p.requests.addAll(List.of(requests));
    }

    @Transactional
    public Member reload(UUID memberId) {
        Member m = em.find(Member.class, memberId);
        em.detach(m);
        hydrate(m);
        return m;
    }

    @Transactional
    public void update(UUID memberId, java.util.function.Consumer<Member> change) {
        Member m = em.find(Member.class, memberId);
        hydrate(m);
        change.accept(m);
        mirror(m);
    }

    @Transactional
    public void grant(Member member, Partner partner, DataCategory category, Purpose purpose, DisclosureLevel level) {
        Instant now = Instant.now();
        ledger.record(member.id, em.find(Partner.class, partner.id), category, purpose, level, now,
                now.plus(java.time.Duration.ofDays(365)), em.find(PolicyVersion.class, 1));
    }

    @Transactional
    public void grantExpired(Member member, Partner partner, DataCategory category, Purpose purpose,
            DisclosureLevel level) {
        Instant past = Instant.now().minus(java.time.Duration.ofDays(400));
        ledger.record(member.id, em.find(Partner.class, partner.id), category, purpose, level, past,
                past.plus(java.time.Duration.ofDays(365)), em.find(PolicyVersion.class, 1));
    }

    @Transactional
    public void revoke(Member member, Partner partner, DataCategory category, Purpose purpose) {
        ledger.revoke(member.id, partner.id, category, purpose);
    }

    @Transactional
    public void publishPolicy(int version, Instant effectiveAt, Map<DataCategory, Set<Purpose>> matrix) {
        PolicyVersion v = new PolicyVersion();
        v.version = version;
        v.url = "https://privacy-gateway.example/policy/v" + version;
        v.summary = "Test version " + version;
        v.publishedAt = Instant.now();
        v.effectiveAt = effectiveAt;
        matrix.forEach((c, purposes) -> purposes.forEach(p -> v.permissions.add(new PolicyPermission(c, p))));
        em.persist(v);
    }

    @Transactional
    public void deletePolicy(int version) {
        PolicyVersion v = em.find(PolicyVersion.class, version);
        if (v != null) {
            em.remove(v);
        }
    }

    /** The matrix of version 1 as seeded, for building later versions from it. */
    @Transactional
    public Map<DataCategory, Set<Purpose>> matrixOf(int version) {
        return em.find(PolicyVersion.class, version).matrix().asMap();
    }

    @Transactional
    public List<AccessEvent> accessEvents(String partnerId) {
        return em.createQuery("from AccessEvent e where e.partnerId = :p order by e.occurredAt", AccessEvent.class)
                .setParameter("p", partnerId).getResultList();
    }

    @Transactional
    public AccessEvent accessEventAt(String partnerId, UUID memberId, Instant at) {
        AccessEvent e = new AccessEvent();
        e.id = UUID.randomUUID();
        e.requestId = UUID.randomUUID().toString();
        e.occurredAt = at;
        e.kind = AccessEvent.Kind.READ;
        e.partnerId = partnerId;
        e.memberId = memberId;
        e.purpose = Purpose.ORDER_FULFILLMENT;
        e.operation = "member";
        e.served = "EMAIL:FULL";
        e.masked = "";
        em.persist(e);
        return e;
    }

    @Transactional
    public void setServed(UUID accessEventId, String served, String masked) {
        AccessEvent e = em.find(AccessEvent.class, accessEventId);
        e.served = served;
        e.masked = masked;
    }

    /** {@code count} active partners named {@code <prefix>-00} to {@code <prefix>-<count-1>}, each asking for the email. */
    @Transactional
    public List<Partner> partners(String prefix, int count) {
        List<Partner> made = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(partner(prefix + "-" + String.format("%02d", i),
                    request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL)));
        }
        return made;
    }

    @Transactional
    public boolean accessEventExists(UUID id) {
        return em.find(AccessEvent.class, id) != null;
    }

    @Transactional
    public int maxPolicyVersion() {
        return em.createQuery("select max(v.version) from PolicyVersion v", Integer.class).getSingleResult();
    }

    @Transactional
    public long policyVersionCount() {
        return em.createQuery("select count(v) from PolicyVersion v", Long.class).getSingleResult();
    }

    @Transactional
    public long accessEventCount() {
        return em.createQuery("select count(e) from AccessEvent e", Long.class).getSingleResult();
    }

    @Transactional
    public List<Consent> consents(UUID memberId) {
        return em.createQuery("from Consent c where c.memberId = :m", Consent.class).setParameter("m", memberId)
                .getResultList();
    }

    public String pairwise(Partner partner, Member member) {
        return pairwiseIds.toPairwise(partner.id, member.id);
    }

    public static Set<Purpose> purposes(Purpose... purposes) {
        return purposes.length == 0 ? EnumSet.noneOf(Purpose.class) : EnumSet.of(purposes[0], purposes);
    }
}
