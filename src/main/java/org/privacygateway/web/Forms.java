package org.privacygateway.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

import org.privacygateway.error.GatewayException;

/** Reading the consent center's form fields, and placing a refusal beside the field it is about. */
final class Forms {

    /** Fields of the profile form with a place of their own for an error; every other error goes on top ("form"). */
    private static final Set<String> PROFILE_ERROR_PLACES = Set.of("email", "phone", "country", "birthDate");

    private Forms() {
    }

    /** The named constant of {@code type}, or null when the value is missing or names none. */
    static <E extends Enum<E>> E choice(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return null;
    }

    /** A date from a form field (YYYY-MM-DD); blank means unchanged. */
    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidField(field, "Field '" + field + "' must be a date such as 1990-05-31.");
        }
    }

    static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Where on the profile page an error goes: beside its field when the page has a place for it, else on top. */
    static String profileErrorPlace(GatewayException e) {
        String field = e.field() == null ? "form" : e.field().replace("address.", "");
        return PROFILE_ERROR_PLACES.contains(field) ? field : "form";
    }
}
