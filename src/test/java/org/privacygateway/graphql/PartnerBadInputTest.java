package org.privacygateway.graphql;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.Map;

import jakarta.inject.Inject;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** Each bad input a partner can send: a VALIDATION error naming the argument, no internals, nothing logged. */
@QuarkusTest
class PartnerBadInputTest {

    @Inject
    Fixtures fixtures;

    private Partner partner;
    private Member member;
    private long eventsBefore;

    @BeforeEach
    void setUp() {
        partner = fixtures.partner(Fixtures.unique("bad"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        member = fixtures.member("Bad");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        eventsBefore = fixtures.accessEventCount();
    }

    private ValidatableResponse rejected(String query, Map<String, Object> variables, String mentioned) {
        return rejected(200, query, variables, mentioned);
    }

    /** A variable that does not fit its type is refused before anything executes: a bad request. */
    private ValidatableResponse rejected(int status, String query, Map<String, Object> variables, String mentioned) {
        ValidatableResponse response = GraphQL.post(Tokens.partner(partner.clientId), query, variables)
                .statusCode(status)
                .body("data.member", nullValue())
                .body("data.members", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", allOf(containsString(mentioned), noInternals()))
                .body("errors[0].extensions.keySet()", org.hamcrest.Matchers.contains("code"));
        assertEquals(eventsBefore, fixtures.accessEventCount(), "a rejected request wrote to the access log");
        return response;
    }

    static Matcher<String> noInternals() {
        return allOf(not(containsString("Exception")), not(containsString("java.")), not(containsString("org.")),
                not(containsString("io.smallrye")), not(containsString("\tat ")), not(containsString("graphql.")));
    }

    @Test
    void unknownEnumValueInTheQuery() {
        rejected("{ members(purpose: SELLING) { edges { node { id } } } }", Map.of(), "purpose");
    }

    @Test
    void unknownEnumValueInAVariable() {
        rejected(400, "query($p: Purpose!) { members(purpose: $p) { edges { node { id } } } }", Map.of("p", "SELLING"),
                "'p'").body("errors[0].message", containsString("SELLING"));
    }

    @Test
    void firstBelowOne() {
        rejected("{ members(purpose: ORDER_FULFILLMENT, first: 0) { edges { node { id } } } }", Map.of(), "'first'");
    }

    @Test
    void firstAboveOneHundred() {
        rejected("{ members(purpose: ORDER_FULFILLMENT, first: 101) { edges { node { id } } } }", Map.of(), "'first'");
    }

    @Test
    void malformedCursor() {
        rejected("{ members(purpose: ORDER_FULFILLMENT, after: \"page-2\") { edges { node { id } } } }", Map.of(),
                "'after'");
    }

    @Test
    void malformedPairwiseId() {
        rejected("{ member(id: \"12345\", purpose: ORDER_FULFILLMENT) { id } }", Map.of(), "'id'");
    }

    @Test
    void aFieldThatDoesNotExist() {
        rejected("{ members(purpose: ORDER_FULFILLMENT) { edges { node { id ssn } } } }", Map.of(), "ssn");
    }

    @Test
    void aPurposeThePartnerNeverDeclaredIsServedFullyMaskedNotAnError() {
        GraphQL.post(Tokens.partner(partner.clientId),
                "query($id: ID!) { member(id: $id, purpose: MARKETING) { email access { category reason } } }",
                Map.of("id", fixtures.pairwise(partner, member)))
                .body("errors", nullValue())
                .body("data.member.email", nullValue())
                .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("NOT_REQUESTED"));
    }
}
