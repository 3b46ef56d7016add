package org.privacygateway.graphql;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedSchemaElement;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;

import io.smallrye.graphql.spi.EventingService;

/**
 * The published schema's descriptions that {@code @Description} cannot carry: the values of enums defined outside the
 * GraphQL layer (the masking enums must depend on the JDK alone), and the fields, arguments and input fields of views
 * whose meaning is the same wherever they appear (connections, addresses, names). A description given by
 * {@code @Description} in the code always wins; these fill only what has none. {@code PublishedSchemaTest} fails on
 * any element of the schema left without a description, and on any entry here the schema no longer has.
 */
public class SchemaDescriptions implements EventingService {

    static final String PAGE = "Connection page: the edges of this page, in order, and where the next page starts.";

    /** {@code Type}, {@code Type.field}, {@code Type.field(argument)}, {@code Enum.VALUE}, {@code Input.field}. */
    static final Map<String, String> TEXTS = Map.ofEntries(
            // ---- enums of the masking decision and the domain
            Map.entry("AccessReason", "Why a category was served at its level, or masked. The first rule that applies"
                    + " wins; see docs/privacy-model.md."),
            Map.entry("AccessReason.CONSENTED", "Served: the member consented for this purpose; the level is the lower"
                    + " of the consented and the declared level."),
            Map.entry("AccessReason.PUBLIC", "Served without consent: the member made this category public (never"
                    + " PAYMENT_CARD); the level is the partner's declared level."),
            Map.entry("AccessReason.NOT_REQUESTED", "Masked: the partner did not declare this category for this"
                    + " purpose (or no longer does)."),
            Map.entry("AccessReason.OPTED_OUT", "Masked: purpose MARKETING and the member opted out of all marketing."),
            Map.entry("AccessReason.POLICY_VERSION", "Masked: the gateway policy version the value was collected under,"
                    + " or the one in force, does not allow this category for this purpose."),
            Map.entry("AccessReason.CONSENT_REQUIRED", "Masked: the member has no consent in force for this category and"
                    + " purpose (never given, or revoked)."),
            Map.entry("AccessReason.CONSENT_EXPIRED", "Masked: the member's consent ran out; the member must renew it."),
            Map.entry("AccessReason.MINOR", "Masked: the member is under 13. Never shown to partners (such a member is"
                    + " not found); seen by the member and in the admins' audit log."),
            Map.entry("DataCategory", "A kind of personal data a partner can ask for, each masked on its own."),
            Map.entry("DataCategory.NAME", "Given and family name. PARTIAL: the given name and the family name's"
                    + " initial."),
            Map.entry("DataCategory.EMAIL", "Email address. PARTIAL: the first letter of the local part and the domain,"
                    + " as a***@mail.example."),
            Map.entry("DataCategory.PHONE", "Phone number. PARTIAL: the last four digits only, as ***4567."),
            Map.entry("DataCategory.ADDRESS", "Postal address. PARTIAL: city, region and country; no street, no postal code."),
            Map.entry("DataCategory.COMPANY", "Company name and address. PARTIAL: the company name only."),
            Map.entry("DataCategory.PAYMENT_CARD", "Payment card. FULL (with the processor token) only to a payment"
                    + " processor for PAYMENT_PROCESSING; PARTIAL: brand, last four digits and expiry."),
            Map.entry("Purpose", "What a partner uses data for. Consents, declarations and policy permissions are all per"
                    + " purpose."),
            Map.entry("Purpose.ORDER_FULFILLMENT", "Delivering what the member ordered on the partner's co-branded site."),
            Map.entry("Purpose.CUSTOMER_SUPPORT", "Answering the member's own enquiries."),
            Map.entry("Purpose.ACCOUNT_LINKING", "Linking the member's marketplace account to their account at the"
                    + " partner."),
            Map.entry("Purpose.MARKETING", "Promotions. Masked for every member who opted out of marketing."),
            Map.entry("Purpose.PAYMENT_PROCESSING", "Taking the member's payments; the only purpose for the full card."),
            Map.entry("Purpose.ANALYTICS", "Statistics. Served only as rounded aggregates (audienceStats), never as"
                    + " individual members: member and members refuse it with VALIDATION."),
            Map.entry("DisclosureLevel", "How much of a category is served."),
            Map.entry("DisclosureLevel.NONE", "Nothing: the field is null (masked)."),
            Map.entry("DisclosureLevel.PARTIAL", "A reduced form that cannot be turned back into the value (see each"
                    + " DataCategory value for its form)."),
            Map.entry("DisclosureLevel.FULL", "The whole value."),
            Map.entry("PartnerStatus", "Whether a partner may call the gateway."),
            Map.entry("PartnerStatus.ACTIVE", "Calls are served."),
            Map.entry("PartnerStatus.SUSPENDED", "Every call is refused with PARTNER_SUSPENDED until an admin reactivates"
                    + " the partner (or its file returns, for a partner the file sync suspended)."),
            Map.entry("ConsentStatus", "Where a member's consent stands now."),
            Map.entry("ConsentStatus.ACTIVE", "In force until expiresAt."),
            Map.entry("ConsentStatus.EXPIRED", "Ran out at expiresAt; the member can renew it."),
            Map.entry("ConsentStatus.REVOKED", "Ended by the member (stays REVOKED after its end date)."),
            Map.entry("ConsentChangeType", "How a consent a partner relied on ended."),
            Map.entry("ConsentChangeType.REVOKED", "The member revoked it."),
            Map.entry("ConsentChangeType.EXPIRED", "It ran out (noticed within a minute of its end)."),
            Map.entry("ConsentChangeType.ERASED", "The member erased their account: the member is not found from now on."),
            Map.entry("Action", "What a consent receipt records."),
            Map.entry("Action.GRANT", "A consent given or renewed."),
            Map.entry("Action.REVOKE", "A consent revoked by the member."),
            Map.entry("Action.EXPIRE", "A consent that ran out."),
            Map.entry("Action.ERASE", "A consent ended by the member's erasure."),
            Map.entry("Kind", "What an access event records."),
            Map.entry("Kind.READ", "A partner read the member."),
            Map.entry("Kind.DISCLOSURE", "A legal disclosure an admin recorded (court order, subpoena)."),
            Map.entry("Kind.GUARDIAN", "A parent's or guardian's request an admin recorded."),
            Map.entry("Kind.BIRTH_DATE", "The member's birth date changed: by the member, or by an admin after a"
                    + " guardian's verification."),
            // ---- pages
            Map.entry("PageInfo", "Where a list continues."),
            Map.entry("PageInfo.hasNextPage", "True when another page follows: ask again with after: endCursor."),
            Map.entry("PageInfo.endCursor", "Opaque cursor of the page's last edge, to pass as after; null on an empty"
                    + " page. Valid only for the same list and caller."),
            Map.entry("SharedMemberConnection", PAGE),
            Map.entry("SharedMemberConnection.edges", "The members of this page, in the partner's own order."),
            Map.entry("SharedMemberConnection.pageInfo", "Whether more members follow, and the cursor to ask from."),
            Map.entry("SharedMemberEdge", "One member of a page, with its cursor."),
            Map.entry("SharedMemberEdge.cursor", "Opaque cursor of this member in the list (a pairwise id)."),
            Map.entry("SharedMemberEdge.node", "The member as this partner may see it."),
            Map.entry("AccessEventConnection", PAGE),
            Map.entry("AccessEventConnection.edges", "The access events of this page, newest first."),
            Map.entry("AccessEventConnection.pageInfo", "Whether older events follow, and the cursor to ask from."),
            Map.entry("AccessEventEdge", "One access event of a page, with its cursor."),
            Map.entry("AccessEventEdge.cursor", "Opaque cursor of this event in the list."),
            Map.entry("AccessEventEdge.node", "The access event."),
            Map.entry("AdminActionConnection", PAGE),
            Map.entry("AdminActionConnection.edges", "The admin actions of this page, newest first."),
            Map.entry("AdminActionConnection.pageInfo", "Whether older actions follow, and the cursor to ask from."),
            Map.entry("AdminActionEdge", "One admin action of a page, with its cursor."),
            Map.entry("AdminActionEdge.cursor", "Opaque cursor of this action in the list."),
            Map.entry("AdminActionEdge.node", "The admin action."),
            Map.entry("ConsentChangeConnection", PAGE),
            Map.entry("ConsentChangeConnection.edges", "The consent changes of this page, oldest first."),
            Map.entry("ConsentChangeConnection.pageInfo", "Whether more changes follow, and the cursor to ask from; keep"
                    + " the last endCursor to resume later."),
            Map.entry("ConsentChangeEdge", "One consent change of a page, with its cursor."),
            Map.entry("ConsentChangeEdge.cursor", "Opaque cursor of this change in the feed."),
            Map.entry("ConsentChangeEdge.node", "The consent change."),
            // ---- member data as served
            Map.entry("SharedMember.name", "NAME, or null when masked (see access)."),
            Map.entry("SharedMember.email", "EMAIL: whole at FULL, a***@mail.example at PARTIAL, null when masked."),
            Map.entry("SharedMember.phone", "PHONE: whole at FULL, ***4567 at PARTIAL, null when masked."),
            Map.entry("SharedMember.address", "ADDRESS: whole at FULL, city, region and country at PARTIAL, null"
                    + " when masked."),
            Map.entry("SharedMember.company", "COMPANY: name and address at FULL, name only at PARTIAL, null when"
                    + " masked."),
            Map.entry("SharedMember.card", "PAYMENT_CARD: with the processor token only at FULL (payment processors,"
                    + " PAYMENT_PROCESSING), brand, last4 and expiry at PARTIAL, null when masked."),
            Map.entry("FieldAccess.category", "The category."),
            Map.entry("FieldAccess.level", "The level served: NONE means the field is null."),
            Map.entry("FieldAccess.reason", "Why: CONSENTED or PUBLIC when served, else the masking rule that applied."),
            Map.entry("PersonName", "A person's name. At PARTIAL the family name is its initial."),
            Map.entry("PersonName.given", "Given name."),
            Map.entry("PersonName.family", "Family name; its initial only at PARTIAL."),
            Map.entry("PostalAddress", "A postal address. At PARTIAL only city, region and country are given."),
            Map.entry("PostalAddress.street", "Street and number; null at PARTIAL."),
            Map.entry("PostalAddress.city", "City."),
            Map.entry("PostalAddress.region", "Region or state."),
            Map.entry("PostalAddress.postalCode", "Postal code; null at PARTIAL."),
            Map.entry("PostalAddress.country", "ISO 3166-1 alpha-2 country code, as SE."),
            Map.entry("Company", "The member's employer or business."),
            Map.entry("Company.name", "Company name."),
            Map.entry("Company.address", "Company address; null at PARTIAL."),
            Map.entry("PaymentCard", "A payment card, never its number: the processor holds it behind processorToken."),
            Map.entry("PaymentCard.processorToken", "The payment processor's token for the card; only at FULL, which"
                    + " only a payment processor gets, and only for PAYMENT_PROCESSING."),
            Map.entry("PaymentCard.brand", "Card brand, as VISA."),
            Map.entry("PaymentCard.last4", "Last four digits of the card number."),
            Map.entry("PaymentCard.expiryMonth", "Expiry month, 1 to 12."),
            Map.entry("PaymentCard.expiryYear", "Expiry year, four digits."),
            // ---- partner operations' arguments
            Map.entry("Query.member(id)", "The pairwise id this partner received (pw_ and 22 base64url characters);"
                    + " anything else is VALIDATION."),
            Map.entry("Query.member(purpose)", "The purpose of this read; decides which consents apply."),
            Map.entry("Query.members(purpose)", "The purpose of this read: lists the members with a consent in force"
                    + " for it."),
            Map.entry("Query.members(first)", "Page size, 1 to 100 (default 20); otherwise VALIDATION."),
            Map.entry("Query.members(after)", "The endCursor of the previous page; omit for the first page. A cursor"
                    + " of another list or partner is VALIDATION."),
            Map.entry("Query.consentChanges(first)", "Page size, 1 to 100 (default 20)."),
            Map.entry("Query.consentChanges(after)", "The endCursor of the last page read; omit to start from the first"
                    + " change."),
            Map.entry("Query.coBrand(host)", "A co-brand host name, lower case, as travel.marketplace.example."),
            // ---- partner as shown
            Map.entry("Partner.id", "The partner's id (a slug, as skyway-travel)."),
            Map.entry("Partner.displayName", "The name members see."),
            Map.entry("Partner.kind", "The kind of business (a slug, as travel or payment-processor)."),
            Map.entry("Partner.status", "ACTIVE, or SUSPENDED (every call refused)."),
            Map.entry("Partner.policyUrl", "The partner's own privacy policy (https), linked on every partner response."),
            Map.entry("Partner.logoUrl", "The partner's logo on its own site (https), if any."),
            Map.entry("Partner.privacyContact", "Where members write about their data (an email address)."),
            Map.entry("Partner.hosts", "The partner's co-branded host names."),
            Map.entry("Partner.requests", "What the partner asks members for: category, purpose, level and why."),
            Map.entry("Partner.rateLimitPerMinute", "Requests per minute before RATE_LIMITED (HTTP 429 with"
                    + " Retry-After)."),
            Map.entry("PartnerRequest", "One thing a partner asks members for."),
            Map.entry("PartnerRequest.category", "What data."),
            Map.entry("PartnerRequest.purpose", "For what."),
            Map.entry("PartnerRequest.level", "At most how much: FULL or PARTIAL."),
            Map.entry("PartnerRequest.justification", "The partner's reason, shown to members before they consent."),
            Map.entry("PartnerListing.id", "The partner's id, to grant or revoke consents with."),
            Map.entry("PartnerListing.displayName", "The partner's name."),
            Map.entry("PartnerListing.kind", "The kind of business."),
            Map.entry("PartnerListing.policyUrl", "The partner's own privacy policy."),
            Map.entry("PartnerListing.logoUrl", "The partner's logo, if any."),
            Map.entry("PartnerListing.privacyContact", "Where to write about your data."),
            Map.entry("PartnerListing.hosts", "The partner's co-branded sites."),
            Map.entry("PartnerListing.requests", "What the partner asks for, and why."),
            Map.entry("CoBrand.partnerName", "The partner's name, to show on the co-branded page."),
            Map.entry("CoBrand.policyUrl", "The partner's privacy policy, which applies on its co-branded site."),
            Map.entry("CoBrand.logoUrl", "The partner's logo, if any."),
            Map.entry("CoBrand.gatewayPolicyUrl", "The gateway's privacy policy in force."),
            Map.entry("CoBrand.gatewayPolicyVersion", "The version of the gateway's policy in force."),
            // ---- consents, receipts, changes
            Map.entry("ConsentChange.memberId", "The member's pairwise id, as this partner knows it."),
            Map.entry("ConsentChange.category", "The category the consent covered."),
            Map.entry("ConsentChange.purpose", "The purpose the consent covered."),
            Map.entry("ConsentChange.type", "How it ended."),
            Map.entry("Consent.partnerId", "The partner consented to."),
            Map.entry("Consent.partnerName", "Its name."),
            Map.entry("Consent.partnerPolicyUrl", "The partner's privacy policy the member was shown when granting."),
            Map.entry("Consent.category", "The category consented to."),
            Map.entry("Consent.purpose", "The purpose consented to."),
            Map.entry("Consent.level", "The level consented to."),
            Map.entry("Consent.status", "ACTIVE, EXPIRED or REVOKED."),
            Map.entry("Consent.gatewayPolicyVersion", "The gateway policy version in force when granted."),
            Map.entry("Consent.inEffect", "False when the partner no longer asks for it or is suspended."),
            Map.entry("Consent.notInEffectBecause", "Why it is not in effect, in words; null when it is."),
            Map.entry("ConsentReceipt.receiptId", "The receipt's id."),
            Map.entry("ConsentReceipt.action", "GRANT, REVOKE, EXPIRE or ERASE."),
            Map.entry("ConsentReceipt.pairwiseMemberId", "The member as the partner knows them."),
            Map.entry("ConsentReceipt.partnerId", "The partner."),
            Map.entry("ConsentReceipt.partnerName", "Its name."),
            Map.entry("ConsentReceipt.partnerPolicyUrl", "Its privacy policy."),
            Map.entry("ConsentReceipt.gatewayPolicyVersion", "The gateway policy version in force."),
            Map.entry("ConsentReceipt.gatewayPolicyUrl", "The gateway policy in force."),
            Map.entry("ConsentReceipt.category", "The category."),
            Map.entry("ConsentReceipt.purpose", "The purpose."),
            Map.entry("ConsentReceipt.level", "The level."),
            Map.entry("ConsentReceipt.json", "The receipt as a JSON document (Kantara Consent Receipt fields)."),
            // ---- member profile
            Map.entry("MemberProfile.id", "The member's own id at the gateway."),
            Map.entry("MemberProfile.name", "Name."),
            Map.entry("MemberProfile.email", "Email address."),
            Map.entry("MemberProfile.phone", "Phone number."),
            Map.entry("MemberProfile.address", "Postal address."),
            Map.entry("MemberProfile.company", "Company."),
            Map.entry("MemberProfile.card", "Payment card, without its processor token."),
            Map.entry("MemberProfile.collectedUnder", "Per category, the policy version it was collected or confirmed"
                    + " under."),
            Map.entry("MemberProfile.publicCategories", "Categories the member made public."),
            Map.entry("MemberProfile.marketingOptOut", "True when the member opted out of all marketing."),
            Map.entry("MemberProfile.minor", "True when the member is under 13 (by their birth date, or as an erased"
                    + " account of the same login was, until the month after its 13th birthday): nothing is shared with"
                    + " partners."),
            Map.entry("CategoryStamp.category", "The category."),
            Map.entry("CategoryStamp.policyVersion", "The policy version."),
            // ---- statistics and policy
            Map.entry("AudienceBucket", "One bucket of an aggregate."),
            Map.entry("AudienceBucket.key", "The bucket: a country code, or an age band (13-17, 18-24 ... 65+, or"
                    + " unknown)."),
            Map.entry("AudienceBucket.count", "Members in the bucket, rounded; never under k."),
            Map.entry("AudienceStats.byCountry", "Members per country; buckets under k left out."),
            Map.entry("AudienceStats.byAgeBand", "Members per age band; buckets under k left out."),
            Map.entry("AudienceStats.k", "Smallest count published: smaller buckets are left out."),
            Map.entry("PolicyVersion.version", "The version number."),
            Map.entry("PolicyVersion.url", "Where the policy text is."),
            Map.entry("PolicyVersion.summary", "What changed, in short."),
            Map.entry("PolicyVersion.matrix", "The (category, purposes) partners may receive under this version."),
            Map.entry("PolicyMatrixEntry", "The purposes one category may be shared for."),
            Map.entry("PolicyMatrixEntry.category", "The category."),
            Map.entry("PolicyMatrixEntry.purposes", "The purposes it may be shared for."),
            Map.entry("PrivacyPolicy", "The gateway's privacy policy: the version in force and those announced."),
            Map.entry("PrivacyPolicy.current", "The version in force."),
            Map.entry("PrivacyPolicy.upcoming", "Published versions not in force yet, soonest first."),
            // ---- audit
            Map.entry("AccessEvent.id", "The event's id."),
            Map.entry("AccessEvent.requestId", "The id of the partner request (extensions.privacy.requestId)."),
            Map.entry("AccessEvent.kind", "READ, DISCLOSURE, GUARDIAN or BIRTH_DATE."),
            Map.entry("AccessEvent.partnerId", "The partner that read (READ events)."),
            Map.entry("AccessEvent.purpose", "The purpose of the read."),
            Map.entry("AccessEvent.operation", "What recorded it: the partner's operation (member, members) or the admin's"
                    + " (legalDisclosure, guardianRequest, a birth date correction)."),
            Map.entry("AccessEvent.served", "The categories served, with their level."),
            Map.entry("AccessEvent.masked", "The categories masked, with the reason."),
            Map.entry("AccessEvent.legalBasis", "Legal disclosures: the legal basis."),
            Map.entry("AccessEvent.reference", "Legal disclosures and guardian requests: the case reference."),
            Map.entry("ServedCategory", "A category served, at a level."),
            Map.entry("ServedCategory.category", "The category."),
            Map.entry("ServedCategory.level", "The level served."),
            Map.entry("MaskedCategory", "A category masked, and why."),
            Map.entry("MaskedCategory.category", "The category."),
            Map.entry("MaskedCategory.reason", "The masking rule that applied."),
            Map.entry("AdminAction.id", "The action's id."),
            Map.entry("AdminAction.actor", "The admin: the token's preferred_username, else its subject."),
            Map.entry("AdminAction.action", "What was done, as UPDATE_PARTNER."),
            Map.entry("AdminAction.targetType", "What it was done to, as PARTNER."),
            Map.entry("AdminAction.targetId", "Its id."),
            Map.entry("AdminAction.reason", "The admin's reason, when one is required."),
            Map.entry("AdminAction.before", "The target's configuration before (JSON); never member data."),
            Map.entry("AdminAction.after", "The target's configuration after (JSON)."),
            // ---- member operations' arguments
            Map.entry("Query.myAccessLog(first)", "Page size, 1 to 100 (default 20)."),
            Map.entry("Query.myAccessLog(after)", "The endCursor of the previous page."),
            Map.entry("Query.me", "The calling member's profile; the first call creates an empty one."),
            Map.entry("Query.myConsents", "Every consent the member gave, with its status and whether it is in"
                    + " effect."),
            Map.entry("Mutation.grantConsent(input)", "The partner, category, purpose and level."),
            Map.entry("Mutation.revokeConsent(partnerId)", "The partner."),
            Map.entry("Mutation.revokeConsent(category)", "Only this category; omit for all."),
            Map.entry("Mutation.revokeConsent(purpose)", "Only this purpose; omit for all."),
            Map.entry("Mutation.updateMyProfile", "Corrects the member's profile; changed values are stamped with the"
                    + " policy version in force."),
            Map.entry("Mutation.updateMyProfile(input)", "The sections to change."),
            Map.entry("Mutation.confirmMyData(categories)", "The categories to confirm."),
            Map.entry("Mutation.setPublicCategories(categories)", "The full set of public categories (replaces the"
                    + " old one)."),
            Map.entry("Mutation.setMarketingOptOut(optOut)", "True to opt out of all marketing."),
            Map.entry("Mutation.eraseMyAccount(confirm)", "Exactly ERASE MY DATA."),
            Map.entry("GrantConsentInput", "One consent to grant."),
            Map.entry("GrantConsentInput.partnerId", "The partner."),
            Map.entry("GrantConsentInput.category", "A category the partner declared."),
            Map.entry("GrantConsentInput.purpose", "A purpose it declared for that category."),
            Map.entry("GrantConsentInput.level", "FULL or PARTIAL, at most the declared level."),
            Map.entry("ProfileInput.name", "Name."),
            Map.entry("ProfileInput.email", "Email address, validated."),
            Map.entry("ProfileInput.phone", "Phone number, validated."),
            Map.entry("ProfileInput.address", "Postal address."),
            Map.entry("ProfileInput.company", "Company."),
            Map.entry("NameInput", "A name."),
            Map.entry("NameInput.given", "Given name."),
            Map.entry("NameInput.family", "Family name."),
            Map.entry("AddressInput", "A postal address."),
            Map.entry("AddressInput.street", "Street and number."),
            Map.entry("AddressInput.city", "City."),
            Map.entry("AddressInput.region", "Region or state."),
            Map.entry("AddressInput.postalCode", "Postal code."),
            Map.entry("CompanyInput", "A company."),
            Map.entry("CompanyInput.name", "Company name."),
            Map.entry("CompanyInput.address", "Company address."),
            // ---- admin operations' arguments
            Map.entry("Query.adminActions(first)", "Page size, 1 to 100 (default 20)."),
            Map.entry("Query.adminActions(after)", "The endCursor of the previous page."),
            Map.entry("Query.auditLog(first)", "Page size, 1 to 100 (default 20)."),
            Map.entry("Query.auditLog(after)", "The endCursor of the previous page."),
            Map.entry("Query.auditLog(memberId)", "Only this member (internal id)."),
            Map.entry("Query.auditLog(partnerId)", "Only this partner."),
            Map.entry("Mutation.onboardPartner(input)", "The partner, with the same rules as a partner file."),
            Map.entry("Mutation.updatePartner(id)", "The partner to change."),
            Map.entry("Mutation.updatePartner(input)", "Its new settings (all of them); the id cannot change."),
            Map.entry("Mutation.suspendPartner(id)", "The partner to suspend."),
            Map.entry("Mutation.suspendPartner(reason)", "Why, recorded in the admin audit."),
            Map.entry("Mutation.reactivatePartner", "Lifts a suspension: the partner is served again from its next"
                    + " request."),
            Map.entry("Mutation.reactivatePartner(id)", "The partner to reactivate."),
            Map.entry("Mutation.publishPolicyVersion(input)", "The version, its text's URL, summary, effective time and"
                    + " matrix."),
            Map.entry("Mutation.recordDisclosure(input)", "The disclosure."),
            Map.entry("Mutation.recordGuardianRequest(input)", "The request."),
            Map.entry("Mutation.correctMemberBirthDate(input)", "The member, the verified birth date and the"
                    + " verification's reference."),
            Map.entry("PartnerInput.id", "The partner's id (a slug); for updatePartner, the same as the argument."),
            Map.entry("PartnerInput.displayName", "The name members see."),
            Map.entry("PartnerInput.kind", "The kind of business (a slug; payment-processor for card processors)."),
            Map.entry("PartnerInput.clientId", "The partner's OIDC client id (its tokens' azp); unique."),
            Map.entry("PartnerInput.hosts", "Co-brand host names, lower case; unique across partners."),
            Map.entry("PartnerInput.policyUrl", "The partner's privacy policy: https, no user information."),
            Map.entry("PartnerInput.logoUrl", "The partner's logo: https, optional."),
            Map.entry("PartnerInput.privacyContact", "An email address for members' privacy questions."),
            Map.entry("PartnerInput.rateLimitPerMinute", "Requests per minute, 1 to 100000."),
            Map.entry("PartnerInput.requests", "What the partner asks for; each (category, purpose) once."),
            Map.entry("PartnerRequestInput", "One request of a partner."),
            Map.entry("PartnerRequestInput.category", "What data."),
            Map.entry("PartnerRequestInput.purpose", "For what."),
            Map.entry("PartnerRequestInput.level", "FULL or PARTIAL (PAYMENT_CARD at FULL only for a payment"
                    + " processor's PAYMENT_PROCESSING)."),
            Map.entry("PartnerRequestInput.justification", "Why, in words members read before they consent."),
            Map.entry("PolicyVersionInput", "A new version of the gateway's privacy policy."),
            Map.entry("PolicyVersionInput.version", "Its number: the latest published one plus one."),
            Map.entry("PolicyVersionInput.url", "Where its text is (https)."),
            Map.entry("PolicyVersionInput.summary", "What changes, in short, for the announcement to members."),
            Map.entry("PolicyVersionInput.matrix", "The (category, purposes) partners may receive under it."),
            Map.entry("PolicyMatrixEntryInput", "The purposes one category may be shared for."),
            Map.entry("PolicyMatrixEntryInput.category", "The category."),
            Map.entry("PolicyMatrixEntryInput.purposes", "Its purposes."),
            Map.entry("DisclosureInput", "A legal disclosure of a member's data."),
            Map.entry("DisclosureInput.memberId", "The member (internal id)."),
            Map.entry("DisclosureInput.categories", "The categories disclosed."),
            Map.entry("DisclosureInput.recipient", "Who received them."),
            Map.entry("DisclosureInput.legalBasis", "The legal basis."),
            Map.entry("DisclosureInput.reference", "The case reference."),
            Map.entry("GuardianRequestInput", "A parent's or guardian's request about a child's data."),
            Map.entry("GuardianRequestInput.memberId", "The child (internal id)."),
            Map.entry("GuardianRequestInput.reference", "The verification's reference."),
            Map.entry("BirthDateCorrectionInput.memberId", "The member (internal id)."),
            // ---- scalars
            Map.entry("Date", "A calendar date, ISO-8601, as 2001-10-16."),
            Map.entry("DateTime", "An instant, ISO-8601 with offset, as 2026-01-31T09:30:00Z."),
            Map.entry("BigDecimal", "A decimal number (not used by any field; declared by the GraphQL library)."),
            Map.entry("BigInteger", "An integer of any size (not used by any field; declared by the GraphQL library).")
    );

