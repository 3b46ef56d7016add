package org.privacygateway.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.partner.Partner;

/**
 * Writes a consent change's webhook notice into the outbox, in the change's own transaction: the notice exists exactly
 * when the change committed. Only for a partner that declared a webhook and is active; a suspended partner is told
 * nothing. The payload is fixed here: the notice's own id, type, the member as this partner knows them (pairwise id),
 * category, purpose and time, nothing else.
 *
 * <p>The notice's id (the row's id, sent as {@code webhook-id} and as the payload's {@code id}) is random, not the
 * consent event's: the gateway's internal ids stay inside it, as they do in {@code consentChanges} cursors.
 */
@ApplicationScoped
public class WebhookOutbox {

    /** Webhook event types, by what ended the consent. */
    public enum Type {
        REVOKED("consent.revoked"),
        EXPIRED("consent.expired"),
        ERASED("consent.erased");

        public final String wire;

        Type(String wire) {
            this.wire = wire;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /** Queues the notice of one consent event for its partner, if the partner has an active webhook. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String partnerId, Type type, String pairwiseMemberId, String category, String purpose,
            Instant occurredAt) {
        Partner partner = em.find(Partner.class, partnerId);
        if (partner == null || partner.webhookUrl == null || !partner.active()) {
            return;
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into webhook_delivery (id, partner_id, event_type, payload, status, attempts, created_at,
                    next_attempt_at, give_up_at)
                values (?1, ?2, ?3, ?4, 'PENDING', 0, ?5, ?5, ?6)
                """)
                .setParameter(1, id)
                .setParameter(2, partnerId)
                .setParameter(3, type.wire)
                .setParameter(4, payload(id, type, pairwiseMemberId, category, purpose, occurredAt))
                .setParameter(5, now.atOffset(ZoneOffset.UTC))
                .setParameter(6, now.plus(config.webhooks().giveUpAfter()).atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    static String payload(UUID id, Type type, String pairwiseMemberId, String category, String purpose,
            Instant occurredAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", pairwiseMemberId);
        data.put("category", category);
        data.put("purpose", purpose);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("type", type.wire);
        body.put("timestamp", occurredAt.toString());
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload could not be written", e);
        }
    }
}
