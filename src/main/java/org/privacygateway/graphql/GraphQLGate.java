package org.privacygateway.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.jboss.logging.Logger;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
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
 * <li>On the event loop, as the request's headers arrive: POST only (else 405); a declared body no larger than the
 * largest tier allows (else 413; without an {@code Authorization} header, the anonymous tier's); and the body
 * deadline starts: the whole body must be in within {@code gateway.limits.body-deadline}, else the request is
 * answered 408 and its connection closed (also when it was already answered, say 401, and the client keeps
 * sending), and whatever it held is given back. Nothing is held yet: the body is not read.</li>
 * <li>quarkus-oidc verifies the token (a bad one is a 401 before this: Quarkus keeps every request paused until a
 * handler asks for its body, so no body byte is read, let alone held, for a caller it refuses).</li>
 * <li>Then, still on the event loop and before the body is read, the request's bytes are reserved from the
 * budget of its caller: a verified token's from the signed-in budget, everything else (no token, a scheme
 * quarkus-oidc does not verify) from the anonymous share, {@code gateway.limits.anonymous.in-flight-percent} of
 * {@code gateway.limits.in-flight-body-bytes}, so anonymous bytes cannot starve signed-in callers. One client
 * address holds at most {@code gateway.limits.per-address-percent} of either ({@link ByteBudget}; beyond it, 429;
 * the client address by the anonymous rate limit's rule: behind a proxy whose {@code X-Forwarded-For} is not
 * believed, only the totals apply).
 * A full budget is real overload: 503 {@code UNAVAILABLE}, counted ({@code gateway_fail_closed_total}, cause
 * {@code busy} or {@code busy_anonymous}) and logged at most once a minute per budget, without addresses: at WARN
 * for the signed-in budget, at INFO for the anonymous share (anyone can fill it; an anonymous caller never causes a
 * line above INFO).
 * Only then is the body read, up to the caller's tier's size.</li>
 * <li>On a worker thread, never the event loop: a body of media type {@code application/json} (else 415) holding one
 * JSON document, each key once, that is one request whose fields have their types ({@link RequestEnvelope}; else
 * 400), and whose query is within the budget of the caller's tier ({@link QueryLimits}, linear in the query's size).
 * Requests without a valid token get the anonymous budget, whatever their headers say.</li>
 * </ol>
 *
 * Why bytes are charged after the token and not before (decision record 6): charged before, as this gate once did,
 * anyone with a made-up token and a slow connection held the budget every partner needed (a review held 12 MB
 * with 194 sockets and had every request answered 503 for as long as it liked). Quarkus' own limits do not do
 * this: {@code quarkus.http.idle-timeout} is reset by every byte a trickling sender sends, and
 * {@code quarkus.http.read-timeout} is for blocking reads, which the gateway does not do; hence the deadline here.
 *
 * Verdicts are remembered by a SHA-256 of the tier and query, never the query itself, in a map of at most
 * {@code gateway.limits.verdict-cache-entries} entries of at most about 320 bytes each: the map node (32), the key
 * (24) and its digest (48), the verdict (32) and its refusal text (at most about 180: refusals quote at most
 * {@value QueryLimits#MAX_QUOTED_NAME} characters of a name), so 4,096 entries take at most about 1.3 MiB whatever is
 * sent; the map has no lock shared by all requests.
 */
@ApplicationScoped
public class GraphQLGate {

    /**
     * Route orders: quarkus-oidc authenticates at -200 and authorizes at -100 (proactive authentication, Quarkus'
     * default, which the reservation relies on); SmallRye GraphQL serves later.
     */
    static final int ORDER_ADMIT = -1000;
    static final int ORDER_RESERVE = -90;
    static final int ORDER_INSPECT = -50;

    /** Routing-context key of the calling partner's policy URL, set once the token is verified. */
    static final String PARTNER_POLICY = "privacy-gateway.partner-policy-url";

    /** Routing-context keys of the declared body length (-1: none declared) and of the body limit that applies. */
    private static final String DECLARED = "privacy-gateway.declared-length";
    private static final String BODY_LIMIT = "privacy-gateway.body-limit";
    private static final String STAY = "privacy-gateway.gate-stay";

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    /** The request body's reader: duplicate keys and anything after the document are refused (this body only). */
    private ObjectReader strictJson;

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
    private long bodyDeadlineMillis;
    private boolean trustForwardedFor;
    private int cacheEntries;
    private ByteBudget signedInBytes;
    private ByteBudget anonymousBytes;
    private BodyHandler signedInBody;
    private BodyHandler anonymousBody;

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
        cacheEntries = l.verdictCacheEntries();
        trustForwardedFor = config.rateLimits().trustForwardedFor();
        strictJson = json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        bodyDeadlineMillis = l.bodyDeadline().toMillis();
        if (bodyDeadlineMillis <= 0) {
            throw new IllegalStateException("gateway.limits.body-deadline must be positive");
        }
        int anonymousPercent = percent("gateway.limits.anonymous.in-flight-percent", anon.inFlightPercent(), 99);
        int addressPercent = percent("gateway.limits.per-address-percent", l.perAddressPercent(), 100);
        long total = l.inFlightBodyBytes().orElse(Math.max(Runtime.getRuntime().maxMemory() / 16, maxBody * 4));
        // Each budget admits at least one body of its largest size, and so does each address's part of it.
        long anonymousTotal = Math.max(total * anonymousPercent / 100, anonymousMaxBody);
        long signedInTotal = Math.max(total - anonymousTotal, maxBody);
        signedInBytes = new ByteBudget("signed-in", signedInTotal,
                Math.max(signedInTotal * addressPercent / 100, maxBody));
        anonymousBytes = new ByteBudget("anonymous", anonymousTotal,
                Math.max(anonymousTotal * addressPercent / 100, anonymousMaxBody));
        signedInBody = BodyHandler.create(false).setBodyLimit(maxBody);
        anonymousBody = BodyHandler.create(false).setBodyLimit(anonymousMaxBody);
        router.route("/graphql").order(ORDER_ADMIT).handler(this::admit).failureHandler(this::failed);
        router.post("/graphql").order(ORDER_RESERVE).handler(this::reserve);
        router.post("/graphql").order(ORDER_INSPECT).blockingHandler(this::inspect, false);
    }

    private static int percent(String key, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalStateException(key + " must be between 1 and " + max + ", not " + value);
        }
        return value;
    }

    /** Bytes of request bodies held right now for signed-in callers (for tests). */
    long inFlightBytes() {
        return signedInBytes.held();
    }

    /** Bytes of request bodies held right now for anonymous callers (for tests). */
    long anonymousInFlightBytes() {
        return anonymousBytes.held();
    }

    /** Client addresses with bytes held, in both budgets (for tests). */
    long trackedAddresses() {
        return signedInBytes.addresses() + anonymousBytes.addresses();
    }

    int rememberedVerdicts() {
        return verdicts.size();
    }

    /** As the headers arrive, nothing held yet: the body deadline, the method, the declared size. */
    private void admit(RoutingContext rc) {
        RequestIds.assign(rc);
        metrics.timeRequest(rc);
        rc.put(STAY, new Stay(rc));
        if (rc.request().method() != HttpMethod.POST) {
            rc.response().putHeader("Allow", "POST");
            refuse(rc, 405, ErrorCode.VALIDATION, "Use POST with a JSON body.");
            return;
        }
        long limit = rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null ? maxBody : anonymousMaxBody;
        long declared; // -1: none declared (a chunked body), charged at its tier's limit
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            refuse(rc, 400, ErrorCode.VALIDATION, "The Content-Length header is not a number.");
            return;
        }
        if (declared > limit || (length != null && declared < 0)) {
            refuse(rc, 413, ErrorCode.VALIDATION, "The request body is larger than " + limit + " bytes.");
            return;
        }
        rc.put(DECLARED, declared);
        rc.next();
    }

    /**
     * One request's stay at the gate, from its headers on: the deadline of its body and what it holds. Release is
     * idempotent and comes at the first of: the response's headers written (the body has been read and answered),
     * the body read failing (the client went away: {@link #failed}), or the deadline finding the connection closed.
     * The last is the backstop. The gate does not rely on the routing context's end handlers: they were not called
     * for a client that hung up after its token was verified (InFlightBudgetTest saw it), and SmallRye GraphQL sets
     * the response's own end and close handlers once it runs.
     */
    private final class Stay {
        private final RoutingContext rc;
        private final AtomicReference<Runnable> release = new AtomicReference<>();
        private volatile long timer;

        Stay(RoutingContext rc) {
            this.rc = rc;
            timer = rc.vertx().setTimer(bodyDeadlineMillis, id -> due());
            // The headers may go out on a worker thread (SmallRye answers there).
            rc.addHeadersEndHandler(v -> answered());
        }

        void hold(ByteBudget budget, long address, long bytes) {
            release.set(() -> budget.release(address, bytes));
        }

        void release() {
            Runnable r = release.getAndSet(null);
            if (r != null) {
                r.run();
            }
        }

        private void answered() {
            release();
            if (rc.request().isEnded()) {
                rc.vertx().cancelTimer(timer);
            }
        }

        /** On the request's event loop, at the deadline (and each deadline after, while it holds bytes). */
        private void due() {
            if (rc.response().closed()) {
                release(); // the client went away
            } else if (!rc.request().isEnded()) {
                cutOff();
            } else if (release.get() != null) {
                // The body is in and being answered: look again later, in case the client goes away meanwhile.
                timer = rc.vertx().setTimer(bodyDeadlineMillis, id -> due());
            }
        }

        /** A body slower than the deadline: 408 (unless answered already), and the connection closed. */
        private void cutOff() {
            Log.debugf("A GraphQL request body was not in within %d ms: connection closed", bodyDeadlineMillis);
            if (!rc.response().headWritten()) {
                refuse(rc, 408, ErrorCode.VALIDATION,
                        "The request body did not arrive within " + bodyDeadlineMillis / 1000.0 + " s.");
            }
            if (rc.request().version() == HttpVersion.HTTP_2) {
                rc.response().reset(); // this stream only, not the connection's others
            } else {
                rc.response().close(); // after what was written
            }
            release();
        }
    }

    /**
     * After authentication and authorization, before the body is read: the request's bytes from its caller's
     * budget, then the body, up to the caller's tier's size.
     */
    private void reserve(RoutingContext rc) {
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        boolean signedIn = identity != null && !identity.isAnonymous();
        long limit = signedIn ? maxBody : anonymousMaxBody;
        Long declared = rc.get(DECLARED);
        Stay stay = rc.get(STAY);
        if (declared == null || stay == null) {
            rc.next(); // not admitted here (another route's request)
            return;
        }
        if (declared > limit) {
            refuse(rc, 413, ErrorCode.VALIDATION, "The request body is larger than " + limit + " bytes.");
            return;
        }
        ByteBudget budget = signedIn ? signedInBytes : anonymousBytes;
        HttpConnection connection = rc.request().connection();
        long address = ByteBudget.clientKey(connection == null ? null : connection.remoteAddress(),
                rc.request().remoteAddress(), trustForwardedFor);
        long charged = Math.max(declared < 0 ? limit : declared, ByteBudget.FLOOR);
        switch (budget.reserve(address, charged)) {
            case ADDRESS_FULL -> {
                // This client's own doing (or its network's): its error, not the gateway's; DEBUG at most.
                metrics.rateLimited(callerKind(identity), GatewayMetrics.NONE);
                rc.response().putHeader("Retry-After", "1");
                refuse(rc, 429, ErrorCode.RATE_LIMITED,
                        "Too many request bytes in flight from this address; retry shortly.");
                return;
            }
            case FULL -> {
                metrics.failClosed(signedIn ? "busy" : "busy_anonymous");
                long refused = budget.refusedFull();
                if (refused > 0) {
                    // Only callers with a valid token can fill the signed-in budget: that is an operator's WARN.
                    // Anyone can fill the anonymous share, and nothing an anonymous caller sends logs above INFO.
                    Log.logf(signedIn ? Logger.Level.WARN : Logger.Level.INFO, "GraphQL admission: the %s budget "
                            + "of %d request bytes is full; %d requests answered 503 since the last such line "
                            + "(gateway.limits.in-flight-body-bytes)", budget.name, budget.total, refused);
                }
                rc.response().putHeader("Retry-After", "1");
                refuse(rc, 503, ErrorCode.UNAVAILABLE, "The gateway is busy; nothing was served. Try again shortly.");
                return;
            }
            case RESERVED -> {
                stay.hold(budget, address, charged);
                rc.put(BODY_LIMIT, limit);
                (signedIn ? signedInBody : anonymousBody).handle(rc);
            }
        }
    }

    /** The caller's kind for the rate-limit meter: a closed set. */
    private static String callerKind(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return "anonymous";
        }
        for (String role : new String[] { "partner", "admin", "member" }) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return "other";
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
            Stay stay = rc.get(STAY);
            if (stay != null) {
                stay.release();
            }
            Log.debugf("Client went away during a GraphQL request: %s", failure == null ? "" : failure.getClass().getSimpleName());
            return;
        }
        if (rc.statusCode() == 413) {
            Long limit = rc.get(BODY_LIMIT);
            refuse(rc, 413, ErrorCode.VALIDATION, "The request body is larger than " + (limit == null ? maxBody : limit) + " bytes.");
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
        if (!RequestEnvelope.isJson(rc.request().getHeader("Content-Type"))) {
            refuseAfterAuthentication(rc, 415, ErrorCode.VALIDATION, "Send the request as application/json.");
            return;
        }
        if (isAnonymous && rc.body().length() > anonymousMaxBody) {
            refuseAfterAuthentication(rc, 413, ErrorCode.VALIDATION, "The request body is larger than " + anonymousMaxBody + " bytes.");
            return;
        }
        JsonNode body;
        try {
            body = strictJson.readTree(rc.body().asString());
        } catch (Exception e) {
            refuseAfterAuthentication(rc, 400, ErrorCode.VALIDATION,
                    "The body is not one valid JSON document (each key once, nothing after it).");
            return;
        }
        String malformed = RequestEnvelope.problem(body);
        if (malformed != null) {
            refuseAfterAuthentication(rc, 400, ErrorCode.VALIDATION, malformed);
            return;
        }
        String query = body.get("query").textValue();
        QueryDigest digest = QueryDigest.of(query);
        QueryLimits.Verdict verdict = verdict(isAnonymous, digest, query);
        if (!verdict.admitted()) {
            refuseAfterAuthentication(rc, 200, verdict.code(), verdict.refusal());
            return;
        }
        String nullCondition = RequestEnvelope.nullCondition(isAnonymous ? anonymous : authenticated, body);
        if (nullCondition != null) {
            refuseAfterAuthentication(rc, 400, ErrorCode.VALIDATION, nullCondition);
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
        if (status == 408 || status == 413 || status == 429 || status == 503) {
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
