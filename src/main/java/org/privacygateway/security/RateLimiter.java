package org.privacygateway.security;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Token buckets by key ({@code partner:<id>}, {@code member:<id>}, {@code admin:<name>}, {@code anonymous:<address>}):
 * a burst of {@code perMinute} units, refilled evenly over a minute. What a unit is, is the caller's choice: the
 * gateway charges one per member a request asks for, and one per other field (see {@link RateLimits}).
 *
 * <p>Buckets live in this replica's memory, so with N replicas a caller gets up to N times its limit in total
 * (documented). This class is the one place that holds them: a shared store can replace it without touching callers.
 */
@ApplicationScoped
public class RateLimiter {

    /** Idle buckets are dropped once there are this many, so per-address buckets cannot grow without bound. */
    static final int MAX_BUCKETS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @return 0 when one unit may be spent, else the seconds to wait before it may */
    public long acquire(String key, int perMinute) {
        return acquire(key, perMinute, 1);
    }

    /**
     * Spends {@code units} of the key's bucket. A charge larger than a full bucket needs a full bucket and empties
     * it: no request is refused forever, and none gets more than the limit at once.
     *
     * @return 0 when the units were spent, else the seconds to wait before they may be
     */
    public long acquire(String key, int perMinute, int units) {
        if (units <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(b -> b.idleSince(now) > 60e9);
        }
        Bucket bucket = buckets.compute(key, (id, b) -> b == null || b.capacity != perMinute ? new Bucket(perMinute) : b);
        return bucket.take(now, Math.min(units, perMinute));
    }

    /** Returns units to a key's bucket (never above a full bucket). */
    public void refund(String key, int perMinute, int units) {
        Bucket bucket = buckets.get(key);
        if (bucket != null && bucket.capacity == perMinute && units > 0) {
            bucket.give(units);
        }
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

        synchronized long idleSince(long now) {
            return now - last;
        }

        synchronized void give(int units) {
            tokens = Math.min(capacity, tokens + units);
        }

        synchronized long take(long now, int units) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= units) {
                tokens -= units;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((units - tokens) / perNano / 1e9));
        }
    }
}
