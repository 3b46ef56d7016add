-- Consent receipts (after the Kantara Consent Receipt fields), issued on every grant and revocation.
CREATE TABLE consent_receipt (
    id                      UUID PRIMARY KEY,
    issued_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    action                  VARCHAR(16) NOT NULL,
    member_id               UUID REFERENCES member (id),
    pairwise_member_id      VARCHAR(32) NOT NULL,
    partner_id              VARCHAR(64) NOT NULL REFERENCES partner (id),
    partner_name            VARCHAR(200) NOT NULL,
    partner_policy_url      VARCHAR(2000) NOT NULL,
    gateway_policy_version  INTEGER NOT NULL,
    gateway_policy_url      VARCHAR(2000) NOT NULL,
    category                VARCHAR(32) NOT NULL,
    purpose                 VARCHAR(32) NOT NULL,
    level                   VARCHAR(16) NOT NULL,
    expires_at              TIMESTAMP WITH TIME ZONE
);
CREATE INDEX consent_receipt_by_member ON consent_receipt (member_id, issued_at);

-- After an erasure the access log keeps only the partner-specific pairwise id, not the member link.
ALTER TABLE access_event ADD COLUMN pairwise_member_id VARCHAR(32);

-- The partner feed (consentChanges) reads consent_event; expiries and erasures are events too.
ALTER TABLE consent_event ADD COLUMN pairwise_member_id VARCHAR(32);
ALTER TABLE consent ADD COLUMN expiry_recorded BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX consent_event_feed ON consent_event (partner_id, occurred_at, id);
