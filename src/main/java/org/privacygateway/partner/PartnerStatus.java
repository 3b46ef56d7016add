package org.privacygateway.partner;

public enum PartnerStatus {
    ACTIVE,
    SUSPENDED
}
