package org.privacygateway.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;

/**
 * Chooses the OIDC tenant by path alone: the consent center's pages use the browser-session tenant, everything
 * else (the GraphQL API above all) the bearer-token tenant. Deciding by path, never by which cookies arrive, is what
 * keeps a consent-center session cookie from ever authenticating an API call.
 */
@ApplicationScoped
public class GatewayTenants implements TenantResolver {

    public static final String CONSENT_CENTER = "consent";
    /** quarkus-oidc's id of the default tenant. */
    public static final String API = "Default";

    @Override
    public String resolve(RoutingContext context) {
        return ConsentPaths.isConsentCenter(context.normalizedPath()) ? CONSENT_CENTER : API;
    }
}
