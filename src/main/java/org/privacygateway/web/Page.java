package org.privacygateway.web;

/** What every consent-center page shows in its header; {@code memberName} is null when the member gave none. */
public record Page(String title, String memberName, boolean minor, boolean marketingOptOut) {
}
