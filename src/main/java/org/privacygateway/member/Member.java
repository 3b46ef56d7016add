package org.privacygateway.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.privacygateway.masking.Company;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.MemberValues;
import org.privacygateway.masking.PaymentCard;
import org.privacygateway.masking.PersonName;
import org.privacygateway.masking.PostalAddress;

/** A data subject of the marketplace. Partners never see {@link #id}: they see a pairwise id. */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The OIDC subject of the member's login. */
    public String subject;

    public String givenName;
    public String familyName;
    public String email;
    public String phone;
    public String street;
    public String city;
    public String region;
    public String postalCode;
    /** ISO 3166-1 alpha-2. */
    public String country;
    public String companyName;
    public String companyStreet;
    public String companyCity;
    public String companyRegion;
    public String companyPostalCode;
    public String companyCountry;
    public String cardToken;
    public String cardBrand;
    @Column(name = "card_last4")
    public String cardLast4;
    public Integer cardExpiryMonth;
    public Integer cardExpiryYear;
    public LocalDate birthDate;
    /**
     * The birth date is not one the member gave but the bound carried over from an erased account of the same login
     * that was recorded as under 13 ({@link MinorProtections}): the member counts as a minor until it says otherwise.
     */
    public boolean birthDateCarriedOver;
    /** Comma-separated category names. */
    public String publicCategories = "";
    public boolean marketingOptOut;
    public Integer namePolicyVersion;
    public Integer emailPolicyVersion;
    public Integer phonePolicyVersion;
    public Integer addressPolicyVersion;
    public Integer companyPolicyVersion;
    public Integer cardPolicyVersion;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant erasedAt;

    public static Member create(String subject, Instant now) {
        Member m = new Member();
        m.id = UUID.randomUUID();
        m.subject = subject;
        m.createdAt = now;
        m.updatedAt = now;
        return m;
    }

    /** The birth date as the member (or an admin) gave it: null when none was given or it is a carried-over bound. */
    public LocalDate givenBirthDate() {
        return birthDateCarriedOver ? null : birthDate;
    }

    public boolean erased() {
        return erasedAt != null;
    }

    public MemberValues values() {
        PersonName name = givenName == null && familyName == null ? null : new PersonName(givenName, familyName);
        PostalAddress address = street == null && city == null && country == null ? null
                : new PostalAddress(street, city, region, postalCode, country);
        Company company = companyName == null ? null
                : new Company(companyName, companyStreet == null && companyCity == null ? null
                        : new PostalAddress(companyStreet, companyCity, companyRegion, companyPostalCode, companyCountry));
        PaymentCard card = cardToken == null && cardLast4 == null ? null
                : new PaymentCard(cardToken, cardBrand, cardLast4, cardExpiryMonth, cardExpiryYear);
        return new MemberValues(name, email, phone, address, company, card);
    }

    /** A copy not attached to any session, with every column of this one: for showing, never for writing back. */
    public Member detachedCopy() {
        Member c = new Member();
        c.id = id;
        c.subject = subject;
        c.setValues(values());
        c.birthDate = birthDate;
        c.birthDateCarriedOver = birthDateCarriedOver;
        c.publicCategories = publicCategories;
        c.marketingOptOut = marketingOptOut;
        c.createdAt = createdAt;
        c.updatedAt = updatedAt;
        c.erasedAt = erasedAt;
        collectedUnder().forEach(c::stamp);
        return c;
    }

    /** Sets every value column from the given values (null clears). */
    public void setValues(MemberValues v) {
        givenName = v.name() == null ? null : v.name().given();
        familyName = v.name() == null ? null : v.name().family();
        email = v.email();
        phone = v.phone();
        PostalAddress a = v.address();
        street = a == null ? null : a.street();
        city = a == null ? null : a.city();
        region = a == null ? null : a.region();
        postalCode = a == null ? null : a.postalCode();
        country = a == null ? null : a.country();
        Company c = v.company();
        companyName = c == null ? null : c.name();
        PostalAddress ca = c == null ? null : c.address();
        companyStreet = ca == null ? null : ca.street();
        companyCity = ca == null ? null : ca.city();
        companyRegion = ca == null ? null : ca.region();
        companyPostalCode = ca == null ? null : ca.postalCode();
        companyCountry = ca == null ? null : ca.country();
        PaymentCard card = v.card();
        cardToken = card == null ? null : card.processorToken();
        cardBrand = card == null ? null : card.brand();
        cardLast4 = card == null ? null : card.last4();
        cardExpiryMonth = card == null ? null : card.expiryMonth();
        cardExpiryYear = card == null ? null : card.expiryYear();
    }

    public Set<DataCategory> publicCategorySet() {
        if (publicCategories == null || publicCategories.isBlank()) {
            return EnumSet.noneOf(DataCategory.class);
        }
        return Arrays.stream(publicCategories.split(","))
                .map(String::strip)
                .map(DataCategory::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataCategory.class)));
    }

    public void setPublicCategorySet(Set<DataCategory> categories) {
        publicCategories = categories.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    /** Per category, the policy version its stored value was collected or confirmed under. */
    public Map<DataCategory, Integer> collectedUnder() {
        EnumMap<DataCategory, Integer> map = new EnumMap<>(DataCategory.class);
        putIfSet(map, DataCategory.NAME, namePolicyVersion);
        putIfSet(map, DataCategory.EMAIL, emailPolicyVersion);
        putIfSet(map, DataCategory.PHONE, phonePolicyVersion);
        putIfSet(map, DataCategory.ADDRESS, addressPolicyVersion);
        putIfSet(map, DataCategory.COMPANY, companyPolicyVersion);
        putIfSet(map, DataCategory.PAYMENT_CARD, cardPolicyVersion);
        return map;
    }

    /** Records that the member provided or confirmed a category under the given policy version. */
    public void stamp(DataCategory category, int policyVersion) {
        switch (category) {
            case NAME -> namePolicyVersion = policyVersion;
            case EMAIL -> emailPolicyVersion = policyVersion;
            case PHONE -> phonePolicyVersion = policyVersion;
            case ADDRESS -> addressPolicyVersion = policyVersion;
            case COMPANY -> companyPolicyVersion = policyVersion;
            case PAYMENT_CARD -> cardPolicyVersion = policyVersion;
        }
    }

    private static void putIfSet(Map<DataCategory, Integer> map, DataCategory category, Integer version) {
        if (version != null) {
            map.put(category, version);
        }
    }
}
