-- The previous release's data (schema V9), as its code writes it: every table of that schema holds rows, with the
-- shapes the gateway produces (enum names, comma lists of categories, pairwise ids, JSON documents, sort keys).
-- PreviousReleaseUpgradeTest loads it on a database migrated to the previous release, migrates to the latest schema,
-- then runs previous-release-queries.sql, whose expected rows are these. Move it with PreviousRelease at a release.
--
-- Members: alice (adult, every field, consents to three partners), bob (adult, partial data), chloe (born 2016:
-- under 13, never shared), dan (erased: subject and values emptied, history kept), eve (analytics only).

-- Policy version 2, published and in force (version 1 comes from migration V2).
INSERT INTO policy_version (version, url, summary, published_at, effective_at) VALUES
    (2, 'https://privacy-gateway.example/policy/v2', 'Phone numbers may be used for account linking only.',
     TIMESTAMP WITH TIME ZONE '2025-01-02 09:00:00+00', TIMESTAMP WITH TIME ZONE '2025-02-03 00:00:00+00');
INSERT INTO policy_permission (version, category, purpose) VALUES
    (2, 'NAME', 'ORDER_FULFILLMENT'), (2, 'EMAIL', 'ORDER_FULFILLMENT'), (2, 'ADDRESS', 'ORDER_FULFILLMENT'),
    (2, 'COMPANY', 'ORDER_FULFILLMENT'), (2, 'NAME', 'CUSTOMER_SUPPORT'), (2, 'EMAIL', 'CUSTOMER_SUPPORT'),
    (2, 'PHONE', 'ACCOUNT_LINKING'), (2, 'EMAIL', 'ACCOUNT_LINKING'), (2, 'EMAIL', 'MARKETING'),
    (2, 'NAME', 'PAYMENT_PROCESSING'), (2, 'ADDRESS', 'PAYMENT_PROCESSING'), (2, 'PAYMENT_CARD', 'PAYMENT_PROCESSING');

INSERT INTO partner (id, display_name, kind, status, client_id, policy_url, logo_url, privacy_contact,
                     rate_limit_per_minute, source, suspended_by_admin, suspension_reason, created_at, updated_at) VALUES
    ('skyway-travel', 'Skyway Travel', 'travel', 'ACTIVE', 'skyway-travel', 'https://www.skyway-travel.example/privacy',
     'https://www.skyway-travel.example/logo.svg', 'privacy@skyway-travel.example', 600, 'FILE', FALSE, NULL,
     TIMESTAMP WITH TIME ZONE '2024-11-04 08:00:00+00', TIMESTAMP WITH TIME ZONE '2025-03-01 08:00:00+00'),
    ('parcelpath-logistics', 'ParcelPath Logistics', 'logistics', 'ACTIVE', 'parcelpath-logistics',
     'https://parcelpath.example/legal/privacy', NULL, NULL, 1200, 'FILE', FALSE, NULL,
     TIMESTAMP WITH TIME ZONE '2024-11-04 08:00:00+00', TIMESTAMP WITH TIME ZONE '2024-11-04 08:00:00+00'),
    ('clearpay-payments', 'ClearPay Payments', 'payment-processor', 'ACTIVE', 'clearpay-payments',
     'https://clearpay.example/privacy', NULL, 'dpo@clearpay.example', 3000, 'FILE', FALSE, NULL,
     TIMESTAMP WITH TIME ZONE '2024-11-04 08:00:00+00', TIMESTAMP WITH TIME ZONE '2024-11-04 08:00:00+00'),
    ('northwind-insights', 'Northwind Insights', 'analytics', 'SUSPENDED', 'northwind-insights',
     'https://northwind.example/privacy', NULL, 'privacy@northwind.example', 60, 'API', TRUE,
     'Contract under review', TIMESTAMP WITH TIME ZONE '2025-01-15 10:00:00+00',
     TIMESTAMP WITH TIME ZONE '2025-04-01 12:30:00+00');

INSERT INTO partner_host (partner_id, host) VALUES
    ('skyway-travel', 'www.skyway-travel.example'), ('skyway-travel', 'book.skyway-travel.example'),
    ('parcelpath-logistics', 'parcelpath.example'), ('clearpay-payments', 'checkout.clearpay.example'),
    ('northwind-insights', 'northwind.example');

