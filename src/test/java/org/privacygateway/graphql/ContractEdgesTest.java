package org.privacygateway.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.PHONE;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ACCOUNT_LINKING;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.privacygateway.consent.Consent;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * The points the contract was once silent on, each settled in docs/privacy-model.md ("Settled edges") and held
 * here: policy links on error-only partner responses, revoking what already expired, grants the policy forbids,
 * access[] for an empty category, and an erased member signing in again.
 */
@QuarkusTest
class ContractEdgesTest {

    private static final String GRANT = "mutation($in: GrantConsentInput!) { grantConsent(input: $in) { action } }";

    @Inject
    Fixtures fixtures;

    @Inject
    ConsentLedger ledger;

    private Partner partner() {
        return fixtures.partner(Fixtures.unique("edge"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(PHONE, ORDER_FULFILLMENT, FULL), request(ADDRESS, ACCOUNT_LINKING, FULL));
    }

    private static ValidatableResponse carriesThePartnersPolicy(ValidatableResponse response, Partner partner) {
        return response
                .header("Link", equalTo("<" + partner.policyUrl + ">; rel=\"privacy-policy\""))
                .body("extensions.privacy.partnerPolicyUrl", equalTo(partner.policyUrl))
                .body("extensions.privacy.requestId", notNullValue())
                .body("extensions.privacy.masked", empty())
                .body("extensions.privacy.gatewayPolicyVersion", notNullValue())
                .body("extensions.privacy.gatewayPolicyUrl", notNullValue());
    }

    @Test
    void errorOnlyResponsesToAKnownPartnerCarryItsPolicyLinkAndThePrivacyExtension() {
        Partner partner = partner();
        String token = Tokens.partner(partner.clientId);

        // VALIDATION from schema validation: no resolver runs.
        carriesThePartnersPolicy(GraphQL.post(token, "{ partner { noSuchField } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION")), partner);
        carriesThePartnersPolicy(GraphQL.post(token, "{ members(purpose: RESALE) { edges { node { id } } } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION")), partner);
        // VALIDATION from a resolver.
        carriesThePartnersPolicy(GraphQL.post(token, "{ members(purpose: ANALYTICS) { edges { node { id } } } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION")), partner);
        // FORBIDDEN: statistics without ANALYTICS declared, and another audience's operation.
        carriesThePartnersPolicy(GraphQL.post(token, "{ audienceStats { total } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN")), partner);
        carriesThePartnersPolicy(GraphQL.post(token, "{ me { id } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN")), partner);
        // QUERY_TOO_COMPLEX: refused by the gate, before any resolver.
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            aliases.append(" a").append(i).append(": partner { id }");
        }
        carriesThePartnersPolicy(GraphQL.post(token, aliases.append(" }").toString())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("data", nullValue()), partner);
        // Every root skipped: an empty answer, still to this partner.
        carriesThePartnersPolicy(GraphQL.post(token, "{ partner @skip(if: true) { id } }")
                .body("errors", nullValue()), partner);
    }

    @Test
    void callersThatAreNotAKnownPartnerGetNoPartnerPolicy() {
        GraphQL.post(Tokens.member(Fixtures.unique("nolink")), "{ partner { noSuchField } }")
                .header("Link", nullValue()).body("extensions", nullValue());
        GraphQL.post(Tokens.clientWithoutPartnerRole(Fixtures.unique("norole")), "{ partner { id } }")
                .header("Link", nullValue()).body("extensions", nullValue());
        GraphQL.post(Tokens.partner(Fixtures.unique("unregistered")), "{ partner { id } }")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .header("Link", nullValue()).body("extensions", nullValue());
    }

    @Test
    void revokingAnAlreadyExpiredConsentWritesNoReceiptAndNoEventAfterTheExpiry() {
        Partner partner = partner();
        Member member = fixtures.member("Exp");
        fixtures.grantExpired(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        ledger.recordExpiries();
        String token = Tokens.member(member.subject);

        GraphQL.post(token, "mutation($p: ID!) { revokeConsent(partnerId: $p) { action } }", Map.of("p", partner.id))
                .body("errors", nullValue())
                .body("data.revokeConsent", empty());
        GraphQL.post(token, "{ myReceipts { action } }").body("data.myReceipts.action", everyItem(equalTo("GRANT")));
        GraphQL.post(Tokens.partner(partner.clientId), "{ consentChanges { edges { node { type } } } }")
                .body("data.consentChanges.edges.node.type", equalTo(List.of("EXPIRED")));
        List<Consent> consents = fixtures.consents(member.id);
        assertEquals(1, consents.size());
        assertEquals(null, consents.get(0).revokedAt, "an expired consent stays expired, not revoked");
    }

    @Test
    void revokingAConsentThatExpiredBeforeTheWatchNoticedWritesNoRevokeEither() {
        Partner partner = partner();
        Member member = fixtures.member("Unn");
        fixtures.grantExpired(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        GraphQL.post(Tokens.member(member.subject), "mutation($p: ID!) { revokeConsent(partnerId: $p) { action } }",
                Map.of("p", partner.id)).body("data.revokeConsent", empty());
        ledger.recordExpiries();
        GraphQL.post(Tokens.partner(partner.clientId), "{ consentChanges { edges { node { type } } } }")
                .body("data.consentChanges.edges.node.type", equalTo(List.of("EXPIRED")));
    }

    @Test
    void aGrantThePolicyInForceForbidsIsRefusedAndNothingIsStored() {
        // ADDRESS for ACCOUNT_LINKING: the partner declares it, policy version 1 does not allow it.
        Partner partner = partner();
        Member member = fixtures.member("Forb");
        GraphQL.post(Tokens.member(member.subject), GRANT, Map.of("in", Map.of("partnerId", partner.id,
                "category", "ADDRESS", "purpose", "ACCOUNT_LINKING", "level", "FULL")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("privacy policy"))
                .body("errors[0].message", containsString("ADDRESS"))
                .body("errors[0].message", containsString("ACCOUNT_LINKING"));
        assertTrue(fixtures.consents(member.id).isEmpty());
        GraphQL.post(Tokens.member(member.subject), "{ myReceipts { action } }").body("data.myReceipts", empty());
        // An allowed pair from the same partner is still granted.
        GraphQL.post(Tokens.member(member.subject), GRANT, Map.of("in", Map.of("partnerId", partner.id,
                "category", "EMAIL", "purpose", "ORDER_FULFILLMENT", "level", "FULL")))
                .body("data.grantConsent.action", equalTo("GRANT"));
    }

    @Test
    void aCategoryWithNoStoredValueIsReportedAsDecidedAndTheFieldIsNullWithoutAMask() {
        Partner partner = partner();
        Member member = fixtures.member("Empty");
        fixtures.update(member.id, m -> m.phone = null);
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(member, partner, PHONE, ORDER_FULFILLMENT, FULL);
        GraphQL.post(Tokens.partner(partner.clientId),
                "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email phone access { category level reason } } }",
                Map.of("id", fixtures.pairwise(partner, member)))
                .body("data.member.email", equalTo("empty@mail.example"))
                .body("data.member.phone", nullValue())
                .body("data.member.access.find { it.category == 'PHONE' }.level", equalTo("FULL"))
                .body("data.member.access.find { it.category == 'PHONE' }.reason", equalTo("CONSENTED"))
                .body("extensions.privacy.masked", empty());
    }

    @Test
    void anErasedMemberWhoSignsInAgainGetsAFreshEmptyAccountWithNothingRestored() {
        Partner partner = partner();
        Member member = fixtures.member("Back");
        String token = Tokens.member(member.subject);
        GraphQL.post(token, GRANT, Map.of("in", Map.of("partnerId", partner.id, "category", "EMAIL",
                "purpose", "ORDER_FULFILLMENT", "level", "FULL"))).body("errors", nullValue());
        String oldPairwise = fixtures.pairwise(partner, member);
        GraphQL.post(token, "mutation { eraseMyAccount(confirm: \"ERASE MY DATA\") }").body("data.eraseMyAccount", equalTo(true));

        // Same login, new account: nothing of the old one comes back.
        GraphQL.post(token, "{ me { id name { given } email phone address { city } birthDate publicCategories marketingOptOut } }")
                .body("errors", nullValue())
                .body("data.me.id", not(equalTo(member.id.toString())))
                .body("data.me.name", nullValue()).body("data.me.email", nullValue())
                .body("data.me.phone", nullValue()).body("data.me.address", nullValue())
                .body("data.me.birthDate", nullValue()).body("data.me.publicCategories", empty())
                .body("data.me.marketingOptOut", equalTo(false));
        GraphQL.post(token, "{ myConsents { category } myReceipts { action } myAccessLog { edges { node { id } } } }")
                .body("data.myConsents", empty())
                .body("data.myReceipts", empty())
                .body("data.myAccessLog.edges", empty());
        Member fresh = fixtures.memberBySubject(member.subject);
        assertNotEquals(member.id, fresh.id);
        assertNotEquals(oldPairwise, fixtures.pairwise(partner, fresh), "partners cannot link the new account to the old");
        // The partner's old id stays not found, and the new account is not among its members.
        GraphQL.post(Tokens.partner(partner.clientId),
                "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }", Map.of("id", oldPairwise))
                .body("data.member", nullValue());
        GraphQL.post(Tokens.partner(partner.clientId), "{ members(purpose: ORDER_FULFILLMENT) { edges { node { id } } } }")
                .body("data.members.edges", hasSize(0));
    }
}
