package org.privacygateway.graphql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.consent.ConsentEvent;
import org.privacygateway.consent.ConsentStatus;
import org.privacygateway.masking.Company;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.PaymentCard;
import org.privacygateway.masking.PersonName;
import org.privacygateway.masking.PostalAddress;
import org.privacygateway.masking.Purpose;

/** The types of the member API. */
public final class MemberViews {

    private MemberViews() {
    }

    @Name("CategoryStamp")
    @Description("The policy version a stored category was collected or last confirmed under.")
    public record CategoryStamp(@NonNull DataCategory category, @NonNull int policyVersion) {
    }

    @Name("MemberProfile")
    @Description("Everything the gateway holds in a member's profile. The card is shown without its processor token.")
    public record MemberProfile(@Id @NonNull String id, PersonName name, String email, String phone,
            PostalAddress address, Company company, PaymentCard card, LocalDate birthDate, @NonNull boolean minor,
            @NonNull List<@NonNull DataCategory> publicCategories, @NonNull boolean marketingOptOut,
            @NonNull List<@NonNull CategoryStamp> collectedUnder) {
    }

    @Name("PartnerListing")
    @Description("An active co-branded partner as members see it: who, whose policy, what it asks for and why.")
    public record PartnerListing(@Id @NonNull String id, @NonNull String displayName, @NonNull String kind,
            String logoUrl, @NonNull List<@NonNull String> hosts, @NonNull String policyUrl, String privacyContact,
            @NonNull List<@NonNull DeclaredRequestView> requests) {
    }

    @Name("Consent")
    @Description("A consent given by the member. `inEffect` is false when the partner no longer asks for it or is suspended.")
    public record ConsentView(@NonNull String partnerId, @NonNull String partnerName, @NonNull DataCategory category,
            @NonNull Purpose purpose, @NonNull DisclosureLevel level, @NonNull ConsentStatus status,
            @NonNull boolean inEffect, String notInEffectBecause, @NonNull Instant grantedAt, @NonNull Instant expiresAt,
            Instant revokedAt, @NonNull int gatewayPolicyVersion, @NonNull String partnerPolicyUrl) {
    }

    @Name("ConsentReceipt")
    @Description("Proof of a grant or revocation (after the Kantara Consent Receipt). `json` is the downloadable document.")
    public record ConsentReceiptView(@Id @NonNull String receiptId, @NonNull Instant issuedAt,
            @NonNull ConsentEvent.Action action, @NonNull String pairwiseMemberId, @NonNull String partnerId,
            @NonNull String partnerName, @NonNull String partnerPolicyUrl, @NonNull int gatewayPolicyVersion,
            @NonNull String gatewayPolicyUrl, @NonNull DataCategory category, @NonNull Purpose purpose,
            @NonNull DisclosureLevel level, Instant expiresAt, @NonNull String json) {
    }

    @Input("GrantConsentInput")
    public static class GrantConsentInput {
        @NonNull
        @Id
        public String partnerId;
        @NonNull
        public DataCategory category;
        @NonNull
        public Purpose purpose;
        @NonNull
        public DisclosureLevel level;
    }

    @Input("NameInput")
    public static class NameInput {
        public String given;
        public String family;
    }

    @Input("AddressInput")
    public static class AddressInput {
        public String street;
        public String city;
        public String region;
        public String postalCode;
        @Description("ISO 3166 two-letter code")
        public String country;
    }

    @Input("CompanyInput")
    public static class CompanyInput {
        public String name;
        public AddressInput address;
    }

    @Input("ProfileInput")
    @Description("A correction: sections left out stay as they are; a section given replaces the stored one.")
    public static class ProfileInput {
        public NameInput name;
        public String email;
        public String phone;
        public AddressInput address;
        public CompanyInput company;
        public LocalDate birthDate;
    }

    public enum ConsentChangeType {
        REVOKED,
        EXPIRED,
        ERASED
    }

    @Name("ConsentChange")
    @Description("A consent that ended: delete or stop using what you copied of this member's category for this purpose.")
    public record ConsentChange(@NonNull ConsentChangeType type, @Id @NonNull String memberId,
            @NonNull DataCategory category, @NonNull Purpose purpose, @NonNull Instant occurredAt) {
    }

    @Name("ConsentChangeEdge")
    public record ConsentChangeEdge(@NonNull String cursor, @NonNull ConsentChange node) {
    }

    @Name("ConsentChangeConnection")
    public record ConsentChangeConnection(@NonNull List<@NonNull ConsentChangeEdge> edges, @NonNull PageInfo pageInfo) {
    }
}
