package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** Who may call partner operations, and what everyone else gets. */
@QuarkusTest
class PartnerIdentityTest {

    private static final String QUERY = "{ partner { id } members(purpose: ORDER_FULFILLMENT) { edges { node { email } } } }";

    @Inject
    Fixtures fixtures;

    private Partner partnerWithConsentingMember() {
        Partner partner = fixtures.partner(Fixtures.unique("id"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Ida");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        return partner;
    }

    @Test
    void aRegisteredPartnerIsKnownByAzp() {
        Partner partner = partnerWithConsentingMember();
        GraphQL.post(Tokens.partner(partner.clientId), QUERY)
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.partner.id", equalTo(partner.id))
                .body("data.members.edges[0].node.email", equalTo("ida@mail.example"));
    }

    @Test
    void aTokenWithOnlyClientIdClaimIsKnownToo() {
        Partner partner = partnerWithConsentingMember();
        GraphQL.post(Tokens.partnerByClientIdClaim(partner.clientId), "{ partner { id } }")
                .body("data.partner.id", equalTo(partner.id));
    }

    @Test
    void noTokenIsUnauthenticated() {
        GraphQL.post(null, QUERY)
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void anUnknownClientIsForbidden() {
        GraphQL.post(Tokens.partner("nobody-knows-me"), QUERY)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void aClientWithoutThePartnerRoleIsForbidden() {
        Partner partner = partnerWithConsentingMember();
        GraphQL.post(Tokens.clientWithoutPartnerRole(partner.clientId), QUERY)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void aMemberTokenIsForbiddenOnPartnerOperations() {
        partnerWithConsentingMember();
        GraphQL.post(Tokens.member("some-member"), QUERY)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void aSuspendedPartnerIsRefusedOnItsNextRequest() {
        Partner partner = partnerWithConsentingMember();
        GraphQL.post(Tokens.partner(partner.clientId), QUERY).body("errors", nullValue());
        fixtures.suspend(partner.id);
        GraphQL.post(Tokens.partner(partner.clientId), QUERY)
                .header("Link", equalTo("<" + partner.policyUrl + ">; rel=\"privacy-policy\""))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("PARTNER_SUSPENDED"));
    }

    @Test
    void anExpiredTokenIs401() {
        Partner partner = partnerWithConsentingMember();
        GraphQL.post(Tokens.expiredPartner(partner.clientId), QUERY).statusCode(401);
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        Partner partner = partnerWithConsentingMember();
        GraphQL.post(Tokens.partnerSignedByStranger(partner.clientId), QUERY).statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        Partner partner = partnerWithConsentingMember();
        GraphQL.post(Tokens.partnerWithIssuer(partner.clientId, "https://evil.example.com"), QUERY).statusCode(401);
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        Partner partner = partnerWithConsentingMember();
        GraphQL.post(Tokens.partnerWithAudience(partner.clientId, "some-other-api"), QUERY).statusCode(401);
    }
}
