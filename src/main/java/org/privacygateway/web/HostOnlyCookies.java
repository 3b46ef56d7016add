package org.privacygateway.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.privacygateway.config.GatewayConfig;

/**
 * Gives quarkus-oidc's consent-center cookies (session, state, PKCE: all named {@code q_...}) the {@code __Host-}
 * prefix, which quarkus-oidc has no setting for. A browser accepts a {@code __Host-} cookie only from this very host,
 * over https, for path {@code /}, without a {@code Domain}: the partners' co-brand hosts, same-site siblings of the
 * consent center, can then neither read nor plant one (planting their own session would sign a member's browser
 * into the planter's account).
 *
 * <p>In: before quarkus-oidc reads any cookie (it authenticates at route order -200), {@code __Host-q_x} is handed
 * to it as {@code q_x}, and any unprefixed {@code q_x} (which only another host could have set) is dropped. Out:
 * every {@code q_x} cookie the response sets is written as {@code __Host-q_x}. Only with secure cookies on (prod);
 * plain-http dev and test runs keep the names.
 */
@ApplicationScoped
public class HostOnlyCookies {

    static final String PREFIX = "__Host-";
    static final String OIDC = "q_";
    private static final String DONE = HostOnlyCookies.class.getName();

    @Inject
    GatewayConfig config;

    void install(@Observes Router router) {
        if (!config.consentCenter().secureCookies()) {
            return;
        }
        router.route("/consent").order(-400).handler(this::handle);
        router.route("/consent/*").order(-400).handler(this::handle);
        router.route("/signed-out").order(-400).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        // "/consent/*" also matches "/consent": unwrap once, or the unwrapped names would be dropped as planted.
        if (rc.get(DONE) != null) {
            rc.next();
            return;
        }
        rc.put(DONE, Boolean.TRUE);
        String header = rc.request().getHeader(HttpHeaders.COOKIE);
        if (header != null) {
            String incoming = incoming(header);
            if (incoming.isEmpty()) {
                rc.request().headers().remove(HttpHeaders.COOKIE);
            } else {
                rc.request().headers().set(HttpHeaders.COOKIE, incoming);
            }
        }
        // Runs before Vert.x encodes the response's cookies into Set-Cookie headers.
        rc.addHeadersEndHandler(v -> outgoing(rc));
        rc.next();
    }

    /** The Cookie header as quarkus-oidc should see it: prefixed names unwrapped, unprefixed OIDC names dropped. */
    static String incoming(String header) {
        List<String> kept = new ArrayList<>();
        for (String pair : header.split(";")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith(PREFIX + OIDC)) {
                kept.add(p.substring(PREFIX.length()));
            } else if (!p.startsWith(OIDC)) {
                kept.add(p);
            }
        }
        return String.join("; ", kept);
    }

    private static void outgoing(RoutingContext rc) {
        for (Cookie cookie : rc.request().cookies()) {
            if (cookie instanceof ServerCookie set && set.isChanged() && cookie.getName().startsWith(OIDC)) {
                set.setChanged(false);
                rc.response().headers().add(HttpHeaders.SET_COOKIE, outgoing(cookie.encode()));
            }
        }
    }

    /** {@code q_x=v; Path=/; Secure; ...} as {@code __Host-q_x=v; ...}, with any Domain attribute removed. */
    static String outgoing(String encoded) {
        StringBuilder out = new StringBuilder(PREFIX);
        String[] parts = encoded.split(";");
        out.append(parts[0].trim());
        boolean path = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            String lower = attribute.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("domain=")) {
                continue;
            }
            if (lower.startsWith("path=")) {
                attribute = "Path=/";
                path = true;
            }
            out.append("; ").append(attribute);
        }
        if (!path) {
            out.append("; Path=/");
        }
        if (!encoded.toLowerCase(java.util.Locale.ROOT).contains("secure")) {
            out.append("; Secure");
        }
        return out.toString();
    }
}
