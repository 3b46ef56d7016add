-- What erasure keeps of a member recorded as under 13, so that signing in again with the same login does not lift the
-- protection for children (docs/privacy-model.md, "Minors"): a keyed hash (HMAC-SHA-256, hex) of the login subject and
-- the first day of the month after the member's 13th birthday. Nothing else: no member id, no name, no birth date, no
-- time of erasure. A new account of that login takes the protection over and the row goes; otherwise the retention
-- purge deletes it once its date has come.
CREATE TABLE minor_protection (
    subject_hash     VARCHAR(64) PRIMARY KEY,
    protected_until  DATE NOT NULL
);
CREATE INDEX minor_protection_by_until ON minor_protection (protected_until);

-- A new account that took such a protection over starts with the birth date it implies (the first day of the month,
-- 13 years before the protection ends), marked as carried over: a bound the minors rule goes by, not a date the member
-- gave. The member's own later date, or an admin's guardian-verified correction, replaces it.
ALTER TABLE member ADD COLUMN birth_date_carried_over BOOLEAN NOT NULL DEFAULT FALSE;
