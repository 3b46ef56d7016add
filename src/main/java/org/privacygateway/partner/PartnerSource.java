package org.privacygateway.partner;

/** Where a partner was onboarded: a reviewed file in {@code partners/}, or the admin API. */
public enum PartnerSource {
    FILE,
    API
}
