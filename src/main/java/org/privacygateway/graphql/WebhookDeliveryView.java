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
        @Id @NonNull @Description("The notice's own id, sent as webhook-id on every attempt") String id,
        @NonNull @Description("The partner the notice is for") String partnerId,
        @NonNull @Description("consent.revoked, consent.expired or consent.erased") String type,
        @NonNull @Description("PENDING, DELIVERED, FAILED (parked after a day of retries) or SKIPPED (partner suspended)")
        String status,
        @Description("Sending attempts so far (0 before the first)") int attempts,
        @NonNull @Description("When the consent change wrote the notice (ISO-8601)") Instant createdAt,
        @NonNull @Description("When the next attempt is due (ISO-8601)") Instant nextAttemptAt,
        @Description("The last attempt, if any (ISO-8601)") Instant lastAttemptAt,
        @Description("HTTP status or why the last attempt failed, in the gateway's words") String lastOutcome,
        @Description("When the receiver accepted it (ISO-8601); null until then") Instant deliveredAt) {

    static WebhookDeliveryView of(WebhookDeliveries.Delivery d) {
        return new WebhookDeliveryView(d.id().toString(), d.partnerId(), d.type(), d.status(), d.attempts(),
                d.createdAt(), d.nextAttemptAt(), d.lastAttemptAt(), d.lastOutcome(), d.deliveredAt());
    }
}
