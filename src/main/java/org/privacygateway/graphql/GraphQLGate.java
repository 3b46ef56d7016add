package org.privacygateway.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.ops.GatewayMetrics;
import org.privacygateway.ops.RequestIds;
import org.privacygateway.policy.PolicyService;
import org.privacygateway.security.KnownPartners;

/**
 * The door of {@code /graphql}. Everything here is decided before any resolver runs:
 *
 * <ol>
 * <li>On the event loop, before the body is read: POST only (else 405); a declared body no larger than the caller's
 * tier allows (else 413; a request without an {@code Authorization} header is in the anonymous tier); and room in
 * the gateway-wide budget of request bytes held at once (else 503), so no number of concurrent requests can make the
 * gateway buffer more than that budget.</li>
 * <li>The body is read, up to {@code gateway.limits.max-body}.</li>
 * <li>After quarkus-oidc has authenticated the caller (a bad token is a 401 before this), on a worker thread, never
 * the event loop: a JSON body of one request (no batches, 415 for other media types) whose query is within the
 * budget of the caller's tier ({@link QueryLimits}, linear in the query's size). Requests without a valid token get
 * the anonymous budget, whatever their headers say.</li>
 * </ol>
 *
 * Verdicts are remembered by a SHA-256 of the tier and query, never the query itself, in a map of bounded entries,
 * so the memory they take is bounded in bytes whatever is sent; the map has no lock shared by all requests.
 */
@ApplicationScoped
public class GraphQLGate {

    /** Route orders: quarkus-oidc authenticates at -200 and authorizes at -100; SmallRye GraphQL serves later. */
    static final int ORDER_ADMIT = -1000;
    static final int ORDER_BODY = -999;
    static final int ORDER_INSPECT = -50;

    /** Routing-context key of the calling partner's policy URL, set once the token is verified. */
    static final String PARTNER_POLICY = "privacy-gateway.partner-policy-url";

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    KnownPartners knownPartners;

    @Inject
    PolicyService policies;

    @Inject
    GatewayMetrics metrics;

    private QueryLimits authenticated;
    private QueryLimits anonymous;
    private long maxBody;
    private long anonymousMaxBody;
    private long inFlightBudget;
    private int cacheEntries;

    private final AtomicLong inFlight = new AtomicLong();
    private final ConcurrentHashMap<VerdictKey, QueryLimits.Verdict> verdicts = new ConcurrentHashMap<>();

    /** A verdict's key: the tier and the SHA-256 of the query. 32 bytes of digest, whatever the query's size. */
    record VerdictKey(boolean anonymous, QueryDigest digest) {
    }

    void install(@Observes Router router) {
        GatewayConfig.Limits l = config.limits();
        GatewayConfig.Limits.Anonymous anon = l.anonymous();
        authenticated = new QueryLimits(new QueryLimits.Budget(l.maxQueryCharacters(), l.maxTokens(), l.maxDepth(),
                l.maxFields(), l.maxAliases(), l.maxFragmentNesting()));
        anonymous = new QueryLimits(new QueryLimits.Budget(anon.maxQueryCharacters(), anon.maxTokens(),
                anon.maxDepth(), anon.maxFields(), anon.maxAliases(), anon.maxFragmentNesting()));
        maxBody = l.maxBody();
        anonymousMaxBody = Math.min(anon.maxBody(), maxBody);
        inFlightBudget = l.inFlightBodyBytes().orElse(Math.max(Runtime.getRuntime().maxMemory() / 16, maxBody * 4));
        cacheEntries = l.verdictCacheEntries();
        router.route("/graphql").order(ORDER_ADMIT).handler(this::admit).failureHandler(this::failed);
        router.post("/graphql").order(ORDER_BODY).handler(BodyHandler.create(false).setBodyLimit(maxBody));
        router.post("/graphql").order(ORDER_INSPECT).blockingHandler(this::inspect, false);
    }

    /** Bytes of request bodies held right now (for tests and metrics). */
    long inFlightBytes() {
        return inFlight.get();
    }

    /** Bytes held for anonymous callers (a stub until the anonymous share exists). */
    long anonymousInFlightBytes() {
        return 0;
    }

    /** Client addresses with bytes held (a stub until per-address shares exist). */
    long trackedAddresses() {
        return 0;
    }

    int rememberedVerdicts() {
        return verdicts.size();
    }

