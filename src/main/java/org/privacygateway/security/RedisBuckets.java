package org.privacygateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Token buckets in Redis, shared by every replica: the same bucket as {@link RateLimiter}'s own (a burst of
 * {@code perMinute} units, refilled evenly over a minute), kept as a hash per key and changed by one Lua script, so a
 * charge is atomic across replicas and times come from Redis's one clock, not from each replica's. A bucket idle for
 * two minutes is full again, so Redis lets it expire.
 *
 * <p>A charge is one round trip: the script is called by its SHA-1, computed here, and sent whole only when Redis
 * does not know it (after a restart or a flush). Each call waits at most {@code deadline}; past it the call fails as
 * if Redis were down, so a slow Redis costs a request that deadline once, not its own latency on every request.
 */
final class RedisBuckets {

    /** Key prefix, so the gateway's buckets are recognisable in a shared Redis. */
    static final String PREFIX = "privacy-gateway:rate:";

    /**
     * KEYS[1] the bucket; ARGV[1] its capacity (per minute); ARGV[2] units to spend (a negative number gives units
     * back). Returns {wait, tokens}: wait is 0 when spent (or given back), else the whole seconds to wait; tokens is
     * what the bucket holds afterwards, rounded down, which the replica remembers in case Redis cannot be asked next
     * time. A bucket whose capacity changed (the partner's limit was edited) starts full at the new capacity, as the
     * in-memory one does.
     */
    static final String SCRIPT = """
            local capacity = tonumber(ARGV[1])
            local units = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local perMicro = capacity / 60000000
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'capacity')
            local tokens = tonumber(b[1])
            local at = tonumber(b[2])
            if tokens == nil or at == nil or tonumber(b[3]) ~= capacity then
              tokens = capacity
              at = now
            end
            tokens = math.min(capacity, tokens + math.max(0, now - at) * perMicro)
            local wait = 0
            if units >= 0 then
              if tokens >= units then
                tokens = tokens - units
              else
                wait = math.max(1, math.ceil((units - tokens) / perMicro / 1000000))
              end
            else
              tokens = math.min(capacity, tokens - units)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'capacity', tostring(capacity))
            redis.call('PEXPIRE', KEYS[1], 120000)
            return {wait, math.floor(tokens)}
            """;

    /** The script's SHA-1, as Redis names it: known without asking Redis. */
    static final String SHA = sha1(SCRIPT);

    /** What a charge left: the seconds to wait (0 when spent) and the whole units the bucket holds afterwards. */
    record Answer(long waitSeconds, long tokens) {
    }

    private final ReactiveRedisDataSource redis;
    private final Duration deadline;

    RedisBuckets(RedisDataSource redis, Duration deadline) {
        this.redis = redis.getReactive();
        this.deadline = deadline;
    }

    /**
     * Loads the script and opens a connection without waiting for either, so the first charge does not pay for them
     * (nor for loading the client's classes) against its deadline; a failure here is the first charge's to report.
     */
    void warmUp() {
        redis.execute("SCRIPT", "LOAD", SCRIPT).subscribe().with(loaded -> { }, failed -> { });
    }

    /** Throws when Redis cannot be asked or does not answer within the deadline. */
    Answer take(String key, int perMinute, int units) {
        return eval(key, perMinute, units);
    }

    Answer give(String key, int perMinute, int units) {
        return eval(key, perMinute, -units);
    }

    private Answer eval(String key, int perMinute, int units) {
        String capacity = Integer.toString(perMinute);
        String spend = Integer.toString(units);
        Response answer;
        try {
            answer = call("EVALSHA", SHA, "1", PREFIX + key, capacity, spend);
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            // Redis restarted or was flushed: its script cache is empty. Send the script itself this once.
            answer = call("EVAL", SCRIPT, "1", PREFIX + key, capacity, spend);
        }
        return new Answer(answer.get(0).toLong(), answer.get(1).toLong());
    }

    private Response call(String command, String... args) {
        return redis.execute(command, args).await().atMost(deadline);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
