-- Each partner's members pages come in an order only that partner's view defines: the member's sort key for the
-- partner, derived from the partner's pairwise id of the member (filled in by the gateway: at grant time for new
-- rows, at start for rows written before this column existed). Keyset pagination runs on the index below.
ALTER TABLE consent ADD COLUMN member_order BIGINT;
CREATE INDEX consent_partner_member_order ON consent (partner_id, purpose, member_order, member_id);