    private void admit(RoutingContext rc) {
        RequestIds.assign(rc);
        metrics.timeRequest(rc);
        if (rc.request().method() != HttpMethod.POST) {
            rc.response().putHeader("Allow", "POST");
            refuse(rc, 405, ErrorCode.VALIDATION, "Use POST with a JSON body.");
            return;
        }
        boolean claimsToken = rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        long limit = claimsToken ? maxBody : anonymousMaxBody;
        long declared;
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            declared = length == null ? limit : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            refuse(rc, 400, ErrorCode.VALIDATION, "The Content-Length header is not a number.");
            return;
        }
        if (declared > limit || declared < 0) {
            refuse(rc, 413, ErrorCode.VALIDATION, "The request body is larger than " + limit + " bytes.");
            return;
        }
        long reserved = Math.max(declared, 1);
        if (inFlight.addAndGet(reserved) > inFlightBudget) {
            inFlight.addAndGet(-reserved);
            metrics.failClosed("busy");
            rc.response().putHeader("Retry-After", "1");
            refuse(rc, 503, ErrorCode.UNAVAILABLE, "The gateway is busy; nothing was served. Try again shortly.");
            return;
        }
        // Released once, at the first of: response headers written (the body has been read and answered), or the
        // exchange ended or failed without a response (the client went away).
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.addAndGet(-reserved);
            }
        };
        rc.addHeadersEndHandler(v -> release.run());
        rc.addEndHandler(done -> release.run());
        rc.next();
    }

    /**
     * Failures while a body is read: a client that hangs up mid-body, or a body past the limit without a declared
     * length. Anyone can cause them, so they are answered (when there is still someone to answer) and logged at
     * DEBUG, never as server errors.
     */
    private void failed(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure instanceof io.vertx.core.http.HttpClosedException || rc.request().connection() == null
                || rc.response().closed()) {
            Log.debugf("Client went away during a GraphQL request: %s", failure == null ? "" : failure.getClass().getSimpleName());
            return;
        }
        if (rc.statusCode() == 413) {
            refuse(rc, 413, ErrorCode.VALIDATION, "The request body is larger than " + maxBody + " bytes.");
            return;
        }
        if (rc.statusCode() == 400 && failure == null) {
            refuse(rc, 400, ErrorCode.VALIDATION, "The request could not be read.");
            return;
        }
        rc.next();
    }

    private void inspect(RoutingContext rc) {
        boolean isAnonymous = !(rc.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous();
        if (!isAnonymous) {
            // The partner behind a verified token, if any: its policy link goes on every response to it, including
            // those that end before a resolver runs (here, or in PrivacyResponse, possibly on the I/O thread).
            knownPartners.policyUrl(((QuarkusHttpUser) rc.user()).getSecurityIdentity())
                    .ifPresent(url -> rc.put(PARTNER_POLICY, url));
        }
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            refuseAfterAuthentication(rc, 415, ErrorCode.VALIDATION, "Send the request as application/json.");
            return;
        }
        if (isAnonymous && rc.body().length() > anonymousMaxBody) {
            refuseAfterAuthentication(rc, 413, ErrorCode.VALIDATION, "The request body is larger than " + anonymousMaxBody + " bytes.");
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(rc.body().asString());
        } catch (Exception e) {
            refuseAfterAuthentication(rc, 400, ErrorCode.VALIDATION, "The body is not valid JSON.");
            return;
        }
        if (body == null || body.isArray()) {
            refuseAfterAuthentication(rc, 400, ErrorCode.VALIDATION, "Batched requests are not supported: send one request per call.");
            return;
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            refuseAfterAuthentication(rc, 400, ErrorCode.VALIDATION, "The body needs a 'query' string.");
            return;
        }
        QueryDigest digest = QueryDigest.of(query.asText());
        QueryLimits.Verdict verdict = verdict(isAnonymous, digest, query.asText());
        if (!verdict.admitted()) {
            refuseAfterAuthentication(rc, 200, verdict.code(), verdict.refusal());
            return;
        }
        rc.put(CompiledReads.BODY, body);
        rc.put(CompiledReads.DIGEST, digest);
        rc.next();
    }

    private QueryLimits.Verdict verdict(boolean isAnonymous, QueryDigest digest, String query) {
        VerdictKey key = new VerdictKey(isAnonymous, digest);
        QueryLimits.Verdict known = verdicts.get(key);
        if (known != null) {
            return known;
        }
        QueryLimits.Verdict verdict = (isAnonymous ? anonymous : authenticated).check(query);
        QueryDigest.putBounded(verdicts, key, new QueryLimits.Verdict(verdict.code(), verdict.refusal(), 0), cacheEntries);
        return verdict;
    }

    /**
     * A refusal once the token is verified: when it is a registered partner's, the answer is a partner response and
     * carries the partner's policy link and {@code extensions.privacy} like any other.
     */
    private void refuseAfterAuthentication(RoutingContext rc, int status, ErrorCode code, String message) {
        Map<String, Object> privacy = null;
        String partnerPolicy = rc.get(PARTNER_POLICY);
        if (partnerPolicy != null) {
            rc.response().headers().set("Link", KnownPartners.policyLink(partnerPolicy));
            PrivacyNotes notes = new PrivacyNotes(RequestIds.of(rc));
            notes.partnerPolicy(partnerPolicy);
            policies.lastKnownCurrent().ifPresent(current -> notes.gatewayPolicy(current.version, current.url));
            privacy = notes.toExtension();
        }
        refuse(rc, status, code, message, privacy);
    }

    private void refuse(RoutingContext rc, int status, ErrorCode code, String message) {
        refuse(rc, status, code, message, null);
    }

    private void refuse(RoutingContext rc, int status, ErrorCode code, String message, Map<String, Object> privacy) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code.name()));
        if (status == 413 || status == 503) {
            // The body was not (fully) read: do not keep the connection for a client that may still be sending it.
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        try {
            rc.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/graphql-response+json; charset=UTF-8")
                    .end(json.writeValueAsString(privacy == null ? Map.of("errors", List.of(error))
                            : Map.of("errors", List.of(error), "extensions", Map.of("privacy", privacy))));
        } catch (Exception e) {
            rc.response().setStatusCode(500).end();
        }
    }
}