    /** Custom scalars whose library description ("Scalar for ...") says nothing: replaced. */
    static final Set<String> REPLACED = Set.of("Date", "DateTime", "BigDecimal", "BigInteger");

    private static final Set<String> USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema built = builder.build();
        GraphQLSchema described = SchemaTransformer.transformSchema(built, new Describer());
        return GraphQLSchema.newSchema(described);
    }

    /** Entries the schema no longer has (a renamed field leaves its text behind): empty once the schema is built. */
    public static Set<String> unused() {
        Set<String> unused = new TreeSet<>(TEXTS.keySet());
        unused.removeAll(USED);
        return unused;
    }

    private static final class Describer extends GraphQLTypeVisitorStub {

        private static String text(String key, String current) {
            String text = TEXTS.get(key);
            if (text != null) {
                USED.add(key);
            }
            boolean missing = current == null || current.isBlank();
            return text != null && (missing || REPLACED.contains(key)) ? text : null;
        }

        private static String parentName(TraverserContext<GraphQLSchemaElement> context, int up) {
            List<GraphQLSchemaElement> parents = context.getParentNodes();
            return parents.size() > up && parents.get(up) instanceof GraphQLNamedSchemaElement named ? named.getName()
                    : null;
        }

        @Override
        public TraversalControl visitGraphQLObjectType(GraphQLObjectType node,
                TraverserContext<GraphQLSchemaElement> context) {
            String text = text(node.getName(), node.getDescription());
            return text == null ? TraversalControl.CONTINUE
                    : TreeTransformerUtil.changeNode(context, node.transform(b -> b.description(text)));
        }

        @Override
        public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition node,
                TraverserContext<GraphQLSchemaElement> context) {
            String type = parentName(context, 0);
            String text = type == null ? null : text(type + "." + node.getName(), node.getDescription());
            return text == null ? TraversalControl.CONTINUE
                    : TreeTransformerUtil.changeNode(context, node.transform(b -> b.description(text)));
        }

        @Override
        public TraversalControl visitGraphQLArgument(GraphQLArgument node,
                TraverserContext<GraphQLSchemaElement> context) {
            if (!(context.getParentNode() instanceof GraphQLFieldDefinition field)) {
                return TraversalControl.CONTINUE; // a directive's argument
            }
            String type = parentName(context, 1);
            String text = type == null ? null
                    : text(type + "." + field.getName() + "(" + node.getName() + ")", node.getDescription());
            return text == null ? TraversalControl.CONTINUE
                    : TreeTransformerUtil.changeNode(context, node.transform(b -> b.description(text)));
        }

        @Override
        public TraversalControl visitGraphQLEnumType(GraphQLEnumType node,
                TraverserContext<GraphQLSchemaElement> context) {
            String text = text(node.getName(), node.getDescription());
            return text == null ? TraversalControl.CONTINUE
                    : TreeTransformerUtil.changeNode(context, node.transform(b -> b.description(text)));
        }

        @Override
        public TraversalControl visitGraphQLEnumValueDefinition(GraphQLEnumValueDefinition node,
                TraverserContext<GraphQLSchemaElement> context) {
            String type = parentName(context, 0);
            String text = type == null ? null : text(type + "." + node.getName(), node.getDescription());
            return text == null ? TraversalControl.CONTINUE
                    : TreeTransformerUtil.changeNode(context, node.transform(b -> b.description(text)));
        }

        @Override
        public TraversalControl visitGraphQLInputObjectType(GraphQLInputObjectType node,
                TraverserContext<GraphQLSchemaElement> context) {
            String text = text(node.getName(), node.getDescription());
            return text == null ? TraversalControl.CONTINUE
                    : TreeTransformerUtil.changeNode(context, node.transform(b -> b.description(text)));
        }

        @Override
        public TraversalControl visitGraphQLInputObjectField(GraphQLInputObjectField node,
                TraverserContext<GraphQLSchemaElement> context) {
            String type = parentName(context, 0);
            String text = type == null ? null : text(type + "." + node.getName(), node.getDescription());
            return text == null ? TraversalControl.CONTINUE
                    : TreeTransformerUtil.changeNode(context, node.transform(b -> b.description(text)));
        }

        @Override
        public TraversalControl visitGraphQLScalarType(graphql.schema.GraphQLScalarType node,
                TraverserContext<GraphQLSchemaElement> context) {
            String text = text(node.getName(), node.getDescription());
            return text == null ? TraversalControl.CONTINUE
                    : TreeTransformerUtil.changeNode(context, node.transform(b -> b.description(text)));
        }
    }
}
