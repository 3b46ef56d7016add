package org.privacygateway.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * quarkus-oidc signs the member out on any request to {@code /consent/logout}, before the consent center's CSRF
 * filter could look at it. This handler runs first (quarkus-oidc authenticates at route order -200): only a POST
 * sent by a page of this very origin may sign out. A partner's site, though same-site with the consent center,
 * is another origin, so it can neither link nor post a member out of their session.
 */
@ApplicationScoped
public class SignOutGuard {

    static final String PATH = "/consent/logout";

    void install(@Observes Router router) {
        router.route(PATH).order(-300).handler(this::guard);
    }

    void guard(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST) {
            rc.response().putHeader("Allow", "POST").setStatusCode(405).end("Sign out with the button on the page.");
            return;
        }
        if (!sameOrigin(rc)) {
            Log.debug("Sign-out refused: the request did not come from a consent-center page");
            rc.response().setStatusCode(403).end("Sign out with the button on the page.");
            return;
        }
        rc.next();
    }

    /**
     * Browsers say where a request came from. {@code Sec-Fetch-Site} (all current browsers, on every request) decides
     * when present: only {@code same-origin} (or {@code none}, typed by the member) may sign out. Without it, the
     * {@code Origin} header must name this origin. Our pages send {@code Referrer-Policy: no-referrer}, under which
     * a browser posts forms with {@code Origin: null}, so {@code null} is only accepted together with
     * {@code Sec-Fetch-Site: same-origin}. A request with neither header is not from a browser, and cannot carry the
     * member's session cookie unless its sender already holds it.
     */
    static boolean sameOrigin(RoutingContext rc) {
        String site = rc.request().getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = rc.request().getHeader("Origin");
        if (origin == null) {
            return true;
        }
        io.vertx.core.net.HostAndPort authority = rc.request().authority();
        if (authority == null) {
            return false;
        }
        String own = rc.request().scheme() + "://" + authority.host() + (authority.port() >= 0 ? ":" + authority.port() : "");
        return origin.equalsIgnoreCase(own);
    }
}
