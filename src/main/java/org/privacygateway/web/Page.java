package org.privacygateway.web;

/** What every consent-center page shows in its header. */
public record Page(String title, String memberName, boolean minor, boolean marketingOptOut) {
}
