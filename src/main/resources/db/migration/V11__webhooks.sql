-- Consent-change webhooks (decision record 15). A partner's webhook is its URL and a reference to where its signing
-- secret lives (an environment variable or a configuration key), never the secret itself.
ALTER TABLE partner ADD COLUMN webhook_url VARCHAR(500);
ALTER TABLE partner ADD COLUMN webhook_secret_ref VARCHAR(200);

-- The outbox: one row per consent event a partner with a webhook must hear of, written in the consent change's own
-- transaction, so a change is never committed without its notice nor a notice sent for a change rolled back. The id
-- is the consent event's id: the webhook-id a partner deduplicates on, the same on every retry and redelivery. The
-- payload is fixed when the row is written (the pairwise member id, category, purpose, time; nothing else).
CREATE TABLE webhook_delivery (
    id               UUID PRIMARY KEY,
    partner_id       VARCHAR(64) NOT NULL REFERENCES partner (id),
    event_type       VARCHAR(32) NOT NULL,
    payload          VARCHAR(1000) NOT NULL,
    -- PENDING (due at next_attempt_at), DELIVERED, FAILED (parked after give_up_at), SKIPPED (partner suspended)
    status           VARCHAR(16) NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    give_up_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_outcome     VARCHAR(100),
    delivered_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_by_partner ON webhook_delivery (partner_id, created_at);

INSERT INTO job_run (name) VALUES ('webhook-delivery');
