package org.privacygateway.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.audit.AdminAudit;
import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.GatewayException;
import org.privacygateway.partner.Partner;

/** The admin's view of a partner's webhook deliveries, and redelivery of one. */
@ApplicationScoped
public class WebhookDeliveries {

    public static final List<String> STATUSES = List.of("PENDING", "DELIVERED", "FAILED", "SKIPPED");

    @Inject
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /** One delivery as an admin sees it: no payload (the pairwise id is the partner's business). */
    public record Delivery(UUID id, String partnerId, String type, String status, int attempts, Instant createdAt,
            Instant nextAttemptAt, Instant lastAttemptAt, String lastOutcome, Instant deliveredAt) {
    }

    /** A partner's deliveries, newest first, optionally of one status; at most {@code first}. */
    @Transactional
    public List<Delivery> of(String partnerId, String status, int first) {
        if (em.find(Partner.class, partnerId) == null) {
            throw GatewayException.validation("Argument 'partnerId': no partner '" + partnerId + "'.");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw GatewayException.validation("Argument 'status' must be one of " + STATUSES + ".");
        }
        var query = em.createNativeQuery("select " + COLUMNS + " from webhook_delivery where partner_id = ?1"
                + (status == null ? "" : " and status = ?3") + " order by created_at desc, id limit ?2")
                .setParameter(1, partnerId).setParameter(2, first);
        if (status != null) {
            query.setParameter(3, status);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(WebhookDeliveries::delivery).toList();
    }

    static final String COLUMNS = "id, partner_id, event_type, status, attempts, created_at, next_attempt_at,"
            + " last_attempt_at, last_outcome, delivered_at";

    private static Delivery delivery(Object[] r) {
        return new Delivery(WebhookDelivery.uuid(r[0]), (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                WebhookDelivery.instant(r[5]), WebhookDelivery.instant(r[6]),
                r[7] == null ? null : WebhookDelivery.instant(r[7]), (String) r[8],
                r[9] == null ? null : WebhookDelivery.instant(r[9]));
    }

    /**
     * Sends a delivery again, now, with a fresh day of retries: for one parked as FAILED or SKIPPED (or delivered, when
     * a partner lost it). Same webhook-id, so a partner that already has it can tell. Recorded in the admin audit.
     */
    @Transactional
    public Delivery redeliver(String actor, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select partner_id, status from webhook_delivery where id = ?1"
                + " for update").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw GatewayException.validation("Argument 'id': no webhook delivery '" + id + "'.");
        }
        String partnerId = (String) rows.get(0)[0];
        String before = (String) rows.get(0)[1];
        if (before.equals("PENDING")) {
            throw GatewayException.validation("Argument 'id': that delivery is still pending; it is retried on its own.");
        }
        Partner partner = em.find(Partner.class, partnerId);
        if (partner == null || !partner.active() || partner.webhookUrl == null) {
            throw GatewayException.validation("Partner '" + partnerId + "' is suspended or has no webhook: nothing"
                    + " would be sent.");
        }
        Instant now = clock.instant();
        em.createNativeQuery("""
                update webhook_delivery set status = 'PENDING', next_attempt_at = ?2, give_up_at = ?3 where id = ?1
                """).setParameter(1, id).setParameter(2, now.atOffset(ZoneOffset.UTC))
                .setParameter(3, now.plus(config.webhooks().giveUpAfter()).atOffset(ZoneOffset.UTC)).executeUpdate();
        audit.record(actor, "REDELIVER_WEBHOOK", "webhook-delivery", id.toString(), null, before, "PENDING");
        return delivery((Object[]) em.createNativeQuery("select " + COLUMNS + " from webhook_delivery where id = ?1")
                .setParameter(1, id).getSingleResult());
    }
}
