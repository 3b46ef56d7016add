package org.privacygateway.ops;

import java.util.UUID;

import org.jboss.logging.MDC;

import io.vertx.ext.web.RoutingContext;

/**
 * One id per GraphQL request, chosen when the gateway admits it: the same id is the {@code requestId} a partner sees
 * in {@code extensions.privacy}, the {@code request_id} of the request's access-log rows, and the {@code requestId}
 * field of every log line written while the request runs (JSON logs in production), so an operator can go from a
 * partner's complaint to the log and the audit trail. It is random: it tells nothing about the caller.
 */
public final class RequestIds {

    /** Routing-context key of the id. */
    public static final String KEY = "privacy-gateway.request-id";
    /** Log (MDC) key of the id. */
    public static final String LOG_KEY = "requestId";

    private RequestIds() {
    }

    /** Chooses the request's id and puts it in the log context (Quarkus keeps the MDC per request context). */
    public static String assign(RoutingContext rc) {
        String id = UUID.randomUUID().toString();
        rc.put(KEY, id);
        MDC.put(LOG_KEY, id);
        return id;
    }

    /** The request's id, or a fresh one when the request has none (a request that did not come through the gate). */
    public static String of(RoutingContext rc) {
        String id = rc == null ? null : rc.get(KEY);
        return id != null ? id : UUID.randomUUID().toString();
    }
}
