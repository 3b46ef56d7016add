package org.privacygateway.masking;

/** Why a partner wants a member's data. Consent is always given for one purpose. */
public enum Purpose {
    ORDER_FULFILLMENT,
    CUSTOMER_SUPPORT,
    ACCOUNT_LINKING,
    MARKETING,
    PAYMENT_PROCESSING,
    ANALYTICS
}
