package org.privacygateway.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;
import static org.privacygateway.masking.Purpose.MARKETING;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.consent.Consent;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** Every member operation and its bad inputs, with the stored state checked unchanged after each refusal. */
@QuarkusTest
class MemberGraphQLTest {

    static final String GRANT = "mutation($in: GrantConsentInput!) { grantConsent(input: $in) { receiptId action pairwiseMemberId partnerName partnerPolicyUrl gatewayPolicyVersion gatewayPolicyUrl category purpose level expiresAt json } }";

    @Inject
    Fixtures fixtures;

    Partner partner() {
        return fixtures.partner(Fixtures.unique("mem"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, PARTIAL), request(EMAIL, MARKETING, FULL));
    }

    static Map<String, Object> grant(Partner p, String category, String purpose, String level) {
        return Map.of("in", Map.of("partnerId", p.id, "category", category, "purpose", purpose, "level", level));
    }

    String readEmail(Partner p, Member m, String purpose) {
        return GraphQL.post(Tokens.partner(p.clientId), "query($id: ID!, $p: Purpose!) { member(id: $id, purpose: $p) { email } }",
                Map.of("id", fixtures.pairwise(p, m), "p", purpose)).extract().path("data.member.email");
    }

    @Test
    void firstLoginCreatesAnEmptyMember() {
        String subject = Fixtures.unique("newcomer");
        GraphQL.post(Tokens.member(subject), "{ me { id name { given } email minor publicCategories marketingOptOut } }")
                .body("errors", nullValue())
                .body("data.me.id", notNullValue())
                .body("data.me.name", nullValue())
                .body("data.me.email", nullValue())
                .body("data.me.minor", equalTo(false));
    }

    @Test
    void grantIssuesAReceiptAndThePartnerSeesTheFieldThenRevokeMasksItOnTheNextRequest() {
        Partner p = partner();
        Member m = fixtures.member("Gra");
        String token = Tokens.member(m.subject);
        GraphQL.post(token, GRANT, grant(p, "EMAIL", "ORDER_FULFILLMENT", "FULL"))
                .body("errors", nullValue())
                .body("data.grantConsent.action", equalTo("GRANT"))
                .body("data.grantConsent.pairwiseMemberId", equalTo(fixtures.pairwise(p, m)))
                .body("data.grantConsent.partnerPolicyUrl", equalTo(p.policyUrl))
                .body("data.grantConsent.gatewayPolicyVersion", equalTo(1))
                .body("data.grantConsent.expiresAt", notNullValue())
                .body("data.grantConsent.json", containsString("\"receiptId\""));
        assertEquals("gra@mail.example", readEmail(p, m, "ORDER_FULFILLMENT"));

        GraphQL.post(token, "mutation($p: ID!) { revokeConsent(partnerId: $p, category: EMAIL) { action category purpose } }", Map.of("p", p.id))
                .body("data.revokeConsent", hasSize(1))
                .body("data.revokeConsent[0].action", equalTo("REVOKE"));
        assertNull(readEmail(p, m, "ORDER_FULFILLMENT"));

        GraphQL.post(token, "{ myConsents { partnerId category status inEffect } myReceipts { action } }")
                .body("data.myConsents[0].status", equalTo("REVOKED"))
                .body("data.myReceipts.action", equalTo(List.of("REVOKE", "GRANT")));
        GraphQL.post(Tokens.partner(p.clientId), "{ consentChanges { edges { node { type memberId category purpose } } } }")
                .body("data.consentChanges.edges[0].node.type", equalTo("REVOKED"))
                .body("data.consentChanges.edges[0].node.memberId", equalTo(fixtures.pairwise(p, m)))
                .body("extensions.privacy.partnerPolicyUrl", equalTo(p.policyUrl));
    }

    @Test
    void revokeByPurposeAndByPartner() {
        Partner p = partner();
        Member m = fixtures.member("Rbp");
        String token = Tokens.member(m.subject);
        GraphQL.post(token, GRANT, grant(p, "EMAIL", "ORDER_FULFILLMENT", "FULL")).body("errors", nullValue());
        GraphQL.post(token, GRANT, grant(p, "NAME", "ORDER_FULFILLMENT", "PARTIAL")).body("errors", nullValue());
        GraphQL.post(token, GRANT, grant(p, "EMAIL", "MARKETING", "FULL")).body("errors", nullValue());
        GraphQL.post(token, "mutation($p: ID!) { revokeConsent(partnerId: $p, purpose: MARKETING) { purpose } }", Map.of("p", p.id))
                .body("data.revokeConsent.purpose", equalTo(List.of("MARKETING")));
        GraphQL.post(token, "mutation($p: ID!) { revokeConsent(partnerId: $p) { category } }", Map.of("p", p.id))
                .body("data.revokeConsent", hasSize(2));
        assertTrue(fixtures.consents(m.id).stream().allMatch(c -> c.revokedAt != null));
    }

