-- A member's correction, export or erasure request and what became of it, whichever source holds the member's data.
-- No personal value: which sections a correction touched, where it was handled, the outcome.
CREATE TABLE member_request (
    id            UUID PRIMARY KEY,
    member_id     UUID NOT NULL REFERENCES member (id),
    kind          VARCHAR(16) NOT NULL,
    source        VARCHAR(16) NOT NULL,
    outcome       VARCHAR(32) NOT NULL,
    sections      VARCHAR(200) NOT NULL DEFAULT '',
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX member_request_by_member ON member_request (member_id, requested_at);