INSERT INTO partner_request (partner_id, category, purpose, level, justification) VALUES
    ('skyway-travel', 'NAME', 'ORDER_FULFILLMENT', 'FULL', 'The name on your ticket must match your passport.'),
    ('skyway-travel', 'EMAIL', 'ORDER_FULFILLMENT', 'FULL', 'We send your booking confirmation by email.'),
    ('skyway-travel', 'ADDRESS', 'ORDER_FULFILLMENT', 'PARTIAL', 'Your city and country set the departure airport.'),
    ('skyway-travel', 'EMAIL', 'MARKETING', 'FULL', 'Fare alerts, if you want them.'),
    ('parcelpath-logistics', 'NAME', 'ORDER_FULFILLMENT', 'FULL', 'The courier asks for you by name.'),
    ('parcelpath-logistics', 'ADDRESS', 'ORDER_FULFILLMENT', 'FULL', 'We deliver to your address.'),
    ('parcelpath-logistics', 'PHONE', 'CUSTOMER_SUPPORT', 'PARTIAL', 'We call when a parcel cannot be delivered.'),
    ('clearpay-payments', 'PAYMENT_CARD', 'PAYMENT_PROCESSING', 'FULL', 'We charge your card for your order.'),
    ('clearpay-payments', 'NAME', 'PAYMENT_PROCESSING', 'FULL', 'Card payments need the card holder''s name.'),
    ('northwind-insights', 'COMPANY', 'ANALYTICS', 'PARTIAL', 'Counts of members by country and age band.');

INSERT INTO member (id, subject, given_name, family_name, email, phone, street, city, region, postal_code, country,
                    company_name, company_street, company_city, company_region, company_postal_code, company_country,
                    card_token, card_brand, card_last4, card_expiry_month, card_expiry_year, birth_date,
                    public_categories, marketing_opt_out, name_policy_version, email_policy_version,
                    phone_policy_version, address_policy_version, company_policy_version, card_policy_version,
                    created_at, updated_at, erased_at) VALUES
    ('a0000000-0000-4000-8000-000000000001', 'kc|alice', 'Alice', 'Lindqvist', 'alice.lindqvist@mail.example',
     '+46701234567', 'Drottninggatan 12', 'Uppsala', 'Uppsala län', '753 10', 'SE', 'Lindqvist Design AB',
     'Kungsgatan 4', 'Uppsala', NULL, '753 21', 'SE', 'tok_4eC39HqLyjWDarjtT1zdp7dc', 'VISA', '4242', 8, 2029,
     DATE '1988-04-17', 'COMPANY', FALSE, 1, 1, 2, 1, 1, 1,
     TIMESTAMP WITH TIME ZONE '2024-11-05 09:12:00+00', TIMESTAMP WITH TIME ZONE '2025-03-02 17:40:00+00', NULL),
    ('a0000000-0000-4000-8000-000000000002', 'kc|bob', 'Bob', 'Okafor', 'bob@mail.example', NULL, NULL, 'Lagos',
     NULL, NULL, 'NG', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, DATE '1979-11-30', '', TRUE,
     1, 1, NULL, 1, NULL, NULL,
     TIMESTAMP WITH TIME ZONE '2024-11-06 14:00:00+00', TIMESTAMP WITH TIME ZONE '2025-01-10 10:00:00+00', NULL),
    ('a0000000-0000-4000-8000-000000000003', 'kc|chloe', 'Chloé', 'Martin', 'chloe.martin@mail.example', NULL, NULL,
     'Lyon', NULL, NULL, 'FR', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, DATE '2016-03-01', '',
     FALSE, 1, 1, NULL, 1, NULL, NULL,
     TIMESTAMP WITH TIME ZONE '2025-02-01 16:20:00+00', TIMESTAMP WITH TIME ZONE '2025-02-01 16:20:00+00', NULL),
    ('a0000000-0000-4000-8000-000000000004', 'erased:a0000000-0000-4000-8000-000000000004', NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '', TRUE,
     NULL, NULL, NULL, NULL, NULL, NULL,
     TIMESTAMP WITH TIME ZONE '2024-12-01 11:00:00+00', TIMESTAMP WITH TIME ZONE '2025-03-15 09:00:00+00',
     TIMESTAMP WITH TIME ZONE '2025-03-15 09:00:00+00'),
    ('a0000000-0000-4000-8000-000000000005', 'kc|eve', 'Eve', 'Tanaka', 'eve.tanaka@mail.example', NULL, NULL, NULL,
     NULL, NULL, 'JP', 'Tanaka Trading', NULL, 'Osaka', NULL, NULL, 'JP', NULL, NULL, NULL, NULL, NULL, NULL, '', FALSE,
     2, 2, NULL, NULL, 2, NULL,
     TIMESTAMP WITH TIME ZONE '2025-02-20 07:45:00+00', TIMESTAMP WITH TIME ZONE '2025-02-20 07:45:00+00', NULL);

