package org.privacygateway.graphql;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.webhook.WebhookDeliveries;

@Name("WebhookDelivery")
@Description("One consent-change notice for a partner's webhook: its state, attempts and last outcome (no payload).")
public record WebhookDeliveryView(
        @Id @NonNull @Description("The consent event's id, sent as webhook-id on every attempt") String id,
        @NonNull String partnerId,
        @NonNull @Description("consent.revoked, consent.expired or consent.erased") String type,
        @NonNull @Description("PENDING, DELIVERED, FAILED (parked after a day of retries) or SKIPPED (partner suspended)")
        String status,
        int attempts,
        @NonNull Instant createdAt,
        @NonNull Instant nextAttemptAt,
        Instant lastAttemptAt,
        @Description("HTTP status or why the last attempt failed, in the gateway's words") String lastOutcome,
        Instant deliveredAt) {

    static WebhookDeliveryView of(WebhookDeliveries.Delivery d) {
        return new WebhookDeliveryView(d.id().toString(), d.partnerId(), d.type(), d.status(), d.attempts(),
                d.createdAt(), d.nextAttemptAt(), d.lastAttemptAt(), d.lastOutcome(), d.deliveredAt());
    }
}
