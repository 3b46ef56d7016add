package org.privacygateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.LogCapture;
import org.privacygateway.support.Management;
import org.privacygateway.support.Tokens;

/**
 * The shared store configured but unreachable (a port nothing listens on): the gateway keeps serving, a partner's
 * limit still holds (on this replica's buckets), the switch is logged once as a warning, and the gauge says so. With
 * Redis itself, the cluster suite shows the limit holding across two replicas.
 */
@QuarkusTest
@TestProfile(RateLimitStoreFallbackTest.UnreachableRedis.class)
class RateLimitStoreFallbackTest {

    public static class UnreachableRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limits.store", "redis",
                    "quarkus.redis.hosts", "redis://localhost:" + closedPort(),
                    "gateway.rate-limits.store-retry", "PT30S");
        }
    }

    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    Fixtures fixtures;

    @Inject
    RateLimiter limiter;

    @Test
    void withRedisDownTheGatewayServesAndStillLimitsOnItsOwnBuckets() {
        Partner p = fixtures.partner(Fixtures.unique("fallback"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.grant(fixtures.member("Fallback"), p, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.setRateLimit(p.id, 3);
        String token = Tokens.partner(p.clientId);
        String one = "{ members(purpose: ORDER_FULFILLMENT, first: 1) { edges { node { email } } } }";

        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                GraphQL.post(token, one).statusCode(200);
            }
            GraphQL.post(token, one).statusCode(429);
            assertTrue(limiter.degraded());
            long warnings = log.atLeast(Level.WARNING).stream()
                    .filter(e -> e.text().contains("Redis cannot be asked")).count();
            assertEquals(1, warnings, "the switch to per-replica buckets is logged once: " + log.entries());
        }
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_rate_limit_store_degraded") && l.endsWith(" 1.0")),
                metrics.lines().filter(l -> l.contains("degraded")).toList().toString());
    }
}