    @Test
    void anExpiredConsentCanBeRenewed() {
        Partner p = partner();
        Member m = fixtures.member("Ren");
        fixtures.grantExpired(m, p, EMAIL, ORDER_FULFILLMENT, FULL);
        GraphQL.post(Tokens.member(m.subject), "{ myConsents { status inEffect } }").body("data.myConsents[0].status", equalTo("EXPIRED"));
        assertNull(readEmail(p, m, "ORDER_FULFILLMENT"));
        GraphQL.post(Tokens.member(m.subject), GRANT, grant(p, "EMAIL", "ORDER_FULFILLMENT", "FULL")).body("errors", nullValue());
        assertEquals("ren@mail.example", readEmail(p, m, "ORDER_FULFILLMENT"));
    }

    @Test
    void marketingOptOutIsOneSwitchForEveryPartner() {
        Partner a = partner();
        Partner b = partner();
        Member m = fixtures.member("Mkt");
        String token = Tokens.member(m.subject);
        GraphQL.post(token, GRANT, grant(a, "EMAIL", "MARKETING", "FULL")).body("errors", nullValue());
        GraphQL.post(token, GRANT, grant(b, "EMAIL", "MARKETING", "FULL")).body("errors", nullValue());
        GraphQL.post(token, "mutation { setMarketingOptOut(optOut: true) { marketingOptOut } }")
                .body("data.setMarketingOptOut.marketingOptOut", equalTo(true));
        assertNull(readEmail(a, m, "MARKETING"));
        assertNull(readEmail(b, m, "MARKETING"));
        GraphQL.post(token, "mutation { setMarketingOptOut(optOut: false) { marketingOptOut } }");
        assertEquals("mkt@mail.example", readEmail(a, m, "MARKETING"));
    }

    @Test
    void profileCorrectionRestampsAndPublicCategoriesServeWithoutConsent() {
        Partner p = partner();
        Member m = fixtures.member("Pro");
        String token = Tokens.member(m.subject);
        GraphQL.post(token, "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { email address { city country } collectedUnder { category policyVersion } } }",
                Map.of("in", Map.of("email", "new.address@mail.example", "address", Map.of("city", "Lund", "country", "se"))))
                .body("errors", nullValue())
                .body("data.updateMyProfile.email", equalTo("new.address@mail.example"))
                .body("data.updateMyProfile.address.country", equalTo("SE"));
        GraphQL.post(token, "mutation { setPublicCategories(categories: [NAME]) { publicCategories } }")
                .body("data.setPublicCategories.publicCategories", equalTo(List.of("NAME")));
        GraphQL.post(Tokens.partner(p.clientId), "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { name { given family } access { category reason } } }",
                Map.of("id", fixtures.pairwise(p, m)))
                .body("data.member.name.family", equalTo("F."))
                .body("data.member.access.find { it.category == 'NAME' }.reason", equalTo("PUBLIC"));
        GraphQL.post(token, "mutation { confirmMyData(categories: [NAME, EMAIL]) { collectedUnder { category policyVersion } } }")
                .body("errors", nullValue())
                .body("data.confirmMyData.collectedUnder.category", hasItem("NAME"));
    }

    @Test
    void exportHoldsEverything() {
        Partner p = partner();
        Member m = fixtures.member("Exp");
        String token = Tokens.member(m.subject);
        GraphQL.post(token, GRANT, grant(p, "EMAIL", "ORDER_FULFILLMENT", "FULL"));
        readEmail(p, m, "ORDER_FULFILLMENT");
        String doc = GraphQL.post(token, "mutation { exportMyData }").extract().path("data.exportMyData");
        io.restassured.path.json.JsonPath json = new io.restassured.path.json.JsonPath(doc);
        assertEquals("exp@mail.example", json.getString("profile.values.email"));
        assertEquals(1, json.getList("consents").size());
        assertEquals(1, json.getList("consentHistory").size());
        assertEquals(1, json.getList("receipts").size());
        assertEquals(1, json.getList("accessEvents").size());
    }

    @Test
    void erasureRemovesPersonalDataEndsConsentsAndPartnersGetNotFound() {
        Partner p = partner();
        Member m = fixtures.member("Era");
        String token = Tokens.member(m.subject);
        GraphQL.post(token, GRANT, grant(p, "EMAIL", "ORDER_FULFILLMENT", "FULL"));
        assertEquals("era@mail.example", readEmail(p, m, "ORDER_FULFILLMENT"));

        GraphQL.post(token, "mutation { eraseMyAccount(confirm: \"ERASE MY DATA\") }").body("data.eraseMyAccount", equalTo(true));

        GraphQL.post(Tokens.partner(p.clientId), "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }",
                Map.of("id", fixtures.pairwise(p, m))).body("data.member", nullValue());
        assertTrue(fixtures.consents(m.id).stream().allMatch(c -> c.revokedAt != null));
        var events = fixtures.accessEvents(p.id);
        assertNull(events.get(0).memberId);
        assertEquals(fixtures.pairwise(p, m), events.get(0).pairwiseMemberId);
        GraphQL.post(Tokens.partner(p.clientId), "{ consentChanges { edges { node { type memberId } } } }")
                .body("data.consentChanges.edges.node.type", hasItem("ERASED"));
        // Logging in again starts an empty account.
        GraphQL.post(token, "{ me { id email } }").body("data.me.email", nullValue()).body("data.me.id", not(equalTo(m.id.toString())));
    }

