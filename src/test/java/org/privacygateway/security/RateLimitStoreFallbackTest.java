package org.privacygateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.LogCapture;
import org.privacygateway.support.Management;
import org.privacygateway.support.SlowRedisResource;
import org.privacygateway.support.Tokens;

/**
 * The shared store down or slow ({@link SlowRedisResource}: Redis behind a proxy that cuts or delays it): the gateway
 * keeps serving, a partner's limit still holds on this replica's buckets, and it is never widened: a bucket Redis had
 * emptied stays empty, a partner this replica never heard Redis on gets a share of its limit, not a full one. The
 * switch is logged once as a warning and shown by the gauge. With two replicas, the cluster suite shows the limit
 * holding across them.
 */
@QuarkusTest
@TestProfile(RateLimitStoreFallbackTest.FaultyRedis.class)
class RateLimitStoreFallbackTest {

    public static class FaultyRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The store timeout well above a loaded test machine's stalls, well below the slow Redis's 1 s.
            return Map.of("gateway.rate-limits.store-retry", "PT30S", "gateway.rate-limits.store-timeout", "300ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SlowRedisResource.class));
        }
    }

    static final String ONE = "{ members(purpose: ORDER_FULFILLMENT, first: 1) { edges { node { email } } } }";

    @Inject
    Fixtures fixtures;

    @Inject
    RateLimiter limiter;

    SlowRedisResource redis() {
        return SlowRedisResource.redis();
    }

    @BeforeEach
    @AfterEach
    void redisAnswers() {
        redis().down(false);
        redis().delay(0);
        for (int i = 0; i < 5 && redis().real() && limiter.degraded(); i++) {
            limiter.retryNow();
            limiter.acquire("probe:" + Fixtures.unique("p"), 10);
        }
    }

    /** A partner allowed one member read per unit, reading one member a request. */
    private String partner(String name, int perMinute) {
        Partner p = fixtures.partner(Fixtures.unique(name), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.grant(fixtures.member(name), p, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.setRateLimit(p.id, perMinute);
        return Tokens.partner(p.clientId);
    }

    private static int served(String token, int requests) {
        int ok = 0;
        for (int i = 0; i < requests; i++) {
            int status = GraphQL.post(token, ONE).extract().statusCode();
            assertTrue(status == 200 || status == 429, "served or refused, nothing else: " + status);
            ok += status == 200 ? 1 : 0;
        }
        return ok;
    }

    @Test
    void withRedisDownTheGatewayServesAndStillLimitsOnItsOwnBuckets() {
        redis().down(true);
        // Never heard Redis on: the replica's bucket starts at a share of the limit (12 / fallback-replicas 4).
        String token = partner("Fallback", 12);

        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                GraphQL.post(token, ONE).statusCode(200);
            }
            GraphQL.post(token, ONE).statusCode(429);
            assertTrue(limiter.degraded());
            long warnings = log.atLeast(Level.WARNING).stream()
                    .filter(e -> e.text().contains("Redis cannot be asked")).count();
            assertEquals(1, warnings, "the switch to per-replica buckets is logged once: " + log.entries());
        }
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_rate_limit_store_degraded") && l.endsWith(" 1.0")),
                metrics.lines().filter(l -> l.contains("degraded")).toList().toString());
    }

    @Test
    void aSlowRedisNeverHandsAPartnerWhoseBucketItEmptiedAFreshOne() {
        assumeTrue(redis().real(), "needs Debian's redis-server (apt-get install redis-server)");
        // 3 a minute: one unit back every 20 s, so the bucket Redis emptied stays empty through the test.
        String token = partner("Emptied", 3);
        assertEquals(3, served(token, 4), "Redis's bucket: 3 served, the 4th refused");

        redis().delay(1_000);
        int served = served(token, 3);
        assertTrue(limiter.degraded(), "a Redis slower than the store timeout counts as down");
        assertTrue(served < 3, "the replica's bucket starts from what Redis said (empty), not full: served " + served);
    }

    @Test
    void aSlowRedisGivesAPartnerItNeverAnsweredForAShareNotAFullBucket() {
        assumeTrue(redis().real(), "needs Debian's redis-server (apt-get install redis-server)");
        redis().delay(1_000);
        String token = partner("Unheard", 8);
        int served = served(token, 8);
        assertTrue(served <= 4, "8 a minute shared by up to 4 replicas: this one starts with 2, not 8; served " + served);
        assertTrue(limiter.degraded());
    }

    @Test
    void aChargeIsOneRoundTripToRedis() {
        assumeTrue(redis().real(), "needs Debian's redis-server (apt-get install redis-server)");
        String token = partner("Trips", 100);
        int before = redis().commands().size();
        GraphQL.post(token, ONE).statusCode(200);
        List<String> sent = redis().commands().subList(before, redis().commands().size());
        assertEquals(List.of("EVALSHA"), sent.stream().filter(c -> c.startsWith("EVAL") || c.equals("SCRIPT")).toList(),
                "one script call for a served read, no SCRIPT LOAD: " + sent);
    }
}