-- Consents: live ones, one revoked, one run out (its EXPIRE event written), the erased member's (revoked at
-- erasure), and a minor's (revoked when her birth date was recorded). member_order is the partner's sort key.
INSERT INTO consent (id, member_id, partner_id, category, purpose, level, granted_at, expires_at, revoked_at,
                     policy_version, partner_policy_url, expiry_recorded, member_order) VALUES
    ('c0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'skyway-travel', 'NAME',
     'ORDER_FULFILLMENT', 'FULL', TIMESTAMP WITH TIME ZONE '2025-03-02 17:41:00+00',
     TIMESTAMP WITH TIME ZONE '2026-03-02 17:41:00+00', NULL, 2, 'https://www.skyway-travel.example/privacy', FALSE,
     7211458290021371337),
    ('c0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000001', 'skyway-travel', 'EMAIL',
     'ORDER_FULFILLMENT', 'FULL', TIMESTAMP WITH TIME ZONE '2025-03-02 17:41:00+00',
     TIMESTAMP WITH TIME ZONE '2026-03-02 17:41:00+00', NULL, 2, 'https://www.skyway-travel.example/privacy', FALSE,
     7211458290021371337),
    ('c0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000001', 'skyway-travel', 'ADDRESS',
     'ORDER_FULFILLMENT', 'PARTIAL', TIMESTAMP WITH TIME ZONE '2025-03-02 17:41:00+00',
     TIMESTAMP WITH TIME ZONE '2026-03-02 17:41:00+00', NULL, 2, 'https://www.skyway-travel.example/privacy', FALSE,
     7211458290021371337),
    ('c0000000-0000-4000-8000-000000000004', 'a0000000-0000-4000-8000-000000000002', 'skyway-travel', 'EMAIL',
     'ORDER_FULFILLMENT', 'PARTIAL', TIMESTAMP WITH TIME ZONE '2025-01-10 10:01:00+00',
     TIMESTAMP WITH TIME ZONE '2026-01-10 10:01:00+00', NULL, 1, 'https://www.skyway-travel.example/privacy', FALSE,
     -3094118720555211702),
    ('c0000000-0000-4000-8000-000000000005', 'a0000000-0000-4000-8000-000000000002', 'skyway-travel', 'EMAIL',
     'MARKETING', 'FULL', TIMESTAMP WITH TIME ZONE '2024-12-01 10:00:00+00',
     TIMESTAMP WITH TIME ZONE '2025-12-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2025-01-10 10:02:00+00', 1,
     'https://www.skyway-travel.example/privacy', FALSE, -3094118720555211702),
    ('c0000000-0000-4000-8000-000000000006', 'a0000000-0000-4000-8000-000000000001', 'parcelpath-logistics', 'ADDRESS',
     'ORDER_FULFILLMENT', 'FULL', TIMESTAMP WITH TIME ZONE '2024-11-05 09:20:00+00',
     TIMESTAMP WITH TIME ZONE '2025-02-05 09:20:00+00', NULL, 1, 'https://parcelpath.example/legal/privacy', TRUE,
     1552093371804416563),
    ('c0000000-0000-4000-8000-000000000007', 'a0000000-0000-4000-8000-000000000001', 'clearpay-payments',
     'PAYMENT_CARD', 'PAYMENT_PROCESSING', 'FULL', TIMESTAMP WITH TIME ZONE '2025-03-02 17:45:00+00',
     TIMESTAMP WITH TIME ZONE '2026-03-02 17:45:00+00', NULL, 2, 'https://clearpay.example/privacy', FALSE,
     -811402953366710023),
    ('c0000000-0000-4000-8000-000000000008', 'a0000000-0000-4000-8000-000000000004', 'skyway-travel', 'EMAIL',
     'ORDER_FULFILLMENT', 'FULL', TIMESTAMP WITH TIME ZONE '2024-12-01 11:05:00+00',
     TIMESTAMP WITH TIME ZONE '2025-12-01 11:05:00+00', TIMESTAMP WITH TIME ZONE '2025-03-15 09:00:00+00', 1,
     'https://www.skyway-travel.example/privacy', FALSE, 4400120931285007716),
    ('c0000000-0000-4000-8000-000000000009', 'a0000000-0000-4000-8000-000000000003', 'skyway-travel', 'EMAIL',
     'ORDER_FULFILLMENT', 'FULL', TIMESTAMP WITH TIME ZONE '2025-02-01 16:25:00+00',
     TIMESTAMP WITH TIME ZONE '2026-02-01 16:25:00+00', TIMESTAMP WITH TIME ZONE '2025-02-01 16:30:00+00', 1,
     'https://www.skyway-travel.example/privacy', FALSE, 90512277346612345),
    ('c0000000-0000-4000-8000-000000000010', 'a0000000-0000-4000-8000-000000000005', 'northwind-insights', 'COMPANY',
     'ANALYTICS', 'PARTIAL', TIMESTAMP WITH TIME ZONE '2025-02-20 07:50:00+00',
     TIMESTAMP WITH TIME ZONE '2026-02-20 07:50:00+00', NULL, 2, 'https://northwind.example/privacy', FALSE,
     -6677001122334455667);