    // ---- bad input: a clear error, nothing changed

    private void refused(Member m, String query, Map<String, Object> vars, String code, String mentioned) {
        List<Consent> before = fixtures.consents(m.id);
        GraphQL.post(Tokens.member(m.subject), query, vars)
                .body("errors[0].extensions.code", equalTo(code))
                .body("errors[0].message", containsString(mentioned));
        List<Consent> after = fixtures.consents(m.id);
        assertEquals(before.size(), after.size(), "consents changed");
    }

    @Test
    void grantingWhatThePartnerNeverAskedForIsRefused() {
        Partner p = partner();
        Member m = fixtures.member("Bad1");
        refused(m, GRANT, grant(p, "PHONE", "ORDER_FULFILLMENT", "FULL"), "VALIDATION", "PHONE");
        refused(m, GRANT, grant(p, "EMAIL", "CUSTOMER_SUPPORT", "FULL"), "VALIDATION", "CUSTOMER_SUPPORT");
    }

    @Test
    void aLevelAboveTheDeclaredOneIsRefused() {
        Partner p = partner();
        Member m = fixtures.member("Bad2");
        refused(m, GRANT, grant(p, "NAME", "ORDER_FULFILLMENT", "FULL"), "VALIDATION", "'level'");
    }

    @Test
    void unknownAndSuspendedPartnersAreRefused() {
        Partner p = partner();
        Member m = fixtures.member("Bad3");
        refused(m, GRANT, Map.of("in", Map.of("partnerId", "no-such-partner", "category", "EMAIL", "purpose", "ORDER_FULFILLMENT", "level", "FULL")),
                "VALIDATION", "partnerId");
        fixtures.suspend(p.id);
        refused(m, GRANT, grant(p, "EMAIL", "ORDER_FULFILLMENT", "FULL"), "PARTNER_SUSPENDED", "suspended");
    }

    @Test
    void aMinorCannotGrant() {
        Partner p = partner();
        Member m = fixtures.member("Kid");
        fixtures.update(m.id, x -> x.birthDate = LocalDate.now().minusYears(10));
        refused(m, GRANT, grant(p, "EMAIL", "ORDER_FULFILLMENT", "FULL"), "MINOR_REQUIRES_GUARDIAN", "guardian");
    }

    @Test
    void invalidProfileValuesAreRefusedAndNothingChanges() {
        Member m = fixtures.member("Bad4");
        String update = "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { email } }";
        refused(m, update, Map.of("in", Map.of("email", "not-an-email", "phone", "+46 70 000 00 00")), "VALIDATION", "'email'");
        refused(m, update, Map.of("in", Map.of("phone", "call me maybe")), "VALIDATION", "'phone'");
        refused(m, update, Map.of("in", Map.of("address", Map.of("city", "Atlantis", "country", "XX"))), "VALIDATION", "country");
        Member stored = fixtures.reload(m.id);
        assertEquals("bad4@mail.example", stored.email);
        assertEquals("SE", stored.country);
        assertNotNull(stored.phone);
    }

    @Test
    void theCardCanNeverBePublic() {
        Member m = fixtures.member("Bad5");
        refused(m, "mutation { setPublicCategories(categories: [NAME, PAYMENT_CARD]) { publicCategories } }", Map.of(), "VALIDATION", "payment card");
        assertEquals("", fixtures.reload(m.id).publicCategories);
    }

    @Test
    void aWrongEraseConfirmationErasesNothing() {
        Member m = fixtures.member("Bad6");
        refused(m, "mutation { eraseMyAccount(confirm: \"yes\") }", Map.of(), "VALIDATION", "ERASE MY DATA");
        assertNull(fixtures.reload(m.id).erasedAt);
        assertEquals("bad6@mail.example", fixtures.reload(m.id).email);
    }

    @Test
    void partnerAndAdminTokensAreForbiddenHereAndMemberTokensOnPartnerOperations() {
        Partner p = partner();
        for (String token : List.of(Tokens.partner(p.clientId), Tokens.admin("ada"))) {
            GraphQL.post(token, "{ me { id } }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
            GraphQL.post(token, "mutation { setMarketingOptOut(optOut: true) { id } }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        }
        GraphQL.post(null, "{ myConsents { status } }").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        GraphQL.post(Tokens.member("m-" + p.id), "{ consentChanges { edges { cursor } } }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void partnersListsActivePartnersWithTheirPolicyLinks() {
        Partner active = partner();
        Partner suspended = partner();
        fixtures.suspend(suspended.id);
        Member m = fixtures.member("Lst");
        var ids = GraphQL.post(Tokens.member(m.subject), "{ partners { id policyUrl requests { category purpose level justification } } }")
                .body("data.partners.find { it.id == '" + active.id + "' }.policyUrl", equalTo(active.policyUrl))
                .extract().<List<String>>path("data.partners.id");
        assertTrue(ids.contains(active.id));
        assertTrue(!ids.contains(suspended.id));
    }
}
