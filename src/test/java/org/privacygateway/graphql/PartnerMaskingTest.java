package org.privacygateway.graphql;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.COMPANY;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DataCategory.PAYMENT_CARD;
import static org.privacygateway.masking.DataCategory.PHONE;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;
import static org.privacygateway.masking.Purpose.MARKETING;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.masking.Purpose.PAYMENT_PROCESSING;
import static org.privacygateway.support.Fixtures.request;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.TestClock;
import org.privacygateway.support.Tokens;

/** Every masking rule, driven end to end through /graphql with signed partner tokens. */
@QuarkusTest
class PartnerMaskingTest {

    private static final String MEMBER = "query($id: ID!, $purpose: Purpose!) { member(id: $id, purpose: $purpose) { "
            + GraphQL.ALL_FIELDS + " } }";

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Partner travelPartner() {
        return fixtures.partner(Fixtures.unique("travel"),
                request(NAME, ORDER_FULFILLMENT, FULL),
                request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(ADDRESS, ORDER_FULFILLMENT, PARTIAL),
                request(COMPANY, ORDER_FULFILLMENT, FULL),
                request(EMAIL, MARKETING, FULL));
    }

    private io.restassured.response.ValidatableResponse readMember(Partner partner, Member member, Purpose purpose) {
        return GraphQL.post(Tokens.partner(partner.clientId), MEMBER,
                Map.of("id", fixtures.pairwise(partner, member), "purpose", purpose.name()))
                .statusCode(200);
    }

