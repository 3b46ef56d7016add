package org.privacygateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.util.NetUtil;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.ops.GatewayMetrics;

/**
 * What each kind of caller may spend per minute, and the charge itself. The cost of a request is what it reads, not
 * the HTTP request: every field resolved costs a unit, and a partner's member reads cost one unit per member asked
 * for (fifteen aliases of {@code members(first: 100)} cost 1,500). Partners have their own limit
 * ({@code rateLimitPerMinute}); members, admins and anonymous callers (by client address) have the limits in
 * {@code gateway.rate-limits}. An exhausted budget is HTTP 429 with {@code Retry-After} and a RATE_LIMITED error.
 *
 * <p>An anonymous caller's address is the connection's peer. {@code X-Forwarded-For} is a header the client can write,
 * so it is believed only with {@code gateway.rate-limits.trust-forwarded-for}, from a trusted proxy
 * ({@code quarkus.http.proxy.trusted-proxies}) that replaces the header with the address it saw; otherwise rotating it
 * would be a fresh budget per request. An IPv6 caller is counted by its /64, the block one subscriber is given, so
 * rotating addresses inside it is no fresh budget either.
 */
@ApplicationScoped
public class RateLimits {

    /** The prefix of an anonymous caller's bucket key (the rest is its address, or its IPv6 /64). */
    static final String ANONYMOUS_PREFIX = "anonymous:";

    @Inject
    RateLimiter limiter;

    @Inject
    GatewayConfig config;

    @Inject
    CurrentVertxRequest request;

    @Inject
    GatewayMetrics metrics;

    public void partner(String partnerId, int perMinute, int units) {
        charge(partnerKey(partnerId), perMinute, units, "member reads", "partner", partnerId);
    }

    /**
     * Spends a partner's units if they are all there, without answering anything: false leaves the bucket as it was
     * (the compiled read path then lets the generic engine refuse, with the same words and status).
     */
    public boolean tryPartner(String partnerId, int perMinute, int units) {
        return units <= perMinute && limiter.acquire(partnerKey(partnerId), perMinute, units) == 0;
    }

    /** Gives back units spent by {@link #tryPartner} for a request that was then served another way. */
    public void refundPartner(String partnerId, int perMinute, int units) {
        limiter.refund(partnerKey(partnerId), perMinute, units);
    }

    private static String partnerKey(String partnerId) {
        return "partner:" + partnerId;
    }

    public void member(String memberId, int units) {
        charge("member:" + memberId, config.rateLimits().memberPerMinute(), units, "requests", "member",
                GatewayMetrics.NONE);
    }

    public void admin(String actor, int units) {
        charge("admin:" + actor, config.rateLimits().adminPerMinute(), units, "requests", "admin", GatewayMetrics.NONE);
    }

    /** Public operations, charged to the client's address whoever calls them. */
    public void anonymous(int units) {
        charge(ANONYMOUS_PREFIX + clientAddress(), config.rateLimits().anonymousPerMinute(), units, "requests",
                "anonymous", GatewayMetrics.NONE);
    }

    private String clientAddress() {
        RoutingContext rc = request == null ? null : request.getCurrent();
        if (rc == null) {
            return "unknown";
        }
        HttpServerRequest r = rc.request();
        if (config.rateLimits().trustForwardedFor()) {
            // Quarkus has put X-Forwarded-For's first address here when, and only when, the peer is a trusted proxy.
            String forwarded = addressKey(r.remoteAddress());
            if (forwarded != null) {
                return forwarded;
            }
        }
        // The connection's own peer: what Quarkus's forwarded-header handling leaves alone.
        String peer = addressKey(r.connection() == null ? null : r.connection().remoteAddress());
        return peer == null ? "unknown" : peer;
    }

    private static String addressKey(SocketAddress address) {
        return address == null ? null : addressKey(address.hostAddress());
    }

    /**
     * The bucket key of an address: an IPv4 address as itself (an IPv4-mapped IPv6 one too), an IPv6 address as its
     * /64; null for anything that is no IP address literal, so a header's text never becomes a key. At most 24
     * characters either way.
     */
    static String addressKey(String host) {
        byte[] b = host == null ? null : NetUtil.createByteArrayFromIpAddressString(host);
        if (b == null) {
            return null;
        }
        int v4 = b.length == 4 ? 0 : isMapped(b) ? 12 : -1;
        if (v4 >= 0) {
            return (b[v4] & 0xff) + "." + (b[v4 + 1] & 0xff) + "." + (b[v4 + 2] & 0xff) + "." + (b[v4 + 3] & 0xff);
        }
        StringBuilder key = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            key.append(Integer.toHexString((b[i] & 0xff) << 8 | (b[i + 1] & 0xff))).append(':');
        }
        return key.append(":/64").toString();
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private void charge(String key, int perMinute, int units, String what, String caller, String partner) {
        long waitSeconds = limiter.acquire(key, perMinute, units);
        if (waitSeconds > 0) {
            metrics.rateLimited(caller, partner);
            ResponseStatus.set(request, 429, "Retry-After", String.valueOf(waitSeconds));
            throw new GatewayException(ErrorCode.RATE_LIMITED, "Rate limit of " + perMinute + " " + what
                    + " per minute reached; retry after " + waitSeconds + " s.");
        }
    }
}
