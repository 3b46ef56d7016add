package org.privacygateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
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
 */
@ApplicationScoped
public class RateLimits {

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
        charge("anonymous:" + clientAddress(), config.rateLimits().anonymousPerMinute(), units, "requests",
                "anonymous", GatewayMetrics.NONE);
    }

    private String clientAddress() {
        RoutingContext rc = request == null ? null : request.getCurrent();
        SocketAddress address = rc == null ? null : rc.request().remoteAddress();
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
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