    @Test
    void consentedFieldsAreServedAndTheRestMaskedWithReasons() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Ada");
        fixtures.grant(member, partner, NAME, ORDER_FULFILLMENT, FULL);
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);

        readMember(partner, member, ORDER_FULFILLMENT)
                .header("Link", "<" + partner.policyUrl + ">; rel=\"privacy-policy\"")
                .body("errors", nullValue())
                .body("data.member.id", equalTo(fixtures.pairwise(partner, member)))
                .body("data.member.name.given", equalTo("GivenAda"))
                .body("data.member.name.family", equalTo("FamilyAda"))
                .body("data.member.email", equalTo("ada@mail.example"))
                .body("data.member.phone", nullValue())
                .body("data.member.address", nullValue())
                .body("data.member.company", nullValue())
                .body("data.member.card", nullValue())
                .body("data.member.access.find { it.category == 'NAME' }.reason", equalTo("CONSENTED"))
                .body("data.member.access.find { it.category == 'PHONE' }.reason", equalTo("NOT_REQUESTED"))
                .body("data.member.access.find { it.category == 'ADDRESS' }.reason", equalTo("CONSENT_REQUIRED"))
                .body("data.member.access.find { it.category == 'PAYMENT_CARD' }.level", equalTo("NONE"))
                .body("extensions.privacy.partnerPolicyUrl", equalTo(partner.policyUrl))
                .body("extensions.privacy.gatewayPolicyVersion", equalTo(1))
                .body("extensions.privacy.gatewayPolicyUrl", equalTo("https://privacy-gateway.example/policy/v1"))
                .body("extensions.privacy.masked.path", containsInAnyOrder(
                        List.of("member", "phone"), List.of("member", "address"), List.of("member", "company"),
                        List.of("member", "card")))
                .body("extensions.privacy.masked.find { it.category == 'ADDRESS' }.reason", equalTo("CONSENT_REQUIRED"))
                .body("extensions.privacy.masked.find { it.category == 'PHONE' }.reason", equalTo("NOT_REQUESTED"));
    }

    @Test
    void levelIsTheLowerOfConsentedAndDeclaredWithPartialRenderings() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Bea");
        fixtures.grant(member, partner, NAME, ORDER_FULFILLMENT, PARTIAL);
        fixtures.grant(member, partner, ADDRESS, ORDER_FULFILLMENT, FULL); // declared PARTIAL only
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, PARTIAL);
        fixtures.grant(member, partner, COMPANY, ORDER_FULFILLMENT, PARTIAL);

        readMember(partner, member, ORDER_FULFILLMENT)
                .body("data.member.name.given", equalTo("GivenBea"))
                .body("data.member.name.family", equalTo("F."))
                .body("data.member.email", equalTo("b***@mail.example"))
                .body("data.member.address.street", nullValue())
                .body("data.member.address.postalCode", nullValue())
                .body("data.member.address.city", equalTo("CityBea"))
                .body("data.member.address.region", equalTo("RegionBea"))
                .body("data.member.address.country", equalTo("SE"))
                .body("data.member.company.name", equalTo("Company Bea"))
                .body("data.member.company.address", nullValue())
                .body("data.member.access.find { it.category == 'ADDRESS' }.level", equalTo("PARTIAL"))
                .body("data.member.access.find { it.category == 'ADDRESS' }.reason", equalTo("CONSENTED"));
    }

    @Test
    void partialPhoneShowsOnlyTheLastFourDigits() {
        Partner partner = fixtures.partner(Fixtures.unique("support"),
                request(PHONE, Purpose.CUSTOMER_SUPPORT, PARTIAL));
        Member member = fixtures.member("Cid");
        fixtures.update(member.id, m -> m.phone = "+44 20 7946 0958");
        fixtures.grant(member, partner, PHONE, Purpose.CUSTOMER_SUPPORT, FULL);

        readMember(partner, member, Purpose.CUSTOMER_SUPPORT)
                .body("data.member.phone", equalTo("***0958"))
                .body("data.member.access.find { it.category == 'PHONE' }.level", equalTo("PARTIAL"));
    }

    /** A response with its per-request id removed, for comparing two responses' shapes and values. */
    private static String withoutRequestId(io.restassured.response.ValidatableResponse response) {
        return response.extract().asString().replaceAll("\"requestId\"\\s*:\\s*\"[^\"]*\"", "\"requestId\":\"-\"");
    }

    @Test
    void aMinorIsIndistinguishableFromAnUnknownIdAndABirthdayChangesIt() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Kid");
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        fixtures.update(member.id, m -> m.birthDate = today.minusYears(13).plusDays(1));
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL); // given before the birth date was known
        fixtures.update(member.id, m -> m.setPublicCategorySet(EnumSet.of(NAME)));

        String minor = withoutRequestId(readMember(partner, member, ORDER_FULFILLMENT)
                .body("errors", nullValue())
                .body("data.member", nullValue()));
        String unknown = withoutRequestId(GraphQL.post(Tokens.partner(partner.clientId), MEMBER,
                Map.of("id", "pw_AAAAAAAAAAAAAAAAAAAAAA", "purpose", ORDER_FULFILLMENT.name())).statusCode(200));
        assertEquals(unknown, minor, "a minor must read exactly like an unknown id");
        org.hamcrest.MatcherAssert.assertThat(minor, not(org.hamcrest.Matchers.containsString("MINOR")));

        // Absent from pages too, and the page is still full: a page of one is the adult, with no gap.
        Member adult = fixtures.member("Grown");
        fixtures.grant(adult, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        GraphQL.post(Tokens.partner(partner.clientId),
                "{ members(purpose: ORDER_FULFILLMENT, first: 1) { edges { node { id } } pageInfo { hasNextPage } } }")
                .body("errors", nullValue())
                .body("data.members.edges.node.id", contains(fixtures.pairwise(partner, adult)))
                .body("data.members.pageInfo.hasNextPage", equalTo(false));

        // The access log keeps the real reason, for the member and the admins.
        AccessEvent logged = fixtures.accessEvents(partner.id).stream()
                .filter(e -> member.id.equals(e.memberId)).findFirst().orElseThrow();
        assertEquals("", logged.served);
        org.hamcrest.MatcherAssert.assertThat(logged.masked, org.hamcrest.Matchers.containsString("EMAIL:MINOR"));

        clock.advance(Duration.ofDays(2));
        readMember(partner, member, ORDER_FULFILLMENT)
                .body("data.member.email", equalTo("kid@mail.example"))
                .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("CONSENTED"));
    }

    @Test
    void marketingOptOutMasksEvenAConsentedField() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Opt");
        fixtures.grant(member, partner, EMAIL, MARKETING, FULL);
        readMember(partner, member, MARKETING).body("data.member.email", equalTo("opt@mail.example"));

        fixtures.update(member.id, m -> m.marketingOptOut = true);
        readMember(partner, member, MARKETING)
                .body("data.member.email", nullValue())
                .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("OPTED_OUT"));
    }

    @Test
    void consentForOnePurposeServesNothingForAnother() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Pur");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        readMember(partner, member, MARKETING)
                .body("data.member.email", nullValue())
                .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("CONSENT_REQUIRED"));
    }

    @Test
    void aPublicCategoryIsServedAtTheDeclaredLevelWithoutConsent() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Pub");
        fixtures.update(member.id, m -> m.setPublicCategorySet(EnumSet.of(COMPANY, ADDRESS)));

        readMember(partner, member, ORDER_FULFILLMENT)
                .body("data.member.company.name", equalTo("Company Pub"))
                .body("data.member.company.address.city", equalTo("Worktown"))
                .body("data.member.address.street", nullValue())
                .body("data.member.address.city", equalTo("CityPub"))
                .body("data.member.access.find { it.category == 'COMPANY' }.reason", equalTo("PUBLIC"))
                .body("data.member.access.find { it.category == 'ADDRESS' }.level", equalTo("PARTIAL"));
    }

    @Test
    void aPublicCardIsNeverServed() {
        Partner processor = fixtures.partner(Fixtures.unique("pay"), request(PAYMENT_CARD, PAYMENT_PROCESSING, FULL));
        Member member = fixtures.member("Card");
        fixtures.update(member.id, m -> m.publicCategories = "PAYMENT_CARD");
        readMember(processor, member, PAYMENT_PROCESSING)
                .body("data.member.card", nullValue())
                .body("data.member.access.find { it.category == 'PAYMENT_CARD' }.reason", equalTo("CONSENT_REQUIRED"));
    }

    @Test
    void expiredConsentMasksWithConsentExpired() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Exp");
        fixtures.grantExpired(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        readMember(partner, member, ORDER_FULFILLMENT)
                .body("data.member.email", nullValue())
                .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("CONSENT_EXPIRED"))
                .body("extensions.privacy.masked.find { it.category == 'EMAIL' }.reason", equalTo("CONSENT_EXPIRED"));
    }

    @Test
    void aRevocationIsMaskedOnTheVeryNextRequest() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Rev");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        readMember(partner, member, ORDER_FULFILLMENT).body("data.member.email", equalTo("rev@mail.example"));

        fixtures.revoke(member, partner, EMAIL, ORDER_FULFILLMENT);
        readMember(partner, member, ORDER_FULFILLMENT)
                .body("data.member.email", nullValue())
                .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("CONSENT_REQUIRED"));
    }

    @Test
    void cardAtFullCarriesTheProcessorTokenOnlyForPaymentProcessing() {
        Partner processor = fixtures.partner(Fixtures.unique("pay"), request(PAYMENT_CARD, PAYMENT_PROCESSING, FULL));
        Member member = fixtures.member("Pay");
        fixtures.grant(member, processor, PAYMENT_CARD, PAYMENT_PROCESSING, FULL);
        readMember(processor, member, PAYMENT_PROCESSING)
                .body("data.member.card.processorToken", equalTo("tok_Pay"))
                .body("data.member.card.brand", equalTo("VISA"))
                .body("data.member.card.last4", equalTo("4242"))
                .body("data.member.card.expiryYear", equalTo(2030));
    }

    @Test
    void aNewerPolicyThatForbidsAUseMasksAtOnceAndOldDataKeepsOldRules() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Pol");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(member, partner, NAME, ORDER_FULFILLMENT, FULL);
        Map<DataCategory, Set<Purpose>> v2 = fixtures.matrixOf(1);
        v2.get(EMAIL).remove(ORDER_FULFILLMENT);
        Instant effective = Instant.now().plus(Duration.ofDays(40));
        fixtures.publishPolicy(2, effective, v2);
        try {
            readMember(partner, member, ORDER_FULFILLMENT).body("data.member.email", equalTo("pol@mail.example"));

            clock.advance(Duration.ofDays(41));
            readMember(partner, member, ORDER_FULFILLMENT)
                    .body("data.member.email", nullValue())
                    .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("POLICY_VERSION"))
                    .body("data.member.name.given", equalTo("GivenPol"))
                    .body("extensions.privacy.gatewayPolicyVersion", equalTo(2));
        } finally {
            fixtures.deletePolicy(2);
        }
    }

    @Test
    void dataCollectedUnderAnOlderStricterVersionIsNotWidenedByANewerOne() {
        Partner partner = fixtures.partner(Fixtures.unique("acct"), request(COMPANY, Purpose.ACCOUNT_LINKING, FULL),
                request(ADDRESS, Purpose.ACCOUNT_LINKING, FULL));
        Member member = fixtures.member("Old");
        fixtures.grant(member, partner, ADDRESS, Purpose.ACCOUNT_LINKING, FULL);
        Map<DataCategory, Set<Purpose>> v2 = fixtures.matrixOf(1);
        v2.get(ADDRESS).add(Purpose.ACCOUNT_LINKING); // version 1 does not allow it
        fixtures.publishPolicy(2, Instant.now().minus(Duration.ofDays(1)), v2);
        try {
            readMember(partner, member, Purpose.ACCOUNT_LINKING)
                    .body("data.member.address", nullValue())
                    .body("data.member.access.find { it.category == 'ADDRESS' }.reason", equalTo("POLICY_VERSION"));

            fixtures.update(member.id, m -> m.stamp(ADDRESS, 2)); // the member confirms the address under v2
            readMember(partner, member, Purpose.ACCOUNT_LINKING)
                    .body("data.member.address.street", equalTo("1 Old Street"))
                    .body("data.member.access.find { it.category == 'ADDRESS' }.reason", equalTo("CONSENTED"));
        } finally {
            fixtures.deletePolicy(2);
        }
    }

    @Test
    void anErasedMemberIsNotFound() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Gone");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.update(member.id, m -> m.erasedAt = Instant.now());
        readMember(partner, member, ORDER_FULFILLMENT)
                .body("errors", nullValue())
                .body("data.member", nullValue());
        GraphQL.post(Tokens.partner(partner.clientId), "{ members(purpose: ORDER_FULFILLMENT) { edges { node { id } } } }")
                .body("data.members.edges", hasSize(0));
    }

    @Test
    void pairwiseIdsAreStablePerPartnerAndUnlinkableAcrossPartners() {
        Partner a = travelPartner();
        Partner b = travelPartner();
        Member member = fixtures.member("Two");
        fixtures.grant(member, a, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(member, b, EMAIL, ORDER_FULFILLMENT, FULL);
        String query = "{ members(purpose: ORDER_FULFILLMENT) { edges { node { id email } } } }";
        String idForA = GraphQL.post(Tokens.partner(a.clientId), query).extract().path("data.members.edges[0].node.id");
        String idForB = GraphQL.post(Tokens.partner(b.clientId), query).extract().path("data.members.edges[0].node.id");
        String againForA = GraphQL.post(Tokens.partner(a.clientId), query).extract().path("data.members.edges[0].node.id");

        assertEquals(idForA, againForA);
        assertNotEquals(idForA, idForB);
        // B holding A's id learns nothing.
        GraphQL.post(Tokens.partner(b.clientId), MEMBER, Map.of("id", idForA, "purpose", "ORDER_FULFILLMENT"))
                .body("errors", nullValue())
                .body("data.member", nullValue());
        // A well-formed id nobody was given is unknown, not an error.
        GraphQL.post(Tokens.partner(a.clientId), MEMBER, Map.of("id", "pw_AAAAAAAAAAAAAAAAAAAAAA", "purpose", "ORDER_FULFILLMENT"))
                .body("errors", nullValue())
                .body("data.member", nullValue());
    }

    @Test
    void membersPagesThroughConsentingMembersWithCursors() {
        Partner partner = travelPartner();
        Member stranger = fixtures.member("Stranger"); // no consent: never listed
        for (int i = 0; i < 5; i++) {
            Member m = fixtures.member("Page" + i);
            fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        }
        String query = "query($after: String) { members(purpose: ORDER_FULFILLMENT, first: 2, after: $after) {"
                + " edges { cursor node { id email } } pageInfo { hasNextPage endCursor } } }";
        java.util.List<String> seen = new java.util.ArrayList<>();
        String after = null;
        for (int page = 0; page < 3; page++) {
            java.util.Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", after);
            var response = GraphQL.post(Tokens.partner(partner.clientId), query, vars).body("errors", nullValue());
            List<String> ids = response.extract().path("data.members.edges.node.id");
            seen.addAll(ids);
            after = response.extract().path("data.members.pageInfo.endCursor");
            boolean hasNext = response.extract().path("data.members.pageInfo.hasNextPage");
            assertEquals(page < 2, hasNext, "hasNextPage on page " + page);
        }
        assertEquals(5, seen.size());
        assertEquals(5, new java.util.HashSet<>(seen).size());
        org.hamcrest.MatcherAssert.assertThat(seen, not(hasItem(fixtures.pairwise(partner, stranger))));
    }

    @Test
    void everyReadIsRecordedWithWhatWasServedAndMasked() {
        Partner partner = travelPartner();
        Member member = fixtures.member("Log");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        String requestId = GraphQL.post(Tokens.partner(partner.clientId),
                "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email phone address { city } } }",
                Map.of("id", fixtures.pairwise(partner, member)))
                .extract().path("extensions.privacy.requestId");

        List<AccessEvent> events = fixtures.accessEvents(partner.id);
        org.hamcrest.MatcherAssert.assertThat(events, hasSize(1));
        AccessEvent event = events.get(0);
        assertEquals(member.id, event.memberId);
        assertEquals(requestId, event.requestId);
        assertEquals(ORDER_FULFILLMENT, event.purpose);
        assertEquals("member", event.operation);
        assertEquals("EMAIL:FULL", event.served);
        assertEquals("PHONE:NOT_REQUESTED,ADDRESS:CONSENT_REQUIRED", event.masked);
        org.hamcrest.MatcherAssert.assertThat(event.served + event.masked, not(org.hamcrest.Matchers.containsString("@")));
    }

    @Test
    void maskedPathsFollowAliasesFragmentsAndListIndexes() {
        Partner partner = travelPartner();
        Member first = fixtures.member("Alias");
        fixtures.grant(first, partner, NAME, ORDER_FULFILLMENT, FULL);
        GraphQL.post(Tokens.partner(partner.clientId), """
                { page: members(purpose: ORDER_FULFILLMENT) { items: edges { who: node { id ...Contact } } } }
                fragment Contact on SharedMember { mail: email name { given } }
                """)
                .body("errors", nullValue())
                .body("data.page.items[0].who.mail", nullValue())
                .body("data.page.items[0].who.name.given", equalTo("GivenAlias"))
                .body("extensions.privacy.masked", hasSize(1))
                .body("extensions.privacy.masked[0].path", contains("page", "items", 0, "who", "mail"))
                .body("extensions.privacy.masked[0].category", equalTo("EMAIL"))
                .body("extensions.privacy.masked[0].reason", equalTo("CONSENT_REQUIRED"));
    }

    @Test
    void partnerReturnsTheCallerWithItsPolicyAndRequests() {
        Partner partner = travelPartner();
        GraphQL.post(Tokens.partner(partner.clientId), "{ partner { id displayName policyUrl hosts requests { category purpose level justification } } }")
                .header("Link", "<" + partner.policyUrl + ">; rel=\"privacy-policy\"")
                .body("data.partner.id", equalTo(partner.id))
                .body("data.partner.policyUrl", equalTo(partner.policyUrl))
                .body("data.partner.hosts", contains(partner.id + ".marketplace.example"))
                .body("data.partner.requests", hasSize(5))
                .body("extensions.privacy.partnerPolicyUrl", equalTo(partner.policyUrl))
                .body("extensions.privacy.gatewayPolicyVersion", notNullValue());
    }
}
