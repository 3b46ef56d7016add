package org.privacygateway.masking;

/** A stored card. The full card number is never stored: the processor token stands for it. */
public record PaymentCard(String processorToken, String brand, String last4, Integer expiryMonth, Integer expiryYear) {
}
