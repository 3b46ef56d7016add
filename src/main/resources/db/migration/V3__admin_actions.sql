-- Every admin change: who, what, when, and the state before and after (JSON documents, never member PII).
CREATE TABLE admin_action (
    id           UUID PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(255) NOT NULL,
    action       VARCHAR(64) NOT NULL,
    target_type  VARCHAR(32) NOT NULL,
    target_id    VARCHAR(255) NOT NULL,
    reason       VARCHAR(2000),
    before_state VARCHAR(20000),
    after_state  VARCHAR(20000)
);
CREATE INDEX admin_action_by_time ON admin_action (occurred_at, id);
