package org.privacygateway.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.ops.GatewayMetrics;
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
        Lookup found = lookup(identity, config, directory);
        if (found.partner() != null) {
            knownPartners.remember(found.clientId(), found.partner().policyUrl);
            // The partner's policy link travels with every response to it, refusals included.
            if (request.getCurrent() != null) {
                request.getCurrent().response().headers().set("Link", KnownPartners.policyLink(found.partner().policyUrl));
                request.getCurrent().put(GatewayMetrics.PARTNER, found.partner().id);
            }
        }
        if (found.refusal() != null) {
            throw found.refusal();
        }
        partner = found.partner();
        return partner;
    }

    /**
     * The client a verified identity claims to be as a partner: set only for a token with the partner role that
     * names a client. From the token alone, no I/O: whether that client is a registered, active partner is
     * {@link #lookup}'s to say.
     */
    public static java.util.Optional<String> claimedClient(SecurityIdentity identity, GatewayConfig config) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(config.identity().partnerRole())) {
            return java.util.Optional.empty();
        }
        return KnownPartners.clientId(identity, config.identity().clientIdClaims());
    }

    /**
     * Who a verified identity is as a partner: the registered partner behind its client (with {@code refusal} set
     * when it is suspended), or only a refusal. No side effects: the compiled read path asks this too.
     */
    public static Lookup lookup(SecurityIdentity identity, GatewayConfig config, PartnerDirectory directory) {
        if (identity == null || identity.isAnonymous()) {
            return new Lookup(null, null,
                    new GatewayException(ErrorCode.UNAUTHENTICATED, "This operation needs a partner's bearer token."));
        }
        if (!identity.hasRole(config.identity().partnerRole())) {
            return new Lookup(null, null, GatewayException.forbidden("This operation is for partners only."));
        }
        String clientId = KnownPartners.clientId(identity, config.identity().clientIdClaims()).orElse(null);
        if (clientId == null) {
            return new Lookup(null, null,
                    GatewayException.forbidden("The token names no client; this operation is for partners only."));
        }
        Partner found = directory.byClientId(clientId).orElse(null);
        if (found == null) {
            Log.infof("Token of unregistered client %s refused on a partner operation", clientId);
            return new Lookup(clientId, null, GatewayException.forbidden("This client is not a registered partner."));
        }
        if (!found.active()) {
            return new Lookup(clientId, found, new GatewayException(ErrorCode.PARTNER_SUSPENDED,
                    "Partner access is suspended. Contact the marketplace's partner team."));
        }
        return new Lookup(clientId, found, null);
    }

    /** The outcome of {@link #lookup}: a partner may be set together with a refusal (a suspended partner). */
    public record Lookup(String clientId, Partner partner, GatewayException refusal) {
    }
}
