package org.privacygateway.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/** Plain words for the consent center: what, why, how much, when; never enum names. */
@TemplateExtension
public class Words {

    static String words(DataCategory c) {
        return switch (c) {
            case NAME -> "your name";
            case EMAIL -> "your email address";
            case PHONE -> "your phone number";
            case ADDRESS -> "your postal address";
            case COMPANY -> "your company";
            case PAYMENT_CARD -> "your payment card";
        };
    }

    static String title(DataCategory c) {
        return switch (c) {
            case NAME -> "Name";
            case EMAIL -> "Email address";
            case PHONE -> "Phone number";
            case ADDRESS -> "Postal address";
            case COMPANY -> "Company";
            case PAYMENT_CARD -> "Payment card";
        };
    }

    /** What the partner gets at PARTIAL, shown next to the switch. */
    static String partialExample(DataCategory c) {
        return switch (c) {
            case NAME -> "first name and initial, e.g. Alice L.";
            case EMAIL -> "first letter and domain, e.g. a***@mail.example";
            case PHONE -> "last four digits, e.g. ***4567";
            case ADDRESS -> "city, region and country only";
            case COMPANY -> "company name only";
            case PAYMENT_CARD -> "brand, last four digits and expiry, never the card itself";
        };
    }

    static String words(Purpose p) {
        return switch (p) {
            case ORDER_FULFILLMENT -> "to deliver what you order";
            case CUSTOMER_SUPPORT -> "to help you when you contact support";
            case ACCOUNT_LINKING -> "to link your account on their site";
            case MARKETING -> "to send you offers";
            case PAYMENT_PROCESSING -> "to process your payments";
            case ANALYTICS -> "for statistics";
        };
    }

    static String words(DisclosureLevel l) {
        return switch (l) {
            case FULL -> "in full";
            case PARTIAL -> "in part";
            case NONE -> "nothing";
        };
    }

    static String words(AccessReason r) {
        return switch (r) {
            case MINOR -> "you are under 13, so nothing is shared";
            case NOT_REQUESTED -> "they do not ask for this";
            case OPTED_OUT -> "you opted out of marketing";
            case POLICY_VERSION -> "the privacy policy does not allow it for data you gave under an earlier policy; confirm your data to update it";
            case PUBLIC -> "you made this public";
            case CONSENT_REQUIRED -> "you have not allowed it";
            case CONSENT_EXPIRED -> "your permission expired";
            case CONSENTED -> "you allowed it";
        };
    }

    static String date(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.UK)
                .withZone(ZoneId.of("UTC")).format(at);
    }

    static String dateTime(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.UK)
                .withZone(ZoneId.of("UTC")).format(at);
    }

    /** Ids safe for HTML ids and anchors. */
    static String anchor(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
