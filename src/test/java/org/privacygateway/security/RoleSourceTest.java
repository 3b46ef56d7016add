package org.privacygateway.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.List;
import java.util.function.BiFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * Roles come from the realm roles claim ({@code realm_access.roles}) and from nowhere else: a token that carries
 * admin, partner or member only in {@code groups}, as a client role ({@code resource_access}) or in a custom claim is
 * refused every operation of that role.
 */
@QuarkusTest
class RoleSourceTest {

    @Inject
    Fixtures fixtures;

    /** The three ways of carrying a role that must grant nothing. */
    static final List<BiFunction<String, String, String>> WRONG_SOURCES = List.of(
            (azp, subject) -> Tokens.withRolesInGroups(azp, subject, "admin", "partner", "member"),
            (azp, subject) -> Tokens.withClientRoles(azp, subject, "admin", "partner", "member"),
            (azp, subject) -> Tokens.withRolesInCustomClaim(azp, subject, "admin", "partner", "member"));

    @Test
    void adminOperationsNeedTheRealmRole() {
        GraphQL.post(Tokens.admin("ada"), "{ adminPartners { id } }").body("errors", nullValue())
                .body("data.adminPartners", notNullValue());
        for (var token : WRONG_SOURCES) {
            GraphQL.post(token.apply("admin-console", "admin-mallory"), "{ adminPartners { id } }")
                    .body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
            GraphQL.post(token.apply("admin-console", "admin-mallory"),
                    "mutation { suspendPartner(id: \"skyway-travel\", reason: \"role test\") { status } }")
                    .body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        }
    }

    @Test
    void partnerOperationsNeedTheRealmRole() {
        Partner p = fixtures.partner(Fixtures.unique("roles"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        GraphQL.post(Tokens.partner(p.clientId), "{ partner { id } }").body("data.partner.id", equalTo(p.id));
        for (var token : WRONG_SOURCES) {
            GraphQL.post(token.apply(p.clientId, "service-account-" + p.clientId), "{ partner { id } }")
                    .body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
            GraphQL.post(token.apply(p.clientId, "service-account-" + p.clientId),
                    "{ members(purpose: ORDER_FULFILLMENT, first: 5) { edges { node { id } } } }")
                    .body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        }
    }

    @Test
    void memberOperationsNeedTheRealmRole() {
        String subject = "role-source-member-" + Fixtures.unique("m");
        GraphQL.post(Tokens.member(subject), "{ me { id } }").body("errors", nullValue()).body("data.me.id", notNullValue());
        for (var token : WRONG_SOURCES) {
            GraphQL.post(token.apply("consent-center", subject), "{ me { id } }")
                    .body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        }
    }
}
