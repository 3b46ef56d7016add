package org.privacygateway.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * Partners pay per member read, not per HTTP request; anonymous callers (per address), members and admins each have
 * a limit of their own.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limits.anonymous-per-minute", "6",
                    "gateway.rate-limits.member-per-minute", "4",
                    "gateway.rate-limits.admin-per-minute", "5");
        }
    }

    @Inject
    Fixtures fixtures;

    static String aliases(int count, int first) {
        StringBuilder q = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            q.append(" a").append(i).append(": members(purpose: ORDER_FULFILLMENT, first: ").append(first)
                    .append(") { edges { node { id } } }");
        }
        return q.append(" }").toString();
    }

    Partner partnerWithMembers(int perMinute, int members) {
        Partner p = fixtures.partner(Fixtures.unique("rl"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.setRateLimit(p.id, perMinute);
        for (int i = 0; i < members; i++) {
            fixtures.grant(fixtures.member("Rl" + i), p, EMAIL, ORDER_FULFILLMENT, FULL);
        }
        return p;
    }

    /** How many of the request's fields were refused for the rate limit. */
    static int refused(io.restassured.response.ExtractableResponse<?> response) {
        java.util.List<String> codes = response.path("errors.extensions.code");
        return codes == null ? 0 : (int) codes.stream().filter("RATE_LIMITED"::equals).count();
    }

    @Test
    void fifteenAliasesOfAHundredMembersCostFifteenHundredUnits() {
        Partner p = partnerWithMembers(1500, 3);
        String token = Tokens.partner(p.clientId);
        GraphQL.post(token, aliases(15, 100)).statusCode(200).body("errors", nullValue());
        // The budget is spent: the same request again gets at most what refilled meanwhile (25 units a second).
        var again = GraphQL.post(token, aliases(15, 100)).statusCode(429).header("Retry-After", notNullValue()).extract();
        org.junit.jupiter.api.Assertions.assertTrue(refused(again) >= 10, again.asString());
    }

    @Test
    void aBudgetSmallerThanTheAliasesServesOnlyWhatItCovers() {
        Partner p = partnerWithMembers(1000, 2);
        var response = GraphQL.post(Tokens.partner(p.clientId), aliases(15, 100)).statusCode(429).extract();
        // Ten pages of a hundred fit in 1000 units (and what refills while they run): the rest are refused.
        int refused = refused(response);
        org.junit.jupiter.api.Assertions.assertTrue(refused >= 4 && refused <= 5, response.asString());
    }

    @Test
    @Order(1)
    void anonymousCallersHaveALimitPerAddress() {
        String q = "{ privacyPolicy { current { version } } }";
        for (int i = 0; i < 6; i++) {
            GraphQL.post(null, q).statusCode(200).body("errors", nullValue());
        }
        GraphQL.post(null, q).statusCode(429).header("Retry-After", notNullValue())
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"));
        // Aliases do not get around it: each field is charged.
        GraphQL.post(null, "{ a: privacyPolicy { current { version } } b: privacyPolicy { current { version } } }")
                .statusCode(429).body("errors.extensions.code", everyItem(equalTo("RATE_LIMITED")));
    }

    /**
     * The tests connect from 127.0.0.1, which is a trusted proxy (GATEWAY_TRUSTED_PROXIES' default): its
     * X-Forwarded-Proto and -Host are believed, but X-Forwarded-For is not another client, so a caller rotating it
     * spends one address's budget: twelve requests, each with another X-Forwarded-For, are served at most as far as
     * one budget of 6 and what refilled meanwhile (one unit per 10 s) go. (Runs after the test above, which may have
     * spent that budget already; with a budget per header value all twelve would be served.)
     */
    @Test
    @Order(2)
    void aForwardedForHeaderIsNoNewAddress() {
        String q = "{ privacyPolicy { current { version } } }";
        long start = System.nanoTime();
        int served = 0;
        for (int i = 1; i <= 12; i++) {
            String forwarded = i % 2 == 0 ? "203.0.113." + i : "2001:db8:" + i + "::1";
            served += anonymousWithForwardedFor(q, forwarded) == 200 ? 1 : 0;
        }
        long refilled = (System.nanoTime() - start) / 10_000_000_000L + 1;
        org.junit.jupiter.api.Assertions.assertTrue(served <= 6 + refilled,
                served + " of 12 served: each X-Forwarded-For value got an anonymous budget of its own");
    }

    /** An address is a key of at most 24 characters; an IPv6 caller is one caller per /64; text is no address. */
    @Test
    void anAnonymousKeyIsAnIpv4AddressOrAnIpv6Slash64() {
        org.junit.jupiter.api.Assertions.assertEquals("203.0.113.5", RateLimits.addressKey("203.0.113.5"));
        org.junit.jupiter.api.Assertions.assertEquals("203.0.113.5", RateLimits.addressKey("::ffff:203.0.113.5"));
        org.junit.jupiter.api.Assertions.assertEquals("2001:db8:1:2::/64", RateLimits.addressKey("2001:db8:1:2::1"));
        org.junit.jupiter.api.Assertions.assertEquals("2001:db8:1:2::/64",
                RateLimits.addressKey("2001:0db8:0001:0002:ffff:1:2:3"));
        org.junit.jupiter.api.Assertions.assertEquals("ffff:ffff:ffff:ffff::/64",
                RateLimits.addressKey("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        org.junit.jupiter.api.Assertions.assertEquals("0:0:0:0::/64", RateLimits.addressKey("::1"));
        org.junit.jupiter.api.Assertions.assertNotEquals(RateLimits.addressKey("2001:db8:1:2::1"),
                RateLimits.addressKey("2001:db8:1:3::1"));
        for (String notAnAddress : java.util.Arrays.asList(null, "", "unknown", "x".repeat(8000), "1.2.3.4:80",
                "203.0.113.5, 10.0.0.1", "::1%eth0x")) {
            String key = RateLimits.addressKey(notAnAddress);
            org.junit.jupiter.api.Assertions.assertTrue(key == null || key.length() <= 24, key);
        }
    }

    static int anonymousWithForwardedFor(String query, String forwardedFor) {
        return io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .header("X-Forwarded-For", forwardedFor).body(Map.of("query", query))
                .when().post("/graphql").statusCode();
    }

    @Test
    void membersAndAdminsHaveLimitsOfTheirOwn() {
        Member m = fixtures.member("Lim");
        String member = Tokens.member(m.subject);
        GraphQL.post(member, "{ a: me { id } b: me { id } c: me { id } d: me { id } }").statusCode(200)
                .body("errors", nullValue());
        GraphQL.post(member, "{ me { id } }").statusCode(429).body("errors[0].extensions.code", equalTo("RATE_LIMITED"));
        // Another member is not affected.
        GraphQL.post(Tokens.member(fixtures.member("Lim2").subject), "{ me { id } }").statusCode(200).body("errors", nullValue());

        String admin = Tokens.admin("rate-admin");
        for (int i = 0; i < 5; i++) {
            GraphQL.post(admin, "{ adminPartners { id } }").statusCode(200).body("errors", nullValue());
        }
        GraphQL.post(admin, "{ adminPartners { id } }").statusCode(429).body("errors[0].extensions.code", equalTo("RATE_LIMITED"));
        GraphQL.post(Tokens.admin("other-admin"), "{ adminPartners { id } }").statusCode(200).body("errors", nullValue());
    }
}
