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
        chloe.birthDate = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusYears(11);

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
        ledger.record(alice.id, skyway, DataCategory.NAME, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL, now, expires, policy);
        ledger.record(alice.id, skyway, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL, now, expires, policy);
        ledger.record(alice.id, skyway, DataCategory.ADDRESS, Purpose.ORDER_FULFILLMENT, DisclosureLevel.PARTIAL, now, expires, policy);
        ledger.record(alice.id, parcel, DataCategory.NAME, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL, now, expires, policy);
        ledger.record(alice.id, parcel, DataCategory.ADDRESS, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL, now, expires, policy);
        ledger.record(alice.id, clearpay, DataCategory.PAYMENT_CARD, Purpose.PAYMENT_PROCESSING, DisclosureLevel.FULL, now, expires, policy);
        ledger.record(bob.id, skyway, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.PARTIAL, now, expires, policy);
        ledger.record(bob.id, skyway, DataCategory.EMAIL, Purpose.MARKETING, DisclosureLevel.FULL, now, expires, policy);
        ledger.record(chloe.id, skyway, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL, now, expires, policy);
        Log.info("Demo data seeded: members alice, bob and chloe (a minor) with consents");
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
