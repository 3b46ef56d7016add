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
import io.quarkus.runtime.Startup;

import org.privacygateway.config.GatewayConfig;

/**
 * Token buckets by key ({@code partner:<id>}, {@code member:<id>}, {@code admin:<name>}, {@code anonymous:<address>}):
 * a burst of {@code perMinute} units, refilled evenly over a minute. What a unit is, is the caller's choice: the
 * gateway charges one per member a request asks for, and one per other field (see {@link RateLimits}).
 *
 * <p>Where buckets live is {@code gateway.rate-limits.store}: in this replica's memory ({@code local}, the embedded
 * default: with N replicas a caller gets up to N times its limit in total), or in Redis ({@code redis}, the prod
 * default), shared by every replica so a limit holds for the whole deployment ({@link RedisBuckets}). When Redis
 * cannot be asked (down, unreachable, or slower than {@code gateway.rate-limits.store-timeout}) the charge falls back
 * to this replica's own buckets at once: the gateway keeps serving with per-replica limits, logs the switch once, sets
 * the gauge {@code gateway_rate_limit_store_degraded} to 1, and lets one request try Redis again every
 * {@code gateway.rate-limits.store-retry}. Nothing fails open, and nothing widens: a caller is always charged
 * somewhere, and a fallback bucket starts from what Redis last said about that key (each answer is remembered in the
 * same map), or, for a key this replica never heard Redis on, from a share of the limit
 * ({@code perMinute / gateway.rate-limits.fallback-replicas}), never from a full bucket.
 */
@ApplicationScoped
@Startup // so the gauge is there from the start, and Redis is connected to before the first charge
public class RateLimiter {

    /**
     * At most this many buckets (with Redis: remembered answers) are kept, about 200 bytes each (the key, at most
     * ~70 characters for every kind but an admin's name, the map's node and the bucket): about 20 MB. Past it the idle
     * ones are dropped (a bucket idle a minute is full, the same as a new one), then, if callers keep more than that
     * many keys busy within one minute, arbitrary ones down to 90 %, so the scan is paid once per 10,000 new keys.
     */
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
            shared = new RedisBuckets(redisSource.get(), config.rateLimits().storeTimeout());
            shared.warmUp();
        }
        metrics.gauge("gateway.rate.limit.store.degraded", retryAt, r -> r.get() == 0 ? 0 : 1);
    }

    /** True while this replica counts on its own buckets because Redis could not be asked. */
    public boolean degraded() {
        return retryAt.get() != 0;
    }

    /** Lets the next charge try Redis at once (tests, rather than waiting for {@code store-retry}). */
    void retryNow() {
        long at = retryAt.get();
        if (at != 0) {
            retryAt.compareAndSet(at, System.nanoTime() - 1);
        }
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
                RedisBuckets.Answer answer = shared.take(key, perMinute, Math.min(units, perMinute));
                remember(key, perMinute, answer);
                recovered();
                return answer.waitSeconds();
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        return local(key, perMinute, units);
    }

    private long local(String key, int perMinute, int units) {
        long now = System.nanoTime();
        return bucket(key, perMinute, now).take(now, Math.min(units, perMinute));
    }

    /**
     * The key's bucket in this replica: the one it has at this capacity, else a new one, full when buckets live here,
     * or a share of the limit when this is the fallback for Redis and Redis never answered for the key.
     */
    private Bucket bucket(String key, int perMinute, long now) {
        Bucket existing = buckets.get(key);
        if (existing != null && existing.capacity == perMinute) {
            return existing;
        }
        bound(now);
        double start = shared == null ? perMinute : perMinute / (double) Math.max(1, config.rateLimits().fallbackReplicas());
        return buckets.compute(key, (id, b) -> b == null || b.capacity != perMinute ? new Bucket(perMinute, start, now) : b);
    }

    /** Keeps what Redis said about the key, so a fallback bucket starts from it. */
    private void remember(String key, int perMinute, RedisBuckets.Answer answer) {
        long now = System.nanoTime();
        Bucket existing = buckets.get(key);
        if (existing != null && existing.capacity == perMinute) {
            existing.set(answer.tokens(), now);
            return;
        }
        bound(now);
        buckets.compute(key, (id, b) -> {
            if (b == null || b.capacity != perMinute) {
                return new Bucket(perMinute, answer.tokens(), now);
            }
            b.set(answer.tokens(), now);
            return b;
        });
    }

    /**
     * Before a new key is added: at {@link #MAX_BUCKETS}, drops the idle buckets, then arbitrary anonymous ones, and
     * only then others, to 90 %. Anyone can add anonymous keys (one per address); a dropped bucket starts full again,
     * so a flood of addresses must cost other anonymous callers their memory of a limit, never a partner's.
     */
    private void bound(long now) {
        if (buckets.size() < MAX_BUCKETS) {
            return;
        }
        buckets.values().removeIf(b -> b.idleSince(now) > 60e9);
        dropTo(MAX_BUCKETS * 9 / 10, true);
        dropTo(MAX_BUCKETS * 9 / 10, false);
    }

    private void dropTo(int size, boolean anonymousOnly) {
        var keys = buckets.keySet().iterator();
        while (buckets.size() > size && keys.hasNext()) {
            String key = keys.next();
            if (!anonymousOnly || key.startsWith(RateLimits.ANONYMOUS_PREFIX)) {
                keys.remove();
            }
        }
    }

    /** How many buckets this replica keeps (local ones, or Redis's answers remembered). */
    int kept() {
        return buckets.size();
    }

    /** Returns units to a key's bucket (never above a full bucket). */
    public void refund(String key, int perMinute, int units) {
        if (units <= 0) {
            return;
        }
        if (shared != null && mayAskRedis()) {
            try {
                remember(key, perMinute, shared.give(key, perMinute, units));
                recovered();
                return;
            } catch (RuntimeException e) {
                failed(e);
            }
        }
        Bucket bucket = buckets.get(key);
        if (bucket != null && bucket.capacity == perMinute) {
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

        Bucket(int perMinute, double tokens, long now) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = Math.min(perMinute, tokens);
            this.last = now;
        }

        synchronized long idleSince(long now) {
            return now - last;
        }

        synchronized void give(int units) {
            tokens = Math.min(capacity, tokens + units);
        }

        /** What Redis says the bucket holds now. */
        synchronized void set(long held, long now) {
            tokens = Math.min(capacity, held);
            last = now;
        }

        synchronized long take(long now, int units) {
            tokens = Math.min(capacity, tokens + Math.max(0, now - last) * perNano);
            last = Math.max(last, now);
            if (tokens >= units) {
                tokens -= units;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((units - tokens) / perNano / 1e9));
        }
    }
}
