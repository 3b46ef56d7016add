-- Audience statistics are served from a snapshot taken once per period (at most daily), never live. A row holds
-- only what is published: counts already rounded, buckets under k already left out, no suppressed counts.
-- One row per partner per period: the unique key makes a second replica's concurrent snapshot fail, not duplicate.
CREATE TABLE audience_snapshot (
    id            UUID PRIMARY KEY,
    partner_id    VARCHAR(64) NOT NULL REFERENCES partner (id),
    period_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    taken_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    k             INTEGER NOT NULL,
    rounding      INTEGER NOT NULL,
    total         INTEGER,
    by_country    VARCHAR(4000) NOT NULL,
    by_age_band   VARCHAR(1000) NOT NULL,
    CONSTRAINT audience_snapshot_once_per_period UNIQUE (partner_id, period_start)
);
