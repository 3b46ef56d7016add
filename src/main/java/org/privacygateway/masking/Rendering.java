package org.privacygateway.masking;

import java.util.Map;

/**
 * Turns stored values into what leaves the gateway at a decided level: the value at FULL, its partial form at
 * PARTIAL, null at NONE. The only place that knows what "partial" means for each category.
 */
public final class Rendering {

    private Rendering() {
    }

    public static MemberValues render(MemberValues values, Map<DataCategory, FieldDecision> decisions) {
        return new MemberValues(
                name(values.name(), level(decisions, DataCategory.NAME)),
                email(values.email(), level(decisions, DataCategory.EMAIL)),
                phone(values.phone(), level(decisions, DataCategory.PHONE)),
                address(values.address(), level(decisions, DataCategory.ADDRESS)),
                company(values.company(), level(decisions, DataCategory.COMPANY)),
                card(values.card(), level(decisions, DataCategory.PAYMENT_CARD)));
    }

    private static DisclosureLevel level(Map<DataCategory, FieldDecision> decisions, DataCategory category) {
        FieldDecision d = decisions.get(category);
        return d == null ? DisclosureLevel.NONE : d.level();
    }

    /** PARTIAL: the given name and the family name's initial. */
    public static PersonName name(PersonName name, DisclosureLevel level) {
        if (name == null || level == DisclosureLevel.NONE) {
            return null;
        }
        if (level == DisclosureLevel.FULL) {
            return name;
        }
        String family = name.family();
        String initial = family == null || family.isBlank() ? null : family.strip().substring(0, 1) + ".";
        return new PersonName(name.given(), initial);
    }

    /** PARTIAL: the first letter, three stars, and the domain: {@code a***@example.com}. */
    public static String email(String email, DisclosureLevel level) {
        if (email == null || level == DisclosureLevel.NONE) {
            return null;
        }
        if (level == DisclosureLevel.FULL) {
            return email;
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** PARTIAL: the last four digits only: {@code ***4567}. */
    public static String phone(String phone, DisclosureLevel level) {
        if (phone == null || level == DisclosureLevel.NONE) {
            return null;
        }
        if (level == DisclosureLevel.FULL) {
            return phone;
        }
        StringBuilder digits = new StringBuilder();
        for (int i = phone.length() - 1; i >= 0 && digits.length() < 4; i--) {
            char c = phone.charAt(i);
            if (Character.isDigit(c)) {
                digits.append(c);
            }
        }
        return "***" + digits.reverse();
    }

    /** PARTIAL: city, region and country; no street, no postal code. */
    public static PostalAddress address(PostalAddress address, DisclosureLevel level) {
        if (address == null || level == DisclosureLevel.NONE) {
            return null;
        }
        if (level == DisclosureLevel.FULL) {
            return address;
        }
        return new PostalAddress(null, address.city(), address.region(), null, address.country());
    }

    /** PARTIAL: the company name only. */
    public static Company company(Company company, DisclosureLevel level) {
        if (company == null || level == DisclosureLevel.NONE) {
            return null;
        }
        if (level == DisclosureLevel.FULL) {
            return company;
        }
        return new Company(company.name(), null);
    }

    /** PARTIAL: brand, last 4 and expiry; FULL adds the processor token. */
    public static PaymentCard card(PaymentCard card, DisclosureLevel level) {
        if (card == null || level == DisclosureLevel.NONE) {
            return null;
        }
        if (level == DisclosureLevel.FULL) {
            return card;
        }
        return new PaymentCard(null, card.brand(), card.last4(), card.expiryMonth(), card.expiryYear());
    }
}
