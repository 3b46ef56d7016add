package org.privacygateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The buckets a replica keeps are bounded even when every key is busy: callers that keep more than
 * {@link RateLimiter#MAX_BUCKETS} keys in use within a minute (many client addresses) cannot grow the map past it,
 * and a key it dropped starts again from a new bucket, never from nothing (it is still charged).
 */
class RateLimiterBoundTest {

    @Test
    void busyKeysPastTheBoundDoNotGrowTheMap() {
        RateLimiter limiter = new RateLimiter(); // local buckets: no Redis, no configuration needed on this path
        int keys = RateLimiter.MAX_BUCKETS + RateLimiter.MAX_BUCKETS / 5;
        for (int i = 0; i < keys; i++) {
            assertEquals(0, limiter.acquire("anonymous:" + i, 2), "a new caller's first unit is served");
            assertTrue(limiter.kept() <= RateLimiter.MAX_BUCKETS, "kept " + limiter.kept() + " after " + (i + 1));
        }
        for (int i = 0; i < 3; i++) {
            limiter.acquire("anonymous:last", 2);
        }
        assertTrue(limiter.acquire("anonymous:last", 2) > 0, "a kept key is still limited");
    }

    @Test
    void aFloodOfAddressesCostsAnonymousBucketsNeverAPartnersLimit() {
        RateLimiter limiter = new RateLimiter();
        assertEquals(0, limiter.acquire("partner:skyway", 2), "the partner's first unit");
        assertEquals(0, limiter.acquire("partner:skyway", 2), "the partner's second unit");
        assertTrue(limiter.acquire("partner:skyway", 2) > 0, "the partner's bucket is empty");
        for (int i = 0; i < RateLimiter.MAX_BUCKETS * 2; i++) {
            limiter.acquire(RateLimits.ANONYMOUS_PREFIX + i, 2);
        }
        assertTrue(limiter.acquire("partner:skyway", 2) > 0,
                "200,000 anonymous addresses within a minute must not hand the partner a fresh full bucket");
    }
}
