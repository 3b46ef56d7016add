-- Core schema of privacy-gateway. Portable between PostgreSQL and H2 (PostgreSQL mode):
-- ids are UUIDs made in Java, times are timestamps with time zone, enums are stored by name.

CREATE TABLE policy_version (
    version        INTEGER PRIMARY KEY,
    url            VARCHAR(2000) NOT NULL,
    summary        VARCHAR(4000) NOT NULL,
    published_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    effective_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The matrix of a policy version: which (category, purpose) pairs partners may receive under it.
CREATE TABLE policy_permission (
    version   INTEGER NOT NULL REFERENCES policy_version (version),
    category  VARCHAR(32) NOT NULL,
    purpose   VARCHAR(32) NOT NULL,
    PRIMARY KEY (version, category, purpose)
);

CREATE TABLE partner (
    id                    VARCHAR(64) PRIMARY KEY,
    display_name          VARCHAR(200) NOT NULL,
    kind                  VARCHAR(64) NOT NULL,
    status                VARCHAR(16) NOT NULL,
    client_id             VARCHAR(200) NOT NULL UNIQUE,
    policy_url            VARCHAR(2000) NOT NULL,
    logo_url              VARCHAR(2000),
    privacy_contact       VARCHAR(320),
    rate_limit_per_minute INTEGER NOT NULL,
    source                VARCHAR(8) NOT NULL,
    suspended_by_admin    BOOLEAN NOT NULL DEFAULT FALSE,
    suspension_reason     VARCHAR(2000),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE partner_host (
    partner_id  VARCHAR(64) NOT NULL REFERENCES partner (id),
    host        VARCHAR(253) NOT NULL UNIQUE,
    PRIMARY KEY (partner_id, host)
);

-- What a partner declared it needs, each with the highest level and the reason it gives members.
CREATE TABLE partner_request (
    partner_id     VARCHAR(64) NOT NULL REFERENCES partner (id),
    category       VARCHAR(32) NOT NULL,
    purpose        VARCHAR(32) NOT NULL,
    level          VARCHAR(16) NOT NULL,
    justification  VARCHAR(2000) NOT NULL,
    PRIMARY KEY (partner_id, category, purpose)
);

CREATE TABLE member (
    id                      UUID PRIMARY KEY,
    subject                 VARCHAR(255) NOT NULL UNIQUE,
    given_name              VARCHAR(200),
    family_name             VARCHAR(200),
    email                   VARCHAR(320),
    phone                   VARCHAR(32),
    street                  VARCHAR(400),
    city                    VARCHAR(200),
    region                  VARCHAR(200),
    postal_code             VARCHAR(32),
    country                 VARCHAR(2),
    company_name            VARCHAR(200),
    company_street          VARCHAR(400),
    company_city            VARCHAR(200),
    company_region          VARCHAR(200),
    company_postal_code     VARCHAR(32),
    company_country         VARCHAR(2),
    card_token              VARCHAR(200),
    card_brand              VARCHAR(32),
    card_last4              VARCHAR(4),
    card_expiry_month       INTEGER,
    card_expiry_year        INTEGER,
    birth_date              DATE,
    public_categories       VARCHAR(200) NOT NULL DEFAULT '',
    marketing_opt_out       BOOLEAN NOT NULL DEFAULT FALSE,
    name_policy_version     INTEGER,
    email_policy_version    INTEGER,
    phone_policy_version    INTEGER,
    address_policy_version  INTEGER,
    company_policy_version  INTEGER,
    card_policy_version     INTEGER,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_at               TIMESTAMP WITH TIME ZONE
);

-- Current state of each consent: one row per (member, partner, category, purpose). Reads use this.
CREATE TABLE consent (
    id                  UUID PRIMARY KEY,
    member_id           UUID NOT NULL REFERENCES member (id),
    partner_id          VARCHAR(64) NOT NULL REFERENCES partner (id),
    category            VARCHAR(32) NOT NULL,
    purpose             VARCHAR(32) NOT NULL,
    level               VARCHAR(16) NOT NULL,
    granted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at          TIMESTAMP WITH TIME ZONE,
    policy_version      INTEGER NOT NULL,
    partner_policy_url  VARCHAR(2000) NOT NULL,
    CONSTRAINT consent_key UNIQUE (member_id, partner_id, category, purpose)
);
CREATE INDEX consent_by_partner_purpose ON consent (partner_id, purpose, member_id);

-- Append-only history of every grant and revocation. Never updated, never deleted.
CREATE TABLE consent_event (
    id                  UUID PRIMARY KEY,
    member_id           UUID NOT NULL REFERENCES member (id),
    partner_id          VARCHAR(64) NOT NULL REFERENCES partner (id),
    category            VARCHAR(32) NOT NULL,
    purpose             VARCHAR(32) NOT NULL,
    action              VARCHAR(16) NOT NULL,
    level               VARCHAR(16) NOT NULL,
    occurred_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE,
    policy_version      INTEGER NOT NULL,
    partner_policy_url  VARCHAR(2000) NOT NULL
);
CREATE INDEX consent_event_by_member ON consent_event (member_id, occurred_at);
CREATE INDEX consent_event_by_partner ON consent_event (partner_id, occurred_at);

-- What was served to whom, and what was masked and why. Written before the response leaves.
CREATE TABLE access_event (
    id           UUID PRIMARY KEY,
    request_id   VARCHAR(64) NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    partner_id   VARCHAR(64) REFERENCES partner (id),
    member_id    UUID REFERENCES member (id),
    purpose      VARCHAR(32),
    operation    VARCHAR(64) NOT NULL,
    served       VARCHAR(400) NOT NULL,
    masked       VARCHAR(600) NOT NULL
);
CREATE INDEX access_event_by_member ON access_event (member_id, occurred_at);
CREATE INDEX access_event_by_partner ON access_event (partner_id, occurred_at);
CREATE INDEX access_event_by_time ON access_event (occurred_at);
