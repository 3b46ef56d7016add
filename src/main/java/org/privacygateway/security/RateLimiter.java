package org.privacygateway.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;

import org.privacygateway.config.GatewayConfig;

/**
 * Token buckets by key ({@code partner:<id>}, {@code member:<id>}, {@code admin:<name>}, {@code anonymous:<address>}):
 * a burst of {@code perMinute} units, refilled evenly over a minute. What a unit is, is the caller's choice: the
 * gateway charges one per member a request asks for, and one per other field (see {@link RateLimits}).
 *
 * <p>Where buckets live is {@code gateway.rate-limits.store}: in this replica's memory ({@code local}, the embedded
 * default: with N replicas a caller gets up to N times its limit in total), or in Redis ({@code redis}, the prod
 * default), shared by every replica so a limit holds for the whole deployment ({@link RedisBuckets}). When Redis
 * cannot be asked (down, unreachable, slower than {@code quarkus.redis.timeout}) the charge falls back to this
 * replica's own buckets at once: the gateway keeps serving with per-replica limits, logs the switch once, sets the
 * gauge {@code gateway_rate_limit_store_degraded} to 1, and lets one request try Redis again every
 * {@code gateway.rate-limits.store-retry}. Nothing fails open: a caller is always charged somewhere.
 */
@ApplicationScoped
public class RateLimiter {

    /** Idle buckets are dropped once there are this many, so per-address buckets cannot grow without bound. */
    static final int MAX_BUCKETS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    GatewayConfig config;

    @Inject
    Instance<RedisDataSource> redisSource;

    @ConfigProperty(name = "quarkus.redis.hosts")
    java.util.Optional<java.util.List<java.net.URI>> redisHosts;

    @Inject
    MeterRegistry metrics;

    /** Redis buckets when the store is Redis, else null. */
    private RedisBuckets shared;
    /** While degraded: the System.nanoTime() after which one caller may try Redis again; 0 when not degraded. */
    private final AtomicLong retryAt = new AtomicLong();

    @PostConstruct
    void init() {
        if (config.rateLimits().store() == GatewayConfig.RateLimits.Store.REDIS) {
            if (redisHosts.isEmpty() || redisHosts.get().isEmpty()) {
                throw new IllegalStateException("gateway.rate-limits.store=redis needs quarkus.redis.hosts (set"
                        + " REDIS_URL, e.g. redis://:password@redis:6379), or set GATEWAY_RATE_LIMITS_STORE=local"
                        + " for a single replica");
            }
            shared = new RedisBuckets(redisSource.get());
        }
        metrics.gauge("gateway.rate.limit.store.degraded", retryAt, r -> r.get() == 0 ? 0 : 1);
    }

    /** True while this replica counts on its own buckets because Redis could not be asked. */
    public boolean degraded() {
        return retryAt.get() != 0;
    }

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
        if (shared != null && mayAskRedis()) {
            try {
                long wait = shared.take(key, perMinute, Math.min(units, perMinute));
                recovered();
                return wait;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        return local(key, perMinute, units);
    }

    private long local(String key, int perMinute, int units) {
        long now = System.nanoTime();
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(b -> b.idleSince(now) > 60e9);
        }
        Bucket bucket = buckets.compute(key, (id, b) -> b == null || b.capacity != perMinute ? new Bucket(perMinute) : b);
        return bucket.take(now, Math.min(units, perMinute));
    }

    /** Returns units to a key's bucket (never above a full bucket). */
    public void refund(String key, int perMinute, int units) {
        if (units <= 0) {
            return;
        }
        if (shared != null && mayAskRedis()) {
            try {
                shared.give(key, perMinute, units);
                recovered();
                return;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        Bucket bucket = buckets.get(key);
        if (bucket != null && bucket.capacity == perMinute && units > 0) {
            bucket.give(units);
        }
    }

    /** Not degraded, or degraded and this caller is the one whose turn it is to try Redis again. */
    private boolean mayAskRedis() {
        long at = retryAt.get();
        return at == 0 || (System.nanoTime() - at >= 0 && retryAt.compareAndSet(at, System.nanoTime()
                + config.rateLimits().storeRetry().toNanos()));
    }

    private void recovered() {
        if (retryAt.getAndSet(0) != 0) {
            Log.info("Rate limits: Redis answers again; limits hold across replicas again");
        }
    }

    private void failed(RuntimeException e) {
        long next = System.nanoTime() + config.rateLimits().storeRetry().toNanos();
        if (retryAt.getAndSet(next == 0 ? 1 : next) == 0) {
            // The kind only: a Redis error message can quote the key, which holds a client address.
            Log.warnf("Rate limits: Redis cannot be asked (%s); this replica counts on its own buckets (per-replica"
                    + " limits) and tries Redis again every %s", e.getClass().getSimpleName(),
                    config.rateLimits().storeRetry());
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
