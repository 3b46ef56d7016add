package org.privacygateway.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Sets the HTTP status of a GraphQL response from inside a resolver. The GraphQL handler writes 200 itself, so the
 * status is applied at the last moment, when the headers are written.
 */
public final class ResponseStatus {

    private ResponseStatus() {
    }

    public static void set(CurrentVertxRequest request, int status, String header, String value) {
        set(request == null ? null : request.getCurrent(), status, header, value);
    }

    public static void set(RoutingContext rc, int status, String header, String value) {
        if (rc == null) {
            return;
        }
        rc.addHeadersEndHandler(v -> {
            rc.response().setStatusCode(status);
            if (header != null) {
                rc.response().putHeader(header, value);
            }
        });
    }
}
