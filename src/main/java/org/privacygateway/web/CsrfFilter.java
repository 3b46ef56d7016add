package org.privacygateway.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import org.privacygateway.security.ConsentPaths;

/**
 * CSRF protection of the consent center. Every page read ensures the browser holds a token bound to the signed-in
 * session (a new one when it holds none, or one of another session); every other method must carry that token in the
 * form as well as in the cookie, or is refused with 400 before the resource method runs.
 */
public class CsrfFilter {

    @Inject
    CsrfTokens tokens;

    @Inject
    CsrfToken current;

    @Inject
    SecurityIdentity identity;

    @Inject
    Language language;

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
        if (!ConsentPaths.isConsentCenter(rc.normalizedPath())) {
            return null;
        }
        String session = session();
        Cookie cookie = rc.request().getCookie(tokens.cookieName());
        String cookieToken = cookie == null ? null : cookie.getValue();
        if (safe(request.getMethod())) {
            if (session != null) {
                boolean keep = tokens.validFor(cookieToken, session);
                current.use(keep ? cookieToken : tokens.issue(session), !keep);
            }
            return null;
        }
        String formToken = null;
        MediaType type = request.getMediaType();
        if (type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            Object value = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(CsrfTokens.FIELD, true, false);
            formToken = value == null ? null : value.toString();
        }
        if (!tokens.accepts(cookieToken, formToken, session)) {
            Log.debug("Consent center form refused: missing, mismatched or foreign CSRF token");
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(language.msg().formExpired())
                    .build();
        }
        current.use(cookieToken, false);
        return null;
    }

    @ServerResponseFilter
    public void setCookie(ContainerRequestContext request, ContainerResponseContext response) {
        if (current.getToken() != null && current.fresh()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, tokens.setCookie(current.getToken()));
        }
    }

    /** The signed-in session the token is bound to: the member's subject and the OIDC session, or null. */
    private String session() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            return null;
        }
        Object sid = jwt.getClaim("sid");
        return jwt.getSubject() + "\n" + (sid == null ? "" : sid.toString());
    }

    private static boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
