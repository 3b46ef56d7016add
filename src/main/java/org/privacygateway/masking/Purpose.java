package org.privacygateway.masking;

/** Why a partner wants a member's data. Consent is always given for one purpose. */
public enum Purpose {
    ORDER_FULFILLMENT,
    CUSTOMER_SUPPORT,
    ACCOUNT_LINKING,
    MARKETING,
    PAYMENT_PROCESSING,
    /** Statistics: served only as aggregates (audienceStats), never as a read of individual members. */
    ANALYTICS;

    /** True for a purpose that may never be used to read individual members, only aggregates. */
    public boolean aggregatesOnly() {
        return this == ANALYTICS;
    }
}
