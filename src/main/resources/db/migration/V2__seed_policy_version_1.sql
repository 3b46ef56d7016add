-- Policy version 1, from the marketplace privacy policy of 16 October 2001 (shared/reference).
-- Contact and profile data serve the services members ask for and, opt-in, promotions; card data
-- goes only to payment processing; statistics leave only as aggregates, so ANALYTICS allows no
-- individual category at all.
INSERT INTO policy_version (version, url, summary, published_at, effective_at)
VALUES (1, 'https://privacy-gateway.example/policy/v1',
        'Initial policy: contact and profile data for requested services and opt-in promotions; card data for payments only; statistics only in aggregate.',
        TIMESTAMP WITH TIME ZONE '2001-10-07 00:00:00+00', TIMESTAMP WITH TIME ZONE '2001-10-16 00:00:00+00');

INSERT INTO policy_permission (version, category, purpose) VALUES
    (1, 'NAME', 'ORDER_FULFILLMENT'), (1, 'EMAIL', 'ORDER_FULFILLMENT'), (1, 'PHONE', 'ORDER_FULFILLMENT'),
    (1, 'ADDRESS', 'ORDER_FULFILLMENT'), (1, 'COMPANY', 'ORDER_FULFILLMENT'),
    (1, 'NAME', 'CUSTOMER_SUPPORT'), (1, 'EMAIL', 'CUSTOMER_SUPPORT'), (1, 'PHONE', 'CUSTOMER_SUPPORT'),
    (1, 'ADDRESS', 'CUSTOMER_SUPPORT'), (1, 'COMPANY', 'CUSTOMER_SUPPORT'),
    (1, 'NAME', 'ACCOUNT_LINKING'), (1, 'EMAIL', 'ACCOUNT_LINKING'), (1, 'PHONE', 'ACCOUNT_LINKING'),
    (1, 'COMPANY', 'ACCOUNT_LINKING'),
    (1, 'NAME', 'MARKETING'), (1, 'EMAIL', 'MARKETING'), (1, 'PHONE', 'MARKETING'),
    (1, 'ADDRESS', 'MARKETING'), (1, 'COMPANY', 'MARKETING'),
    (1, 'NAME', 'PAYMENT_PROCESSING'), (1, 'EMAIL', 'PAYMENT_PROCESSING'), (1, 'ADDRESS', 'PAYMENT_PROCESSING'),
    (1, 'PAYMENT_CARD', 'PAYMENT_PROCESSING');
