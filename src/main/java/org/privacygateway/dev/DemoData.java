package org.privacygateway.dev;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.policy.PolicyService;

/** Demo members with consents for {@code ./mvnw quarkus:dev}. Not part of any other build. */
@IfBuildProfile("dev")
@ApplicationScoped
public class DemoData {

    /** Chloé, the demo minor: the product gives children no partner sharing, so she has no consent at all. */
    static final int CHLOE_AGE = 11;

    /** One demo consent: member subject, partner id, what, why, how much. */
    record Grant(String member, String partner, DataCategory category, Purpose purpose, DisclosureLevel level) {
    }

    static final java.util.List<Grant> GRANTS = java.util.List.of(
            new Grant("alice", "skyway-travel", DataCategory.NAME, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL),
            new Grant("alice", "skyway-travel", DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL),
            new Grant("alice", "skyway-travel", DataCategory.ADDRESS, Purpose.ORDER_FULFILLMENT, DisclosureLevel.PARTIAL),
            new Grant("alice", "parcelpath-logistics", DataCategory.NAME, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL),
            new Grant("alice", "parcelpath-logistics", DataCategory.ADDRESS, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL),
            new Grant("alice", "clearpay-payments", DataCategory.PAYMENT_CARD, Purpose.PAYMENT_PROCESSING, DisclosureLevel.FULL),
            new Grant("bob", "skyway-travel", DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.PARTIAL),
            new Grant("bob", "skyway-travel", DataCategory.EMAIL, Purpose.MARKETING, DisclosureLevel.FULL));

    @Inject
    EntityManager em;

    @Inject
    ConsentLedger ledger;

    @Inject
    PolicyService policies;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Transactional
    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (em.createQuery("select count(m) from Member m", Long.class).getSingleResult() > 0) {
            return;
        }
        Instant now = clock.instant();
        org.privacygateway.policy.PolicyVersion policy = policies.snapshot(now).current();
        int version = policy.version;
        Instant expires = now.plus(config.consent().defaultExpiry());

        java.util.List<Member> demo = members(now, version);
        Member alice = demo.get(0);
        Member bob = demo.get(1);
        Member chloe = demo.get(2);
        if (config.members().source() == GatewayConfig.Members.Source.UPSTREAM) {
            // The values live in the stub member service (DevMemberService); the gateway keeps what it owns.
            for (Member m : demo) {
                java.time.LocalDate birth = m.birthDate;
                String publicCategories = m.publicCategories;
                org.privacygateway.member.MemberAccount.clearPersonalData(m);
                m.birthDate = birth;
                m.publicCategories = publicCategories;
            }
        }
        em.persist(alice);
        em.persist(bob);
        em.persist(chloe);

        Partner skyway = em.find(Partner.class, "skyway-travel");
        Partner parcel = em.find(Partner.class, "parcelpath-logistics");
        Partner clearpay = em.find(Partner.class, "clearpay-payments");
        if (skyway == null || parcel == null || clearpay == null) {
            Log.warn("Demo consents skipped: the demo partners are not in partners/");
            return;
        }
        java.util.Map<String, Member> members = java.util.Map.of("alice", alice, "bob", bob, "chloe", chloe);
        java.util.Map<String, Partner> partners = java.util.Map.of(skyway.id, skyway, parcel.id, parcel, clearpay.id, clearpay);
        for (Grant g : GRANTS) {
            ledger.record(members.get(g.member()).id, partners.get(g.partner()), g.category(), g.purpose(), g.level(),
                    now, expires, policy);
        }
        Log.info("Demo data seeded: members alice and bob with consents, and chloe (a minor) with none");
    }

    /** Alice, Bob and Chloé with every value, as the member service and the local table both know them. */
    static java.util.List<Member> members(Instant now, int version) {
        Member alice = member("alice", now, version);
        alice.givenName = "Alice";
        alice.familyName = "Lindqvist";
        alice.email = "alice.lindqvist@mail.example";
        alice.phone = "+46 70 123 45 67";
        alice.street = "Storgatan 12";
        alice.city = "Uppsala";
        alice.region = "Uppsala län";
        alice.postalCode = "753 20";
        alice.country = "SE";
        alice.cardToken = "tok_demo_alice_4242";
        alice.cardBrand = "VISA";
        alice.cardLast4 = "4242";
        alice.cardExpiryMonth = 9;
        alice.cardExpiryYear = 2029;
        alice.birthDate = LocalDate.of(1988, 4, 2);

        Member bob = member("bob", now, version);
        bob.givenName = "Bob";
        bob.familyName = "Okafor";
        bob.email = "bob.okafor@mail.example";
        bob.phone = "+44 20 7946 0958";
        bob.street = "14 Canal Street";
        bob.city = "Manchester";
        bob.region = "Greater Manchester";
        bob.postalCode = "M1 3HE";
        bob.country = "GB";
        bob.companyName = "Okafor Joinery Ltd";
        bob.companyCity = "Manchester";
        bob.companyCountry = "GB";
        bob.marketingOptOut = true;
        bob.setPublicCategorySet(EnumSet.of(DataCategory.COMPANY));

        Member chloe = member("chloe", now, version);
        chloe.givenName = "Chloé";
        chloe.familyName = "Martin";
        chloe.email = "chloe.martin@mail.example";
        chloe.birthDate = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusYears(CHLOE_AGE);

        return java.util.List.of(alice, bob, chloe);
    }

    private static Member member(String subject, Instant now, int version) {
        Member m = Member.create(subject, now);
        // A fixed id per demo member: the dev run's pairwise ids and member order are then the same on every
        // machine, so the README's sample output is what a new user sees.
        m.id = java.util.UUID.nameUUIDFromBytes(("privacy-gateway demo member " + subject)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (DataCategory c : DataCategory.values()) {
            m.stamp(c, version);
        }
        return m;
    }
}
