package org.privacygateway.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerDirectory;

/**
 * Turns the bearer token of the current request into the calling partner. The token itself (signature, expiry,
 * issuer, audience) has already been verified by quarkus-oidc, which answers HTTP 401 to a bad one.
 */
@RequestScoped
public class PartnerCaller {

    @Inject
    SecurityIdentity identity;

    @Inject
    GatewayConfig config;

    @Inject
    PartnerDirectory directory;

    @Inject
    RateLimits rateLimits;

    @Inject
    KnownPartners knownPartners;

    @Inject
    io.quarkus.vertx.http.runtime.CurrentVertxRequest request;

    private Partner partner;

    /**
     * The calling partner, active, with its declared requests loaded, charged one unit; throws the matching error
     * otherwise. Called once by every field a partner asks for.
     */
    public Partner require() {
        Partner found = identify();
        rateLimits.partner(found.id, found.rateLimitPerMinute, 1);
        return found;
    }

    /** Charges the calling partner more units: member reads cost one per member asked for. */
    public void charge(int units) {
        Partner found = identify();
        rateLimits.partner(found.id, found.rateLimitPerMinute, units);
    }

    private Partner identify() {
        if (partner != null) {
            return partner;
        }
        if (identity.isAnonymous()) {
            throw new GatewayException(ErrorCode.UNAUTHENTICATED, "This operation needs a partner's bearer token.");
        }
        if (!identity.hasRole(config.identity().partnerRole())) {
            throw GatewayException.forbidden("This operation is for partners only.");
        }
        String clientId = KnownPartners.clientId(identity, config.identity().clientIdClaims()).orElseThrow(
                () -> GatewayException.forbidden("The token names no client; this operation is for partners only."));
        Partner found = directory.byClientId(clientId).orElseThrow(() -> {
            Log.infof("Token of unregistered client %s refused on a partner operation", clientId);
            return GatewayException.forbidden("This client is not a registered partner.");
        });
        knownPartners.remember(clientId, found.policyUrl);
        // The partner's policy link travels with every response to it, refusals included.
        if (request.getCurrent() != null) {
            request.getCurrent().response().headers().set("Link", KnownPartners.policyLink(found.policyUrl));
        }
        if (!found.active()) {
            throw new GatewayException(ErrorCode.PARTNER_SUSPENDED,
                    "Partner access is suspended. Contact the marketplace's partner team.");
        }
        partner = found;
        return found;
    }
}
