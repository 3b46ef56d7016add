package org.privacygateway.masking;

public record PersonName(String given, String family) {
}