INSERT INTO consent_event (id, member_id, partner_id, category, purpose, action, level, occurred_at, expires_at,
                           policy_version, partner_policy_url, pairwise_member_id) VALUES
    ('e0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'skyway-travel', 'NAME',
     'ORDER_FULFILLMENT', 'GRANT', 'FULL', TIMESTAMP WITH TIME ZONE '2025-03-02 17:41:00+00',
     TIMESTAMP WITH TIME ZONE '2026-03-02 17:41:00+00', 2, 'https://www.skyway-travel.example/privacy',
     'pw_AdTDO5EW_b3Kww4ynuAs8Q'),
    ('e0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000002', 'skyway-travel', 'EMAIL',
     'MARKETING', 'GRANT', 'FULL', TIMESTAMP WITH TIME ZONE '2024-12-01 10:00:00+00',
     TIMESTAMP WITH TIME ZONE '2025-12-01 10:00:00+00', 1, 'https://www.skyway-travel.example/privacy',
     'pw_8mKIzyhBunC_dPIZZOeRvQ'),
    ('e0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000002', 'skyway-travel', 'EMAIL',
     'MARKETING', 'REVOKE', 'FULL', TIMESTAMP WITH TIME ZONE '2025-01-10 10:02:00+00',
     TIMESTAMP WITH TIME ZONE '2025-12-01 10:00:00+00', 1, 'https://www.skyway-travel.example/privacy',
     'pw_8mKIzyhBunC_dPIZZOeRvQ'),
    ('e0000000-0000-4000-8000-000000000004', 'a0000000-0000-4000-8000-000000000001', 'parcelpath-logistics',
     'ADDRESS', 'ORDER_FULFILLMENT', 'EXPIRE', 'FULL', TIMESTAMP WITH TIME ZONE '2025-02-05 09:30:00+00',
     TIMESTAMP WITH TIME ZONE '2025-02-05 09:20:00+00', 1, 'https://parcelpath.example/legal/privacy',
     'pw_Qm3v0Lr9cXU2kP7sTnA1bw'),
    ('e0000000-0000-4000-8000-000000000005', 'a0000000-0000-4000-8000-000000000004', 'skyway-travel', 'EMAIL',
     'ORDER_FULFILLMENT', 'ERASE', 'FULL', TIMESTAMP WITH TIME ZONE '2025-03-15 09:00:00+00',
     TIMESTAMP WITH TIME ZONE '2025-12-01 11:05:00+00', 1, 'https://www.skyway-travel.example/privacy',
     'pw_Zx81yTq0oVb4mM2nLk5Jhg'),
    ('e0000000-0000-4000-8000-000000000006', 'a0000000-0000-4000-8000-000000000003', 'skyway-travel', 'EMAIL',
     'ORDER_FULFILLMENT', 'REVOKE', 'FULL', TIMESTAMP WITH TIME ZONE '2025-02-01 16:30:00+00',
     TIMESTAMP WITH TIME ZONE '2026-02-01 16:25:00+00', 1, 'https://www.skyway-travel.example/privacy',
     'pw_Cl0e7rT2aW9nB4vX6yZ1qA');

