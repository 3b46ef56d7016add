package org.privacygateway.graphql;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.inject.Inject;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.audit.AuditReads;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.consent.ConsentReceipt;
import org.privacygateway.consent.ConsentStanding;
import org.privacygateway.consent.MemberConsents;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.PaymentCard;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.member.MemberAccount;
import org.privacygateway.member.ProfileChange;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerAdmin;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.security.MemberCaller;

/** The member side: a member's own profile, partners, consents, receipts and access history. */
/** Deny by default: every operation here is for the member realm role (and MemberCaller checks again). */
@RolesAllowed("${gateway.identity.member-role:member}")
@GraphQLApi
@FailClosed
public class MemberGraphQL {

    @Inject
    MemberCaller caller;

    @Inject
    MemberAccount accounts;

    @Inject
    ConsentLedger ledger;

    @Inject
    MemberConsents consents;

    @Inject
    PartnerAdmin partners;

    @Inject
    AuditReads audit;

    @Inject
    Cursors cursors;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Query("me")
    public @NonNull MemberViews.MemberProfile me() {
        return profile(accounts.withValues(accounts.get(caller.require().id)), clock.instant());
    }

    @Query("partners")
    @Description("Every active co-branded partner with its privacy policy and what it asks for.")
    public @NonNull List<MemberViews.@NonNull PartnerListing> partners() {
        caller.require();
        return activeListings(partners.all());
    }

    @Query("myConsents")
    public @NonNull List<MemberViews.@NonNull ConsentView> myConsents() {
        Member m = caller.require();
        Instant now = clock.instant();
        return consents.consentsOf(m.id).stream().map(e -> consentView(e, now)).toList();
    }

    @Query("myReceipts")
    @Description("Every consent receipt issued to the member, newest first.")
    public @NonNull List<MemberViews.@NonNull ConsentReceiptView> myReceipts() {
        Member m = caller.require();
        return consents.receiptsOf(m.id).stream().map(this::receiptView).toList();
    }

    @Query("myAccessLog")
    @Description("Who read which of the member's fields, when and why; legal disclosures included. Newest first.")
    public @NonNull Connections.AccessEventConnection myAccessLog(@Name("first") Integer first,
            @Name("after") String after) {
        Member m = caller.require();
        int size = Cursors.pageSize(first, 20, 100);
        String scope = "access-log/member/" + m.id;
        Cursors.Position position = after == null ? null : cursors.decode(scope, "after", after);
        List<AccessEvent> events = audit.accessEvents(m.id, null, position == null ? null : position.at(),
                position == null ? null : position.id(), size + 1);
        return AdminGraphQL.accessEventPage(events, size, cursors, scope);
    }

    @Mutation("grantConsent")
    @Description("Grants (or renews) one partner one category for one purpose, up to the level it declared.")
    public @NonNull MemberViews.ConsentReceiptView grantConsent(@NonNull @Name("input") MemberViews.GrantConsentInput input) {
        Member m = caller.require();
        return receiptView(ledger.grant(m.id, input.partnerId, input.category, input.purpose, input.level));
    }

    @Mutation("revokeConsent")
    @Description("Revokes every consent to the partner, or only those of one category and/or one purpose.")
    public @NonNull List<MemberViews.@NonNull ConsentReceiptView> revokeConsent(@NonNull @Id @Name("partnerId") String partnerId,
            @Name("category") DataCategory category, @Name("purpose") Purpose purpose) {
        Member m = caller.require();
        return ledger.revoke(m.id, partnerId, category, purpose).stream().map(this::receiptView).toList();
    }

    @Mutation("updateMyProfile")
    public @NonNull MemberViews.MemberProfile updateMyProfile(@NonNull @Name("input") MemberViews.ProfileInput input) {
        Member m = caller.require();
        return profile(accounts.withValues(accounts.updateProfile(m.id, toChange(input))), clock.instant());
    }

    @Mutation("setPublicCategories")
    @Description("Categories any partner that asks may see without consent. Never PAYMENT_CARD.")
    public @NonNull MemberViews.MemberProfile setPublicCategories(@NonNull @Name("categories") List<@NonNull DataCategory> categories) {
        Member m = caller.require();
        return profile(accounts.withValues(accounts.setPublicCategories(m.id,
                categories.isEmpty() ? EnumSet.noneOf(DataCategory.class) : EnumSet.copyOf(categories))), clock.instant());
    }

    @Mutation("setMarketingOptOut")
    @Description("One switch out of marketing for every partner, whatever was granted.")
    public @NonNull MemberViews.MemberProfile setMarketingOptOut(@NonNull @Name("optOut") boolean optOut) {
        Member m = caller.require();
        return profile(accounts.withValues(accounts.setMarketingOptOut(m.id, optOut)), clock.instant());
    }

