package org.privacygateway.security;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Token buckets in Redis, shared by every replica: the same bucket as {@link RateLimiter}'s own (a burst of
 * {@code perMinute} units, refilled evenly over a minute), kept as a hash per key and changed by one Lua script, so a
 * charge is atomic across replicas and times come from Redis's one clock, not from each replica's. A bucket idle for
 * two minutes is full again, so Redis lets it expire.
 */
final class RedisBuckets {

    /** Key prefix, so the gateway's buckets are recognisable in a shared Redis. */
    static final String PREFIX = "privacy-gateway:rate:";

    /**
     * KEYS[1] the bucket; ARGV[1] its capacity (per minute); ARGV[2] units to spend (a negative number gives units
     * back). Returns 0 when spent (or given back), else the whole seconds to wait. A bucket whose capacity changed
     * (the partner's limit was edited) starts full at the new capacity, as the in-memory one does.
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
            return wait
            """;

    private final RedisDataSource redis;
    private volatile String sha;

    RedisBuckets(RedisDataSource redis) {
        this.redis = redis;
    }

    /** @return 0 when the units were spent, else the seconds to wait; throws when Redis cannot be asked */
    long take(String key, int perMinute, int units) {
        return eval(key, perMinute, units);
    }

    void give(String key, int perMinute, int units) {
        eval(key, perMinute, -units);
    }

    private long eval(String key, int perMinute, int units) {
        String loaded = sha;
        if (loaded == null) {
            loaded = sha = redis.execute("SCRIPT", "LOAD", SCRIPT).toString();
        }
        Response answer;
        try {
            answer = redis.execute("EVALSHA", loaded, "1", PREFIX + key, Integer.toString(perMinute),
                    Integer.toString(units));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            // Redis restarted or was flushed: its script cache is empty. Send the script itself this once.
            sha = null;
            answer = redis.execute("EVAL", SCRIPT, "1", PREFIX + key, Integer.toString(perMinute),
                    Integer.toString(units));
        }
        return answer.toLong();
    }
}
