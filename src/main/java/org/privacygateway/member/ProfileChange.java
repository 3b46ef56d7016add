package org.privacygateway.member;

import java.time.LocalDate;

/**
 * A member's correction of their profile. A null section is left as it is; a section given replaces the stored one
 * (its blank fields clear them).
 */
public record ProfileChange(Name name, String email, String phone, Address address, CompanyChange company,
        LocalDate birthDate) {

    public record Name(String given, String family) {
    }

    public record Address(String street, String city, String region, String postalCode, String country) {
    }

    public record CompanyChange(String name, Address address) {
    }
}