INSERT INTO consent_receipt (id, issued_at, action, member_id, pairwise_member_id, partner_id, partner_name,
                             partner_policy_url, gateway_policy_version, gateway_policy_url, category, purpose, level,
                             expires_at) VALUES
    ('b0000000-0000-4000-8000-000000000001', TIMESTAMP WITH TIME ZONE '2025-03-02 17:41:00+00', 'GRANT',
     'a0000000-0000-4000-8000-000000000001', 'pw_AdTDO5EW_b3Kww4ynuAs8Q', 'skyway-travel', 'Skyway Travel',
     'https://www.skyway-travel.example/privacy', 2, 'https://privacy-gateway.example/policy/v2', 'NAME',
     'ORDER_FULFILLMENT', 'FULL', TIMESTAMP WITH TIME ZONE '2026-03-02 17:41:00+00'),
    ('b0000000-0000-4000-8000-000000000002', TIMESTAMP WITH TIME ZONE '2025-01-10 10:02:00+00', 'REVOKE',
     'a0000000-0000-4000-8000-000000000002', 'pw_8mKIzyhBunC_dPIZZOeRvQ', 'skyway-travel', 'Skyway Travel',
     'https://www.skyway-travel.example/privacy', 1, 'https://privacy-gateway.example/policy/v1', 'EMAIL', 'MARKETING',
     'FULL', NULL),
    ('b0000000-0000-4000-8000-000000000003', TIMESTAMP WITH TIME ZONE '2025-03-02 17:45:00+00', 'GRANT',
     'a0000000-0000-4000-8000-000000000001', 'pw_k2Jd8sLq0ZxW5vB3nM1pRt', 'clearpay-payments', 'ClearPay Payments',
     'https://clearpay.example/privacy', 2, 'https://privacy-gateway.example/policy/v2', 'PAYMENT_CARD',
     'PAYMENT_PROCESSING', 'FULL', TIMESTAMP WITH TIME ZONE '2026-03-02 17:45:00+00'),
    ('b0000000-0000-4000-8000-000000000004', TIMESTAMP WITH TIME ZONE '2024-12-01 11:05:00+00', 'GRANT', NULL,
     'pw_Zx81yTq0oVb4mM2nLk5Jhg', 'skyway-travel', 'Skyway Travel', 'https://www.skyway-travel.example/privacy', 1,
     'https://privacy-gateway.example/policy/v1', 'EMAIL', 'ORDER_FULFILLMENT', 'FULL',
     TIMESTAMP WITH TIME ZONE '2025-12-01 11:05:00+00');

