package org.privacygateway.security;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One token bucket per partner, sized by the partner's {@code rateLimitPerMinute}: a burst of that many requests,
 * refilled evenly over a minute. Buckets live in this replica's memory, so with N replicas a partner gets up to N
 * times its limit in total (documented).
 */
@ApplicationScoped
public class RateLimiter {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @return 0 when the request may go, else the seconds to wait before the next one will */
    public long acquire(String partnerId, int perMinute) {
        Bucket bucket = buckets.compute(partnerId, (id, b) -> b == null || b.capacity != perMinute ? new Bucket(perMinute) : b);
        return bucket.take(System.nanoTime());
    }

    static final class Bucket {
        final int capacity;
        final double perNano;
        double tokens;
        long last;

        Bucket(int perMinute) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.last = System.nanoTime();
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }
}
