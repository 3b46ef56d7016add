package org.privacygateway.masking;

/** Why a category was served or masked. The first four and the last two mask; PUBLIC and CONSENTED serve. */
public enum AccessReason {
    MINOR,
    NOT_REQUESTED,
    OPTED_OUT,
    POLICY_VERSION,
    PUBLIC,
    CONSENT_REQUIRED,
    CONSENT_EXPIRED,
    CONSENTED
}
