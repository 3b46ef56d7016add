package org.privacygateway.graphql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;

/**
 * The door of {@code /graphql}: only POST with a JSON body of one request (no batches, no GET, no forms), at most
 * {@code gateway.limits.max-body} bytes (else 413), and a query within the limits (else QUERY_TOO_COMPLEX), all
 * decided before anything executes. Verdicts on query strings are cached: a partner's repeated queries cost a lookup.
 */
@ApplicationScoped
public class GraphQLGate {

    static final int CACHE_SIZE = 2048;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    private QueryLimits limits;

    /** Query string → null when within the limits, else the refusal. Bounded, least recently used out. */
    private final Map<String, GatewayException> verdicts = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, GatewayException> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    void install(@Observes Router router) {
        GatewayConfig.Limits l = config.limits();
        limits = new QueryLimits(l.maxDepth(), l.maxFields(), l.maxAliases(), l.maxTokens());
        router.route("/graphql").order(-1000).handler(this::method);
        router.post("/graphql").order(-999).handler(BodyHandler.create(false).setBodyLimit(l.maxBody()));
        router.post("/graphql").order(-998).handler(this::inspect);
    }

    private void method(RoutingContext rc) {
        if (rc.request().method() == HttpMethod.POST) {
            rc.next();
        } else {
            rc.response().putHeader("Allow", "POST");
            refuse(rc, 405, ErrorCode.VALIDATION, "Use POST with a JSON body.");
        }
    }

    private void inspect(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            refuse(rc, 415, ErrorCode.VALIDATION, "Send the request as application/json.");
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(rc.body().asString());
        } catch (Exception e) {
            refuse(rc, 400, ErrorCode.VALIDATION, "The body is not valid JSON.");
            return;
        }
        if (body == null || body.isArray()) {
            refuse(rc, 400, ErrorCode.VALIDATION, "Batched requests are not supported: send one request per call.");
            return;
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            refuse(rc, 400, ErrorCode.VALIDATION, "The body needs a 'query' string.");
            return;
        }
        String text = query.asText();
        GatewayException verdict = verdicts.computeIfAbsent(text, q -> {
            try {
                limits.check(q);
                return NONE;
            } catch (GatewayException e) {
                return e;
            }
        });
        if (verdict != NONE) {
            refuse(rc, 200, verdict.code(), verdict.getMessage());
            return;
        }
        rc.next();
    }

    /** Marks "within limits" in the cache (a map cannot hold null values distinctly from absence). */
    private static final GatewayException NONE = new GatewayException(ErrorCode.INTERNAL, "within limits");

    private void refuse(RoutingContext rc, int status, ErrorCode code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code.name()));
        try {
            rc.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/graphql-response+json; charset=UTF-8")
                    .end(json.writeValueAsString(Map.of("errors", List.of(error))));
        } catch (Exception e) {
            rc.response().setStatusCode(500).end();
        }
    }
}
