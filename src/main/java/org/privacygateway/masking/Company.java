package org.privacygateway.masking;

public record Company(String name, PostalAddress address) {
}
