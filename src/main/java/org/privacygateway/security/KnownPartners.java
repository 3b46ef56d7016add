package org.privacygateway.security;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.partner.PartnerDirectory;

/**
 * Which registered partner a verified token belongs to, for the responses that end before any resolver asked
 * ({@code PartnerCaller} is the resolvers' way in, and refuses instead). A partner response carries the partner's
 * policy link whenever the partner is known: the gate asks here once the token is verified, on a worker thread, and
 * leaves the answer on the request for the response shaping, which may run on the I/O thread. Links are remembered
 * per client for 30 seconds, so this costs a map lookup per request and a read per partner now and then. Never
 * throws: a lookup that fails leaves the response without the link rather than turning a refusal into a failure.
 */
@ApplicationScoped
public class KnownPartners {

    @Inject
    GatewayConfig config;

    @Inject
    PartnerDirectory directory;

    /** How long a looked-up policy link is trusted; a partner's own reads refresh it ({@link #remember}). */
    static final long TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_ENTRIES = 4096;

    /** A client's partner policy URL, or null for a client that is no registered partner, and until when. */
    private record Known(String policyUrl, long until) {
    }

    private final ConcurrentHashMap<String, Known> byClient = new ConcurrentHashMap<>();

    /**
     * The policy URL of the registered partner (active or suspended) behind a verified identity with the partner
     * role, or empty. Answers from memory when it can; otherwise reads the partner, which blocks: call it on a worker
     * thread. Member, admin and anonymous callers never cost a read.
     */
    public Optional<String> policyUrl(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(config.identity().partnerRole())) {
            return Optional.empty();
        }
        try {
            Optional<String> clientId = clientId(identity, config.identity().clientIdClaims());
            if (clientId.isEmpty()) {
                return Optional.empty();
            }
            Known known = byClient.get(clientId.get());
            if (known == null || known.until() - System.nanoTime() < 0) {
                known = store(clientId.get(), directory.byClientId(clientId.get()).map(p -> p.policyUrl).orElse(null));
            }
            return Optional.ofNullable(known.policyUrl());
        } catch (RuntimeException e) {
            Log.debugf("Partner lookup for a response link failed: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Notes a partner's policy URL as just read by its client's own request. */
    public void remember(String clientId, String policyUrl) {
        store(clientId, policyUrl);
    }

    private Known store(String clientId, String policyUrl) {
        if (byClient.size() >= MAX_ENTRIES) {
            byClient.clear();
        }
        Known known = new Known(policyUrl, System.nanoTime() + TTL_NANOS);
        byClient.put(clientId, known);
        return known;
    }

    /** The value of an HTTP {@code Link} header pointing at a partner's privacy policy. */
    public static String policyLink(String policyUrl) {
        return "<" + policyUrl + ">; rel=\"privacy-policy\"";
    }

    /** The token's client, from the first configured claim that has one ({@code azp}, else {@code client_id}). */
    static Optional<String> clientId(SecurityIdentity identity, List<String> claims) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        for (String claim : claims) {
            Object value = jwt.getClaim(claim);
            String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
            if (text != null && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