    @Mutation("confirmMyData")
    @Description("Confirms stored categories: they are then shared under the policy version in force now.")
    public @NonNull MemberViews.MemberProfile confirmMyData(@NonNull @Name("categories") List<@NonNull DataCategory> categories) {
        Member m = caller.require();
        return profile(accounts.withValues(accounts.confirm(m.id,
                categories.isEmpty() ? EnumSet.noneOf(DataCategory.class) : EnumSet.copyOf(categories))), clock.instant());
    }

    @Mutation("exportMyData")
    @Description("Everything held about the member as one JSON document: profile, consents with history, receipts, access"
            + " events, and what erasing the account would keep (whatErasureKeeps).")
    public @NonNull String exportMyData() {
        Member m = caller.require();
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(accounts.export(m.id));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export is not serialisable", e);
        }
    }

    @Mutation("eraseMyAccount")
    @Description("Erases the member's data at the gateway (not the login account). `confirm` must be 'ERASE MY DATA'."
            + " For a member under 13 it keeps a keyed hash of the login and the month the protection ends, so the next"
            + " account of that login is a child's too (see exportMyData's whatErasureKeeps).")
    public @NonNull boolean eraseMyAccount(@NonNull @Name("confirm") String confirm) {
        Member m = caller.require();
        accounts.erase(m.id, confirm);
        return true;
    }

    // ---- mapping (the consent status itself is computed in consent/ConsentStanding)

    static MemberViews.MemberProfile profile(Member m, Instant now) {
        var v = m.values();
        PaymentCard card = v.card() == null ? null
                : new PaymentCard(null, v.card().brand(), v.card().last4(), v.card().expiryMonth(), v.card().expiryYear());
        List<MemberViews.CategoryStamp> stamps = new ArrayList<>();
        m.collectedUnder().forEach((c, version) -> stamps.add(new MemberViews.CategoryStamp(c, version)));
        return new MemberViews.MemberProfile(m.id.toString(), v.name(), v.email(), v.phone(), v.address(), v.company(),
                card, m.givenBirthDate(), DisclosureDecision.isMinor(m.birthDate, now),
                List.copyOf(m.publicCategorySet()), m.marketingOptOut, stamps);
    }

    static List<MemberViews.PartnerListing> activeListings(List<Partner> all) {
        return all.stream().filter(p -> p.status == PartnerStatus.ACTIVE).map(p -> {
            PartnerView view = PartnerView.of(p);
            return new MemberViews.PartnerListing(p.id, p.displayName, p.kind, p.logoUrl, view.hosts(), p.policyUrl,
                    p.privacyContact, view.requests());
        }).toList();
    }

    static MemberViews.ConsentView consentView(MemberConsents.Entry e, Instant now) {
        var c = e.consent();
        Partner p = e.partner();
        ConsentStanding standing = e.standing(now);
        String notInEffect = standing.notInEffect() == null ? null : switch (standing.notInEffect()) {
            case PARTNER_SUSPENDED -> p.displayName + " is suspended and receives nothing.";
            case NOT_REQUESTED -> p.displayName + " no longer asks for this, so nothing is shared (NOT_REQUESTED).";
        };
        return new MemberViews.ConsentView(p.id, p.displayName, c.category, c.purpose, c.level, standing.status(),
                standing.inEffect(), notInEffect, c.grantedAt, c.expiresAt, c.revokedAt, c.policyVersion,
                c.partnerPolicyUrl);
    }

    MemberViews.ConsentReceiptView receiptView(ConsentReceipt r) {
        String document;
        try {
            document = json.writeValueAsString(r.document());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipt is not serialisable", e);
        }
        return new MemberViews.ConsentReceiptView(r.id.toString(), r.issuedAt, r.action, r.pairwiseMemberId,
                r.partnerId, r.partnerName, r.partnerPolicyUrl, r.gatewayPolicyVersion, r.gatewayPolicyUrl, r.category,
                r.purpose, r.level, r.expiresAt, document);
    }

    static ProfileChange toChange(MemberViews.ProfileInput in) {
        return new ProfileChange(
                in.name == null ? null : new ProfileChange.Name(in.name.given, in.name.family),
                in.email, in.phone, address(in.address),
                in.company == null ? null : new ProfileChange.CompanyChange(in.company.name, address(in.company.address)),
                in.birthDate);
    }

    private static ProfileChange.Address address(MemberViews.AddressInput a) {
        return a == null ? null : new ProfileChange.Address(a.street, a.city, a.region, a.postalCode, a.country);
    }

}
