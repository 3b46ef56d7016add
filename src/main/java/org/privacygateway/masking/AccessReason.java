package org.privacygateway.masking;

/**
 * Why a category was served or masked, in the order {@link DisclosureDecision} checks the rules. PUBLIC and CONSENTED
 * serve (CONSENTED at the consented level, capped by what the partner declared); every other reason masks.
 */
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
