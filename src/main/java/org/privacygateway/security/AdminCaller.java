package org.privacygateway.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;

/** The admin behind the current request: a token with realm role {@code admin}. */
@RequestScoped
public class AdminCaller {

    @Inject
    SecurityIdentity identity;

    @Inject
    org.privacygateway.config.GatewayConfig config;

    @Inject
    RateLimits rateLimits;

    /**
     * The admin's name for the audit trail, charged one unit of the admin limit; throws UNAUTHENTICATED or FORBIDDEN
     * otherwise.
     */
    public String require() {
        String actor = identify();
        rateLimits.admin(actor, 1);
        return actor;
    }

    private String identify() {
        if (identity.isAnonymous()) {
            throw new GatewayException(ErrorCode.UNAUTHENTICATED, "This operation needs an admin's bearer token.");
        }
        if (!identity.hasRole(config.identity().adminRole())) {
            throw GatewayException.forbidden("This operation is for admins only.");
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object username = jwt.getClaim("preferred_username");
            if (username != null) {
                return username instanceof jakarta.json.JsonString s ? s.getString() : username.toString();
            }
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