-- Access events: partner reads (one kept only by pairwise id after an erasure), a legal disclosure, a guardian
-- request, a birth-date change, and one read old enough for the retention purge.
INSERT INTO access_event (id, request_id, occurred_at, kind, partner_id, member_id, purpose, operation, served,
                          masked, pairwise_member_id, recipient, legal_basis, reference) VALUES
    ('ac000000-0000-4000-8000-000000000001', '7d3f2a10-5b8e-4c1d-9f60-1a2b3c4d5e6f',
     TIMESTAMP WITH TIME ZONE '2025-03-03 08:00:00+00', 'READ', 'skyway-travel', 'a0000000-0000-4000-8000-000000000001',
     'ORDER_FULFILLMENT', 'members', 'NAME:FULL,EMAIL:FULL,ADDRESS:PARTIAL', 'PHONE:NOT_REQUESTED', NULL, NULL, NULL,
     NULL),
    ('ac000000-0000-4000-8000-000000000002', '7d3f2a10-5b8e-4c1d-9f60-1a2b3c4d5e6f',
     TIMESTAMP WITH TIME ZONE '2025-03-03 08:00:00+00', 'READ', 'skyway-travel', 'a0000000-0000-4000-8000-000000000002',
     'ORDER_FULFILLMENT', 'members', 'EMAIL:PARTIAL', 'NAME:CONSENT_REQUIRED,PHONE:NOT_REQUESTED', NULL, NULL, NULL,
     NULL),
    ('ac000000-0000-4000-8000-000000000003', '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
     TIMESTAMP WITH TIME ZONE '2025-02-10 12:00:00+00', 'READ', 'skyway-travel', NULL, 'ORDER_FULFILLMENT', 'member',
     'EMAIL:FULL', '', 'pw_Zx81yTq0oVb4mM2nLk5Jhg', NULL, NULL, NULL),
    ('ac000000-0000-4000-8000-000000000004', 'disclosure-2025-0042', TIMESTAMP WITH TIME ZONE '2025-03-10 15:00:00+00',
     'DISCLOSURE', NULL, 'a0000000-0000-4000-8000-000000000001', NULL, 'recordDisclosure', 'NAME:FULL,ADDRESS:FULL', '',
     NULL, 'Uppsala District Court', 'Court order', 'UDC-2025-117'),
    ('ac000000-0000-4000-8000-000000000005', 'guardian-2025-0007', TIMESTAMP WITH TIME ZONE '2025-02-01 16:30:00+00',
     'GUARDIAN', NULL, 'a0000000-0000-4000-8000-000000000003', NULL, 'recordGuardianRequest', '', '', NULL, NULL,
     'Guardian request', 'GR-2025-7'),
    ('ac000000-0000-4000-8000-000000000006', 'birth-date-2025-0003', TIMESTAMP WITH TIME ZONE '2025-02-01 16:29:00+00',
     'BIRTH_DATE', NULL, 'a0000000-0000-4000-8000-000000000003', NULL, 'updateMyProfile', '', '', NULL, NULL, NULL,
     NULL),
    ('ac000000-0000-4000-8000-000000000007', '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
     TIMESTAMP WITH TIME ZONE '2023-06-01 10:00:00+00', 'READ', 'parcelpath-logistics',
     'a0000000-0000-4000-8000-000000000001', 'ORDER_FULFILLMENT', 'member', 'ADDRESS:FULL', '', NULL, NULL, NULL, NULL);

INSERT INTO admin_action (id, occurred_at, actor, action, target_type, target_id, reason, before_state,
                          after_state) VALUES
    ('ad000000-0000-4000-8000-000000000001', TIMESTAMP WITH TIME ZONE '2025-01-15 10:00:00+00', 'ada',
     'ONBOARD_PARTNER', 'PARTNER', 'northwind-insights', NULL, NULL,
     '{"id":"northwind-insights","displayName":"Northwind Insights","status":"ACTIVE"}'),
    ('ad000000-0000-4000-8000-000000000002', TIMESTAMP WITH TIME ZONE '2025-01-02 09:00:00+00', 'ada',
     'PUBLISH_POLICY_VERSION', 'POLICY_VERSION', '2', 'Phone numbers may be used for account linking only.', NULL,
     '{"version":2,"url":"https://privacy-gateway.example/policy/v2","effectiveAt":"2025-02-03T00:00:00Z"}'),
    ('ad000000-0000-4000-8000-000000000003', TIMESTAMP WITH TIME ZONE '2025-04-01 12:30:00+00', 'ada',
     'SUSPEND_PARTNER', 'PARTNER', 'northwind-insights', 'Contract under review', '{"status":"ACTIVE"}',
     '{"status":"SUSPENDED"}'),
    ('ad000000-0000-4000-8000-000000000004', TIMESTAMP WITH TIME ZONE '2025-02-01 16:29:00+00',
     'member:a0000000-0000-4000-8000-000000000003', 'CHANGE_BIRTH_DATE', 'MEMBER',
     'a0000000-0000-4000-8000-000000000003', NULL, '{"birthDateRecorded":false,"under13":false}',
     '{"birthDateRecorded":true,"under13":true}');

INSERT INTO audience_snapshot (id, partner_id, period_start, taken_at, k, rounding, total, by_country,
                               by_age_band) VALUES
    ('5a000000-0000-4000-8000-000000000001', 'northwind-insights', TIMESTAMP WITH TIME ZONE '2025-03-31 00:00:00+00',
     TIMESTAMP WITH TIME ZONE '2025-03-31 00:05:00+00', 10, 5, 40, '[{"key":"JP","count":15},{"key":"SE","count":20}]',
     '[{"key":"25-34","count":20},{"key":"35-44","count":15}]'),
    ('5a000000-0000-4000-8000-000000000002', 'northwind-insights', TIMESTAMP WITH TIME ZONE '2025-04-01 00:00:00+00',
     TIMESTAMP WITH TIME ZONE '2025-04-01 00:05:00+00', 10, 5, NULL, '[]', '[]');
