package org.privacygateway.masking;

/** A member's stored values, any of which may be null. */
public record MemberValues(PersonName name, String email, String phone, PostalAddress address, Company company,
        PaymentCard card) {
}
