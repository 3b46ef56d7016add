-- Scheduled jobs run on every replica's schedule; this table makes each run happen once across the deployment.
-- A run takes its job's row lock (SELECT ... FOR UPDATE SKIP LOCKED) for its whole transaction: a replica that finds
-- the row locked skips (another replica is running the job), and one that finds the last run finished less than
-- half a period ago skips too. The row also tells an operator when each job last ran, where, and how it ended.
CREATE TABLE job_run (
    name              VARCHAR(64) PRIMARY KEY,
    last_started_at   TIMESTAMP WITH TIME ZONE,
    last_finished_at  TIMESTAMP WITH TIME ZONE,
    last_outcome      VARCHAR(16),
    last_runner       VARCHAR(128),
    runs              BIGINT NOT NULL DEFAULT 0
);
INSERT INTO job_run (name) VALUES ('consent-expiry'), ('access-retention'), ('audience-snapshot');
