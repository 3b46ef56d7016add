package org.privacygateway.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;

import org.privacygateway.error.CountryCode;
import org.privacygateway.error.SafeText;
import org.privacygateway.member.Member;
import org.privacygateway.member.ProfileChange;

/**
 * The profile form as typed: shown again as typed when something is wrong, with every problem at once, in the
 * member's words. A save changes only the sections the member changed, so what they did not touch (and the policy
 * version it was given under) stays as it was.
 */
public record ProfileForm(String given, String family, String email, String phone, String street, String city,
        String region, String postalCode, String country, String companyName, String companyStreet,
        String companyCity, String companyRegion, String companyPostalCode, String companyCountry,
        String birthDate) {

    /** The form's field ids, in page order: where an error goes and what the error summary links to. */
    static final String[] FIELDS = { "given", "family", "email", "phone", "street", "city", "region", "postalCode",
            "country", "companyName", "companyStreet", "companyCity", "companyRegion", "companyPostalCode",
            "companyCountry", "birthDate" };

    static ProfileForm of(Member m) {
        return new ProfileForm(m.givenName, m.familyName, m.email, m.phone, m.street, m.city, m.region, m.postalCode,
                m.country, m.companyName, m.companyStreet, m.companyCity, m.companyRegion, m.companyPostalCode,
                m.companyCountry, m.givenBirthDate() == null ? null : m.givenBirthDate().toString());
    }

    /** Every value as typed, ready for the page (never null). */
    public String value(String field) {
        String v = switch (field) {
            case "given" -> given;
            case "family" -> family;
            case "email" -> email;
            case "phone" -> phone;
            case "street" -> street;
            case "city" -> city;
            case "region" -> region;
            case "postalCode" -> postalCode;
            case "country" -> country;
            case "companyName" -> companyName;
            case "companyStreet" -> companyStreet;
            case "companyCity" -> companyCity;
            case "companyRegion" -> companyRegion;
            case "companyPostalCode" -> companyPostalCode;
            case "companyCountry" -> companyCountry;
            case "birthDate" -> birthDate;
            default -> throw new IllegalArgumentException(field);
        };
        return v == null ? "" : v;
    }

    /** Every problem of the form, by field id, in page order; empty when it can be saved. */
    Map<String, String> problems(Validator validator, Msg msg) {
        Map<String, String> found = new LinkedHashMap<>();
        for (ConstraintViolation<ProfileChange> v : validator.validate(all())) {
            String field = fieldOf(v.getPropertyPath().toString());
            found.putIfAbsent(field, message(v, msg));
        }
        if (!blank(birthDate) && parsedBirthDate() == null) {
            found.put("birthDate", msg.errDate());
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String f : FIELDS) {
            if (found.containsKey(f)) {
                ordered.put(f, found.get(f));
            }
        }
        return ordered;
    }

    /** The whole form as a change, for validation. */
    private ProfileChange all() {
        return new ProfileChange(new ProfileChange.Name(given, family), email, phone,
                new ProfileChange.Address(street, city, region, postalCode, country),
                new ProfileChange.CompanyChange(companyName,
                        new ProfileChange.Address(companyStreet, companyCity, companyRegion, companyPostalCode,
                                companyCountry)),
                null);
    }

    /** Only what differs from the stored member: untouched sections are null, so they are left as they are. */
    ProfileChange changesFrom(Member m) {
        boolean name = !same(given, m.givenName) || !same(family, m.familyName);
        boolean address = !same(street, m.street) || !same(city, m.city) || !same(region, m.region)
                || !same(postalCode, m.postalCode) || !sameUpper(country, m.country);
        boolean company = !same(companyName, m.companyName) || !same(companyStreet, m.companyStreet)
                || !same(companyCity, m.companyCity) || !same(companyRegion, m.companyRegion)
                || !same(companyPostalCode, m.companyPostalCode) || !sameUpper(companyCountry, m.companyCountry);
        LocalDate birth = parsedBirthDate();
        boolean birthChanged = birth != null && !birth.equals(m.givenBirthDate());
        return new ProfileChange(name ? new ProfileChange.Name(given, family) : null,
                same(email, m.email) ? null : email, same(phone, m.phone) ? null : phone,
                address ? new ProfileChange.Address(street, city, region, postalCode, country) : null,
                company ? new ProfileChange.CompanyChange(companyName, new ProfileChange.Address(companyStreet,
                        companyCity, companyRegion, companyPostalCode, companyCountry)) : null,
                birthChanged ? birth : null);
    }

    static boolean nothingChanged(ProfileChange c) {
        return c.name() == null && c.email() == null && c.phone() == null && c.address() == null
                && c.company() == null && c.birthDate() == null;
    }

    private LocalDate parsedBirthDate() {
        if (blank(birthDate)) {
            return null;
        }
        try {
            return LocalDate.parse(birthDate.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** From a constraint's property path (e.g. {@code company.address.country}) to the form field id. */
    static String fieldOf(String path) {
        return switch (path) {
            case "name.given" -> "given";
            case "name.family" -> "family";
            case "address.street" -> "street";
            case "address.city" -> "city";
            case "address.region" -> "region";
            case "address.postalCode" -> "postalCode";
            case "address.country" -> "country";
            case "company.name" -> "companyName";
            case "company.address.street" -> "companyStreet";
            case "company.address.city" -> "companyCity";
            case "company.address.region" -> "companyRegion";
            case "company.address.postalCode" -> "companyPostalCode";
            case "company.address.country" -> "companyCountry";
            default -> path;
        };
    }

    private static String message(ConstraintViolation<ProfileChange> v, Msg msg) {
        Class<?> rule = v.getConstraintDescriptor().getAnnotation().annotationType();
        String field = fieldOf(v.getPropertyPath().toString());
        if (rule == SafeText.class) {
            int max = (Integer) v.getConstraintDescriptor().getAttributes().get("max");
            String value = String.valueOf(v.getInvalidValue());
            return value.codePointCount(0, value.length()) > max ? msg.errTooLong(max) : msg.errText();
        }
        if (rule == CountryCode.class) {
            return msg.errCountry();
        }
        if (rule == Pattern.class) {
            return field.equals("email") ? msg.errEmail() : msg.errPhone();
        }
        return msg.errText();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String norm(String s) {
        return blank(s) ? null : s.strip();
    }

    private static boolean same(String typed, String stored) {
        return Objects.equals(norm(typed), norm(stored));
    }

    private static boolean sameUpper(String typed, String stored) {
        String t = norm(typed);
        return Objects.equals(t == null ? null : t.toUpperCase(Locale.ROOT), norm(stored));
    }

    static Set<String> fields() {
        return Set.of(FIELDS);
    }
}
