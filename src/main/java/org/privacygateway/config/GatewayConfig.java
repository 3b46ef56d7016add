package org.privacygateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the gateway, under the {@code gateway.} prefix. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The value {@link Pairwise#secret()} has when nobody set it; the prod profile refuses to start with it. */
    String DEFAULT_PAIRWISE_SECRET = "dev-only-pairwise-secret-do-not-use-in-production";

    Pairwise pairwise();

    Partners partners();

    Identity identity();

    Consent consent();

    Audit audit();

    Policy policy();

    Limits limits();

    /** Limits on what one GraphQL request may ask; a query over any of them is refused before it runs. */
    interface Limits {
        @WithDefault("10")
        int maxDepth();

        @WithDefault("1000")
        int maxFields();

        @WithDefault("15")
        int maxAliases();

        @WithDefault("2000")
        int maxTokens();

        /** Largest request body in bytes; a larger one is answered with HTTP 413. */
        @WithDefault("65536")
        long maxBody();
    }

    Stats stats();

    RateLimits rateLimits();

    /**
     * Units per minute (a unit is a field resolved; see the README) for callers other than partners, whose limit is
     * in their partner file. Per gateway replica.
     */
    interface RateLimits {
        /** Public operations, per client address. */
        @WithDefault("120")
        int anonymousPerMinute();

        /** Per member. */
        @WithDefault("300")
        int memberPerMinute();

        /** Per admin. */
        @WithDefault("600")
        int adminPerMinute();
    }

    interface Policy {
        /** A policy version must be published at least this many days before it takes effect. */
        @WithDefault("30")
        int noticeDays();
    }

    interface Stats {
        /** Aggregate buckets with fewer members than this are suppressed. */
        @WithDefault("10")
        int k();
    }

    interface Audit {
        /** How long access events are kept before they are purged. */
        @WithDefault("P400D")
        Duration retention();
    }

    interface Pairwise {
        /** Secret from which each partner's pairwise-id key is derived. Changing it changes every pairwise id. */
        @WithDefault(DEFAULT_PAIRWISE_SECRET)
        String secret();
    }

    interface Partners {
        /** Folder of partner files ({@code <id>.yaml}) applied at start. */
        @WithDefault("partners")
        Path dir();

        /** Apply the partner files at start. */
        @WithDefault("true")
        boolean sync();
    }

    interface Identity {
        /**
         * Token claims that name the calling OIDC client, tried in order. Keycloak sets {@code azp}; some issuers only
         * {@code client_id}. The dev-mode token issuer sets neither, so the dev profile adds {@code sub}.
         */
        @WithDefault("azp,client_id")
        List<String> clientIdClaims();

        /** Realm role a partner's client must hold. */
        @WithDefault("partner")
        String partnerRole();
    }

    interface Consent {
        /** How long a consent lasts unless renewed. */
        @WithDefault("P365D")
        Duration defaultExpiry();
    }
}
