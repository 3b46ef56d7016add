package org.privacygateway.masking;

/** A kind of member data a partner may ask for. */
public enum DataCategory {
    NAME,
    EMAIL,
    PHONE,
    ADDRESS,
    COMPANY,
    PAYMENT_CARD;

    /** A member may make every category public except the payment card. */
    public boolean mayBePublic() {
        return this != PAYMENT_CARD;
    }
}
