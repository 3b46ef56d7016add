package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * A child cannot lift the protection for children by erasing their account and signing in again: erasure keeps a
 * keyed marker of the login and the month the protection ends, and a new account of the same login inherits it.
 */
@QuarkusTest
class MinorProtectionAfterErasureTest {

    static final String ERASE = "mutation { eraseMyAccount(confirm: \"ERASE MY DATA\") }";
    static final String ME = "{ me { id birthDate minor } }";
    static final String UPDATE = "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { birthDate minor } }";
    static final String GRANT = "mutation($in: GrantConsentInput!) { grantConsent(input: $in) { action } }";

    @Inject
    Fixtures fixtures;

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static Map<String, Object> grant(Partner p) {
        return Map.of("in", Map.of("partnerId", p.id, "category", "EMAIL", "purpose", "ORDER_FULFILLMENT", "level", "FULL"));
    }

    Member memberBornOn(String label, LocalDate birthDate) {
        Member m = fixtures.member(label);
        fixtures.update(m.id, x -> x.birthDate = birthDate);
        return fixtures.reload(m.id);
    }

    @Test
    void aChildWhoErasesAndSignsInAgainIsStillAChildAndCannotGrantOrBecomeOlder() {
        Partner p = fixtures.partner(Fixtures.unique("kid"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member child = memberBornOn("Eraser", today().minusYears(10));
        String token = Tokens.member(child.subject);
        GraphQL.post(token, GRANT, grant(p)).body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));

        GraphQL.post(token, ERASE).body("errors", nullValue()).body("data.eraseMyAccount", equalTo(true));

        // Same login: a new, empty account, that still counts as a child. No birth date was given to it.
        GraphQL.post(token, ME)
                .body("errors", nullValue())
                .body("data.me.id", not(equalTo(child.id.toString())))
                .body("data.me.birthDate", nullValue())
                .body("data.me.minor", equalTo(true));
        Member fresh = fixtures.memberBySubject(child.subject);
        assertNotEquals(child.id, fresh.id);

        GraphQL.post(token, GRANT, grant(p))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        assertTrue(fixtures.consents(fresh.id).isEmpty());
        GraphQL.post(token, UPDATE, Map.of("in", Map.of("birthDate", "2000-01-01")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        GraphQL.post(token, ME).body("data.me.minor", equalTo(true)).body("data.me.birthDate", nullValue());
        GraphQL.post(token, GRANT, grant(p)).body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
        assertTrue(fixtures.consents(fresh.id).isEmpty());
    }
}
