package org.privacygateway.member;

import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.privacygateway.error.CountryCode;
import org.privacygateway.error.Inputs;
import org.privacygateway.error.SafeText;

/**
 * A member's correction of their profile. A null section is left as it is; a section given replaces the stored one
 * (its blank fields clear them). The rules of each field are its annotations, checked for the GraphQL API and the
 * consent center alike; a blank value always passes, as it clears the field.
 */
public record ProfileChange(
        @Valid Name name,
        @SafeText(max = Inputs.EMAIL)
        @Pattern(regexp = "\\s*(?:" + Inputs.EMAIL_PATTERN + ")?\\s*", message = "is not an email address")
        String email,
        @SafeText(max = Inputs.PHONE)
        @Pattern(regexp = "\\s*(?:" + Inputs.PHONE_PATTERN + ")?\\s*",
                message = "is not a phone number (digits, spaces, an optional leading +)")
        String phone,
        @Valid Address address,
        @Valid CompanyChange company,
        LocalDate birthDate) {

    public record Name(@SafeText(max = Inputs.NAME) String given, @SafeText(max = Inputs.NAME) String family) {
    }

    public record Address(
            @SafeText(max = Inputs.STREET) String street,
            @SafeText(max = Inputs.NAME) String city,
            @SafeText(max = Inputs.NAME) String region,
            @SafeText(max = Inputs.POSTAL_CODE) String postalCode,
            @SafeText(max = Inputs.NAME) @CountryCode String country) {
    }

    public record CompanyChange(@SafeText(max = Inputs.NAME) String name, @Valid Address address) {
    }
}
