package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** The embedded default (H2 in PostgreSQL mode) migrates and serves a partner query. */
@QuarkusTest
@TestProfile(H2DefaultTest.H2Profile.class)
class H2DefaultTest {

    public static class H2Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.db-kind", "h2",
                    "quarkus.datasource.jdbc.url",
                    "jdbc:h2:mem:gateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                    "quarkus.datasource.username", "gateway",
                    "quarkus.datasource.password", "gateway");
        }
    }

    @Inject
    Fixtures fixtures;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @Test
    void migratesAndServesAPartnerQuery() {
        org.junit.jupiter.api.Assertions.assertTrue(url.startsWith("jdbc:h2:"), "not running on H2: " + url);
        Partner partner = fixtures.partner(Fixtures.unique("h2"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Hana");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        GraphQL.post(Tokens.partner(partner.clientId),
                "{ members(purpose: ORDER_FULFILLMENT) { edges { node { email phone } } } }")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.members.edges[0].node.email", equalTo("hana@mail.example"))
                .body("extensions.privacy.gatewayPolicyVersion", equalTo(1));
    }

    @Inject
    org.privacygateway.audit.Checkpoints checkpoints;

    @Inject
    org.privacygateway.audit.AuditVerifier verifier;

    @Inject
    org.privacygateway.webhook.WebhookDelivery webhooks;

    /** The checkpoint job, the verifier and the outbox claim (FOR UPDATE SKIP LOCKED) in H2's dialect too. */
    @Test
    void sealsVerifiesAndClaimsOnH2() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("h2seal"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Hedda");
        fixtures.accessEventAt(partner.id, member.id, java.time.Instant.now());
        org.junit.jupiter.api.Assertions.assertTrue(checkpoints.seal() >= 1);
        var report = verifier.verify();
        org.junit.jupiter.api.Assertions.assertTrue(report.intact(), report.problem());
        try (var receiver = new org.privacygateway.support.WebhookReceiver()) {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
                Partner p = em.find(Partner.class, partner.id);
                p.webhookUrl = receiver.url();
                p.webhookSecretRef = "env:SKYWAY_WEBHOOK_SECRET";
            });
            fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
            fixtures.revoke(member, partner, EMAIL, ORDER_FULFILLMENT);
            webhooks.deliverDue();
            org.junit.jupiter.api.Assertions.assertEquals(1, receiver.received().size());
        }
    }

    @Inject
    jakarta.persistence.EntityManager em;
}
