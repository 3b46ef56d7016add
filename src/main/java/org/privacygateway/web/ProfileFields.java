package org.privacygateway.web;

import org.jboss.resteasy.reactive.RestForm;

/** The profile form's fields as posted. */
public class ProfileFields {

    @RestForm String given;
    @RestForm String family;
    @RestForm String email;
    @RestForm String phone;
    @RestForm String street;
    @RestForm String city;
    @RestForm String region;
    @RestForm String postalCode;
    @RestForm String country;
    @RestForm String companyName;
    @RestForm String companyStreet;
    @RestForm String companyCity;
    @RestForm String companyRegion;
    @RestForm String companyPostalCode;
    @RestForm String companyCountry;
    @RestForm String birthDate;

    ProfileForm form() {
        return new ProfileForm(given, family, email, phone, street, city, region, postalCode, country, companyName,
                companyStreet, companyCity, companyRegion, companyPostalCode, companyCountry, birthDate);
    }
}
