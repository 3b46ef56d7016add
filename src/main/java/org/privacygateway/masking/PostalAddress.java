package org.privacygateway.masking;

/** A postal address; {@code country} is an ISO 3166-1 alpha-2 code. */
public record PostalAddress(String street, String city, String region, String postalCode, String country) {
}
