package org.privacygateway.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.support.Fixtures.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.consent.ConsentEvent;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerFile;
import org.privacygateway.partner.PartnerFileException;
import org.privacygateway.partner.PartnerSync;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.TestClock;
import org.privacygateway.support.Tokens;
import org.privacygateway.support.WebhookReceiver;

/**
 * Consent-change webhooks end to end against a receiver the test starts: the outbox row written with the consent
 * change, the Standard Webhooks signature checked by an implementation of the test's own, retries that end in exactly
 * one delivery, a receiver down for over a day ending parked, nothing for a suspended partner, no call to a private
 * address, no redirect followed, and the admin's view and redelivery.
 */
@QuarkusTest
class WebhookDeliveryTest {

    static final String SECRET_ENV = "SKYWAY_WEBHOOK_SECRET";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookDelivery delivery;

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    EntityManager em;

    @Inject
    PartnerSync sync;

    @Inject
    org.privacygateway.consent.ConsentLedger ledger;

    @Inject
    org.privacygateway.member.MemberAccount accounts;

    @ConfigProperty(name = SECRET_ENV)
    String secret;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Setup(Partner partner, Member member) {
    }

    /** A partner with a webhook to {@code url} and a member who granted it their email, then revoked it. */
    Setup revokedTo(String url) {
        Partner p = fixtures.partner(Fixtures.unique("hook"),
                request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
        setWebhook(p.id, url);
        Member m = fixtures.member("Hooked");
        fixtures.grant(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
        fixtures.revoke(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT);
        return new Setup(p, m);
    }

    void setWebhook(String partnerId, String url) {
        QuarkusTransaction.requiringNew().run(() -> {
            Partner p = em.find(Partner.class, partnerId);
            p.webhookUrl = url;
            p.webhookSecretRef = "env:" + SECRET_ENV;
        });
    }

    List<Object[]> deliveries(String partnerId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, status, attempts, last_outcome from webhook_delivery"
                    + " where partner_id = ?1 order by created_at").setParameter(1, partnerId).getResultList();
            return rows;
        });
    }

    ConsentEvent revokeEvent(Setup s) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from ConsentEvent e where e.partnerId = :p and e.action = :a", ConsentEvent.class)
                .setParameter("p", s.partner().id).setParameter("a", ConsentEvent.Action.REVOKE).getSingleResult());
    }

    @Test
    void aRevocationArrivesSignedWithTheStandardWebhooksSignatureAndNothingElse() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Setup s = revokedTo(receiver.url());
            ConsentEvent event = revokeEvent(s);
            assertEquals(1, deliveries(s.partner().id).size(), "one outbox row, written with the revocation");
            delivery.deliverDue();
            assertEquals(1, receiver.received().size());
            WebhookReceiver.Received r = receiver.received().get(0);

            // The partner's side, written independently of the gateway's code: HMAC-SHA256 over id.timestamp.body.
            String id = r.headers().get("webhook-id");
            String timestamp = r.headers().get("webhook-timestamp");
            // Its own id, not the consent event's: nothing in a notice names a row of the gateway's.
            assertFalse(id.equals(event.id.toString()), "the webhook-id is the consent event's id");
            assertFalse(r.body().contains(event.id.toString()), "the payload carries the consent event's id");
            assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300, "fresh timestamp");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, r.headers().get("webhook-signature"));
            assertEquals("application/json", r.headers().get("content-type"));

            Map<String, Object> body = JSON.readValue(r.body(), Map.class);
            assertEquals(List.of("id", "type", "timestamp", "data"), List.copyOf(body.keySet()));
            assertEquals(id, body.get("id"), "the payload's id is the webhook-id");
            assertEquals("consent.revoked", body.get("type"));
            assertEquals(Map.of("memberId", fixtures.pairwise(s.partner(), s.member()), "category", "EMAIL",
                    "purpose", "ORDER_FULFILLMENT"), body.get("data"));
            assertFalse(r.body().contains(s.member().id.toString()), "never the internal member id");
            assertFalse(r.body().contains("@mail.example"), "never a member value");

            Object[] row = deliveries(s.partner().id).get(0);
            assertEquals("DELIVERED", row[1]);
            delivery.deliverDue();
            assertEquals(1, receiver.received().size(), "a delivered notice is not sent again");
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesThenSucceedsGetsTheEventOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answer(500, 503, 500)) {
            Setup s = revokedTo(receiver.url());
            for (int i = 0; i < 6; i++) {
                delivery.deliverDue();
                clock.advance(Duration.ofHours(2));
            }
            List<WebhookReceiver.Received> got = receiver.received();
            assertEquals(4, got.size(), "three failures, one success, nothing after");
            assertEquals(1, got.stream().filter(r -> r.answeredWith() < 300).count(), "accepted exactly once");
            assertEquals(1, got.stream().map(r -> r.headers().get("webhook-id")).distinct().count(),
                    "the same webhook-id on every attempt");
            Object[] row = deliveries(s.partner().id).get(0);
            assertEquals("DELIVERED", row[1]);
            assertEquals(4, ((Number) row[2]).intValue());
        }
    }

    @Test
    void aReceiverDownForMoreThanADayEndsParkedAndAnAdminCanRedeliver() throws Exception {
        WebhookReceiver down = new WebhookReceiver();
        String url = down.url();
        down.close();
        Setup s = revokedTo(url);
        Instant start = clock.instant();
        int rounds = 0;
        while (!"FAILED".equals(deliveries(s.partner().id).get(0)[1]) && rounds++ < 40) {
            delivery.deliverDue();
            clock.advance(Duration.ofMinutes(70));
        }
        Object[] row = deliveries(s.partner().id).get(0);
        assertEquals("FAILED", row[1], "parked after the retry window");
        assertTrue(Duration.between(start, clock.instant()).compareTo(Duration.ofHours(24)) >= 0, "retried a day");
        assertTrue(((Number) row[2]).intValue() >= 10, "retried many times: " + row[2]);
        assertEquals("connection failed", row[3]);

        String admin = Tokens.admin("ada");
        GraphQL.post(admin, "query($p: ID!) { webhookDeliveries(partnerId: $p, status: \"FAILED\") { id status attempts"
                + " lastOutcome } }", Map.of("p", s.partner().id))
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.webhookDeliveries[0].id", equalTo(row[0].toString()))
                .body("data.webhookDeliveries[0].lastOutcome", equalTo("connection failed"));
        try (WebhookReceiver back = new WebhookReceiver()) {
            setWebhook(s.partner().id, back.url());
            GraphQL.post(admin, "mutation($id: ID!) { redeliverWebhook(id: $id) { status } }",
                    Map.of("id", row[0].toString()))
                    .body("data.redeliverWebhook.status", equalTo("PENDING"));
            delivery.deliverDue();
            assertEquals(1, back.received().size());
            assertEquals("DELIVERED", deliveries(s.partner().id).get(0)[1]);
        }
        GraphQL.post(Tokens.partner(s.partner().clientId), "query($p: ID!) { webhookDeliveries(partnerId: $p) { id } }",
                Map.of("p", s.partner().id))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void aSuspendedPartnerGetsNothing() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // Suspended before the change: no notice is even written.
            Partner p = fixtures.partner(Fixtures.unique("susp"),
                    request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
            setWebhook(p.id, receiver.url());
            Member m = fixtures.member("Susp");
            fixtures.grant(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
            fixtures.suspend(p.id);
            fixtures.revoke(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT);
            assertTrue(deliveries(p.id).isEmpty());
            // Suspended after it: the notice is skipped, not sent.
            Setup s = revokedTo(receiver.url());
            fixtures.suspend(s.partner().id);
            delivery.deliverDue();
            assertEquals(0, receiver.received().size());
            Object[] row = deliveries(s.partner().id).get(0);
            assertEquals("SKIPPED", row[1]);
        }
    }

    @Test
    void aGrantSendsNothingAndAnExpiryAndAnErasureDo() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Partner p = fixtures.partner(Fixtures.unique("kinds"),
                    request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL),
                    request(DataCategory.NAME, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
            setWebhook(p.id, receiver.url());
            Member m = fixtures.member("Kinds");
            fixtures.grant(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
            fixtures.grantExpired(m, p, DataCategory.NAME, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
            assertTrue(deliveries(p.id).isEmpty(), "a grant is no notice");
            ledger.recordExpiries();
            QuarkusTransaction.requiringNew().run(() -> accounts.eraseData(m.id));
            delivery.deliverDue();
            List<String> types = new java.util.ArrayList<>();
            for (WebhookReceiver.Received r : receiver.received()) {
                Map<String, Object> body = JSON.readValue(r.body(), Map.class);
                types.add(body.get("type") + " " + ((Map<?, ?>) body.get("data")).get("category"));
            }
            // The same events as consentChanges: the erasure ends every consent not revoked, the expired one too.
            assertEquals(List.of("consent.erased EMAIL", "consent.erased NAME", "consent.expired NAME"),
                    types.stream().sorted().toList());
        }
    }

    @Test
    void aPrivateAddressIsNeverCalledAndARedirectIsNotFollowed() throws Exception {
        Setup metadata = revokedTo("http://169.254.169.254/latest/meta-data/");
        Setup internal = revokedTo("http://10.0.0.1:8080/admin");
        delivery.deliverDue();
        for (Setup s : List.of(metadata, internal)) {
            Object[] row = deliveries(s.partner().id).get(0);
            assertEquals("PENDING", row[1]);
            assertTrue(((String) row[3]).startsWith("refused"), (String) row[3]);
        }
        try (WebhookReceiver receiver = new WebhookReceiver().answerByDefault(302)) {
            Setup s = revokedTo(receiver.url());
            delivery.deliverDue();
            assertEquals(1, receiver.received().size());
            Object[] row = deliveries(s.partner().id).get(0);
            assertEquals("PENDING", row[1]);
            assertTrue(((String) row[3]).contains("redirects are not followed"), (String) row[3]);
        }
    }

    @Test
    void aPartnerFileWhoseSecretCannotBeFoundIsRefusedAndNothingChanges() {
        String id = Fixtures.unique("nosecret");
        PartnerFile file = new PartnerFile(id, "No Secret", "travel", id, List.of(id + ".sync.example"),
                "https://" + id + ".example/privacy", null, "privacy@" + id + ".example", 100,
                List.of(new PartnerFile.Request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL,
                        "Needed")), null, null,
                new PartnerFile.Webhook("https://hooks." + id + ".example/", new PartnerFile.SecretRef("NO_SUCH_SECRET")));
        PartnerFileException e = assertThrows(PartnerFileException.class, () -> sync.apply(List.of(file)));
        assertEquals("webhook.secret.env", e.field());
        assertTrue(e.reason().contains("NO_SUCH_SECRET"), e.reason());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> em.find(Partner.class, id) == null));
    }

    @Test
    void twoReplicasDeliveringAtOnceNeverSendOneNoticeTwice() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().slow(150)) {
            Partner p = fixtures.partner(Fixtures.unique("race"),
                    request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
            setWebhook(p.id, receiver.url());
            for (int i = 0; i < 12; i++) {
                Member m = fixtures.member("Race");
                fixtures.grant(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
                fixtures.revoke(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT);
            }
            // Two deliverers at once, as two replicas would run them: only the row claims keep them apart.
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var a = pool.submit(delivery::deliverDue);
                var b = pool.submit(delivery::deliverDue);
                a.get();
                b.get();
            } finally {
                pool.shutdown();
            }
            List<String> ids = receiver.received().stream().map(r -> r.headers().get("webhook-id")).toList();
            assertEquals(12, ids.size(), "every notice sent");
            assertEquals(12, ids.stream().distinct().count(), "none sent twice");
            assertTrue(deliveries(p.id).stream().allMatch(r -> "DELIVERED".equals(r[1])));
        }
    }
}
