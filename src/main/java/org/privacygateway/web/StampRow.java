package org.privacygateway.web;

import org.privacygateway.masking.DataCategory;

/** A category of the member's profile with the policy version it was collected (or last confirmed) under. */
public record StampRow(DataCategory category, Integer version) {
}
