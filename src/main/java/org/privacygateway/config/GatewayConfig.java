package org.privacygateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the gateway, under the {@code gateway.} prefix, with its default: the one place defaults live
 * ({@code application.properties} sets only what differs per profile). Scheduled jobs cannot take an injected value
 * in their annotation, so they name their key here in a config expression ({@code every = "${gateway...}"}) with no
 * fallback of their own; the default declared here is the one they get.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The value {@link Pairwise#secret()} has when nobody set it; the prod profile refuses to start with it. */
    String DEFAULT_PAIRWISE_SECRET = "dev-only-pairwise-secret-do-not-use-in-production";

    /** The value {@link ConsentCenter#csrfKey()} has when nobody set it; the prod profile refuses to start with it. */
    String DEFAULT_CSRF_KEY = "dev-only-csrf-key-do-not-use-in-production";

    /**
     * The Ed25519 checkpoint key of dev mode and the tests (PKCS#8, base64 DER), published here and so no secret: the
     * prod profile refuses to start with it. Its public half is {@link #DEV_AUDIT_PUBLIC_KEY}.
     */
    String DEV_AUDIT_SIGNING_KEY = "MC4CAQAwBQYDK2VwBCIEIJs9JVmzWgWJ5vlh3Rwwqt3di/NoF3xrYNlglST0bDe3";

    /** The public half of {@link #DEV_AUDIT_SIGNING_KEY} (X.509 SubjectPublicKeyInfo, base64 DER). */
    String DEV_AUDIT_PUBLIC_KEY = "MCowBQYDK2VwAyEAJ1eezB9aV+GBhlz1lMphKu1NByJPapRe4fibnlW5IwA=";

    Pairwise pairwise();

    Partners partners();

    Identity identity();

    Consent consent();

    Audit audit();

    Policy policy();

    Limits limits();

    Graphql graphql();

    /**
     * The start-up work against the database: the partner file sync, the member order backfill, the audience snapshot
     * due at start (writes), the policy warm-up (a read of tables an older schema may lack). Off for a one-off command
     * that reads only what it needs ({@code plan-partners}); the server keeps it on.
     */
    @io.smallrye.config.WithName("start-up-work")
    @WithDefault("true")
    boolean startUpWork();

    Members members();

    /** Where the member facts partners read come from (docs/member-source.md, decision record 13). */
    interface Members {
        /**
         * {@code local}: the gateway's own member table. {@code upstream}: the marketplace's member service, read in
         * one batch call per page through the contract in docs/member-service.openapi.yaml.
         */
        @WithDefault("local")
        Source source();

        Upstream upstream();

        enum Source {
            LOCAL,
            UPSTREAM
        }

        interface Upstream {
            /**
             * Base URL of the member service (GATEWAY_MEMBERS_UPSTREAM_URL). In dev mode, when unset, the gateway
             * starts the stub member service itself on {@code stub-port}, serving the demo members.
             */
            Optional<String> url();

            /**
             * The member service accepts corrections and erasures through the contract. When false they are shown
             * to the member as handled by the marketplace, with {@link #profileUrl()}.
             */
            @WithDefault("true")
            boolean writable();

            /** Where members correct or erase their data at the marketplace, shown when the service is read-only. */
            @WithDefault("https://marketplace.example/account/profile")
            String profileUrl();

            /** Time to open a connection to the member service. */
            @WithDefault("1s")
            Duration connectTimeout();

            /**
             * Time for the whole answer, from sending the request to its last byte (a service that trickles its answer
             * is cut like one that never answers); with {@link #connectTimeout()}, a call's deadline (3 s).
             */
            @WithDefault("2s")
            Duration readTimeout();

            /**
             * Largest batch-read answer held, in bytes; a larger one is cut as it streams in and the read fails closed.
             * The default is twice the largest legitimate answer: 100 records (the largest batch) of at most ~20 KB
             * each (every field at the gateway's own length limit, ~3,200 characters, each in its longest JSON form,
             * a six-byte escape, plus the field names), about 2 MB. A real record is under 1 KB.
             */
            @WithDefault("4194304")
            long maxAnswerBytes();

            /** Dev mode only: the loopback port of the stub member service started when no URL is set. */
            @WithDefault("8181")
            int stubPort();
        }
    }

    Webhooks webhooks();

    /** Consent-change webhooks: how the outbox is delivered (decision record 15). */
    interface Webhooks {
        /** How often {@code webhook/WebhookDelivery} sends what is due ({@code off} disables it). */
        @WithDefault("2s")
        String deliverEvery();

        /** A delivery that keeps failing is retried (exponential backoff with jitter) this long, then parked. */
        @WithDefault("P1D")
        Duration giveUpAfter();

        /** The first retry's delay; each further one doubles it, up to {@link #maxBackoff()}, with random jitter. */
        @WithDefault("PT5S")
        Duration firstBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();

        /** Connect timeout, and separately the time allowed for the receiver's answer. */
        @WithDefault("PT3S")
        Duration connectTimeout();

        @WithDefault("PT5S")
        Duration readTimeout();

        /** Deliveries in flight at once on one replica. */
        @WithDefault("8")
        int maxConcurrent();

        /** Deliveries one run claims at most (a run also stops claiming after {@link #runBudget()}). */
        @WithDefault("200")
        int batchSize();

        @WithDefault("PT20S")
        Duration runBudget();

        /**
         * Lets webhooks use plain http and loopback addresses: for dev mode and the tests' own receivers only. The
         * prod profile refuses to start with it on; private, link-local and metadata addresses stay refused.
         */
        @WithDefault("false")
        boolean allowLocalReceivers();
    }

    /** How GraphQL requests are executed. */
    interface Graphql {
        /**
         * Partner member reads ({@code member}, {@code members}) answered by compiled plans with a streaming writer
         * instead of the field-by-field engine. Same answers (a differential test holds them equal); off only to
         * compare or to rule it out.
         */
        @WithDefault("true")
        boolean compiledReads();

        /**
         * Bytes of compiled plans kept, all partners together, as estimated from what each plan holds (its fields,
         * names and arguments); least recently compiled first out of the partner holding the most.
         */
        @WithDefault("4194304")
        long planCacheBytes();

        /**
         * Bytes of plans one partner's documents may keep (a quarter of the whole by default): a partner sending
         * endless distinct documents evicts its own plans, not other partners'.
         */
        @WithDefault("1048576")
        long planCachePartnerBytes();

        /** A plan larger than this answers its request and is not kept. */
        @WithDefault("65536")
        long planMaxBytes();
    }

    ConsentCenter consentCenter();

    /** The consent center's browser session. */
    interface ConsentCenter {
        /** Key of the CSRF tokens' MAC (GATEWAY_CSRF_KEY). Changing it invalidates open forms, nothing else. */
        @WithDefault(DEFAULT_CSRF_KEY)
        String csrfKey();

        /**
         * Cookies only over https: the CSRF cookie becomes {@code __Host-csrf} with {@code Secure}. On in production;
         * dev mode and the test suite run on plain http and turn it off.
         */
        @WithDefault("true")
        boolean secureCookies();
    }

    /**
     * Limits on what one GraphQL request may ask; a query over any of them is refused before it runs. Callers
     * without a token get the tighter {@link Anonymous} budget, enough for the public operations only.
     */
    interface Limits {
        @WithDefault("10")
        int maxDepth();

        @WithDefault("1000")
        int maxFields();

        @WithDefault("15")
        int maxAliases();

        @WithDefault("2000")
        int maxTokens();

        /** Longest query text in characters. */
        @WithDefault("16384")
        int maxQueryCharacters();

        /** How many fragment spreads may nest inside one another. */
        @WithDefault("16")
        int maxFragmentNesting();

        /** Largest request body in bytes; a larger one is answered with HTTP 413. */
        @WithDefault("65536")
        long maxBody();

        /**
         * Request bodies the gateway holds at once, in bytes, across all requests; beyond it new requests get HTTP
         * 503 until some finish. Charged only once the token is verified: {@code anonymous.in-flight-percent} of it
         * is the share of requests without one. Unset: one sixteenth of the maximum heap.
         */
        Optional<Long> inFlightBodyBytes();

        /**
         * How long a request body may take to arrive, counted from its headers: a slower one is answered 408 and
         * its connection closed, and what it held is given back. With 64 KiB bodies, 10 s is 6.5 KB/s at least.
         */
        @WithDefault("10s")
        Duration bodyDeadline();

        /**
         * The part, in percent, of each in-flight budget (signed-in, anonymous) one client address may hold (an IPv6
         * address by its /64); beyond it, HTTP 429. Never less than one body of the budget's largest size.
         */
        @WithDefault("10")
        int perAddressPercent();

        /** How many admission verdicts (keyed by a SHA-256 of the query, never the query) are remembered. */
        @WithDefault("4096")
        int verdictCacheEntries();

        Anonymous anonymous();

        /** The budget of a request without a token: enough for {@code privacyPolicy} and {@code coBrand}. */
        interface Anonymous {
            @WithDefault("5")
            int maxDepth();

            @WithDefault("40")
            int maxFields();

            @WithDefault("4")
            int maxAliases();

            @WithDefault("200")
            int maxTokens();

            @WithDefault("2048")
            int maxQueryCharacters();

            @WithDefault("4")
            int maxFragmentNesting();

            /**
             * The part, in percent, of {@code in-flight-body-bytes} for requests without a verified token; signed-in
             * callers have the rest, so anonymous senders cannot starve them. 1 to 99.
             */
            @WithDefault("10")
            int inFlightPercent();

            /** Largest body of a request without a token, in bytes. */
            @WithDefault("4096")
            long maxBody();
        }
    }

    Stats stats();

    RateLimits rateLimits();

    /**
     * Units per minute (a unit is a field resolved; see the README) for callers other than partners, whose limit is
     * in their partner file. Per gateway replica.
     */
    interface RateLimits {
        /** Where buckets live: this replica's memory, or Redis shared by every replica. */
        enum Store {
            /** In this replica's memory: the embedded default, right for one replica (dev, tests, small sites). */
            LOCAL,
            /** In Redis ({@code quarkus.redis.hosts}, REDIS_URL), so a limit holds for the whole deployment. */
            REDIS
        }

        /**
         * {@code local} (default) or {@code redis}; the prod profile sets {@code redis}. With Redis unreachable the
         * gateway keeps serving on per-replica buckets, says so in the log and in the gauge
         * {@code gateway_rate_limit_store_degraded}, and tries Redis again after {@link #storeRetry()}.
         */
        @WithDefault("local")
        Store store();

        /** After a Redis failure, how long this replica stays on its own buckets before it tries Redis again. */
        @WithDefault("PT5S")
        Duration storeRetry();

        /**
         * How long a charge waits for Redis; past it Redis counts as down and this replica uses its own buckets until
         * {@link #storeRetry()}. Redis answers a charge in about a millisecond, so a Redis slower than this is
         * degraded: it then costs one request this long per retry, not its latency on every request.
         */
        @WithDefault("100ms")
        Duration storeTimeout();

        /**
         * With Redis: how many replicas share a limit, at most. A replica that falls back to its own bucket for a key
         * it never heard Redis on starts it at {@code perMinute / fallbackReplicas} (a key Redis answered for starts
         * from Redis's last count), so a slow or lost Redis never hands a caller a fresh full bucket.
         */
        @WithDefault("4")
        int fallbackReplicas();

        /** Public operations, per client address (an IPv6 one by its /64). */
        @WithDefault("120")
        int anonymousPerMinute();

        /**
         * Whether an anonymous caller's address is X-Forwarded-For's first entry when the connection comes from a
         * trusted proxy ({@code quarkus.http.proxy.trusted-proxies}); otherwise it is the connection's peer. Only for a
         * proxy that replaces the header with the address it saw (ingress-nginx does, with its default
         * {@code use-forwarded-headers: false}): one that appends lets every client choose its own address.
         */
        @WithDefault("false")
        boolean trustForwardedFor();

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

        /**
         * A policy version may take effect at most this many days after it is published: a date further off (the
         * year 9999, say) would be a promise no one can keep, and would hold back every later version's date.
         */
        @WithDefault("730")
        int maxLeadDays();
    }

    /** Audience statistics (ANALYTICS): only aggregates, from a periodic snapshot, rounded, small buckets left out. */
    interface Stats {
        /** Aggregate buckets (and a total) with fewer members than this are left out, without any count of them. */
        @WithDefault("10")
        int k();

        /** Every published count is rounded to the nearest multiple of this. */
        @WithDefault("5")
        int rounding();

        /** One snapshot per partner per period, counted from the epoch in UTC; at least a day (P1D). */
        @WithDefault("P1D")
        Duration period();

        /**
         * How often the scheduler looks for partners without a snapshot of the current period ({@code off} disables
         * it; the snapshot at start still runs). This does not change how often the statistics change: once a period.
         * Read by {@code member/AudienceStats}'s {@code @Scheduled} through {@code ${gateway.stats.snapshot-check}}.
         */
        @WithDefault("1h")
        String snapshotCheck();
    }

    interface Audit {
        /** How long access events are kept before they are purged. */
        @WithDefault("P400D")
        Duration retention();

        /**
         * How often the retention purge runs ({@code audit/RetentionJob}), as a scheduler period such as {@code 6h};
         * {@code off} disables it. Read by the job's {@code @Scheduled} through the expression
         * {@code ${gateway.audit.purge-every}}.
         */
        @WithDefault("6h")
        String purgeEvery();

        /**
         * How often {@code audit/CheckpointJob} seals new access events into a signed checkpoint ({@code off}
         * disables it). Read through {@code ${gateway.audit.checkpoint-every}}.
         */
        @WithDefault("1m")
        String checkpointEvery();

        /**
         * Events are sealed only once the database recorded them at least this long ago, so that no transaction that
         * took a lower position can still commit after its range was sealed. It must be at least twice the longest
         * transaction ({@code quarkus.transaction-manager.default-transaction-timeout}, 60 s): see decision record 16.
         */
        @WithDefault("PT2M")
        Duration sealAfter();

        /** Most events in one checkpoint; a run seals more as several chained checkpoints. */
        @WithDefault("50000")
        int maxCheckpointEvents();

        /**
         * The Ed25519 key that signs checkpoints: PKCS#8, base64 of the DER (GATEWAY_AUDIT_SIGNING_KEY; make one with
         * {@code openssl genpkey -algorithm ed25519 -outform DER | base64 -w0}). The prod profile refuses the dev key.
         */
        @WithDefault(DEV_AUDIT_SIGNING_KEY)
        String signingKey();

        /**
         * Its public half, X.509 SubjectPublicKeyInfo, base64 of the DER (GATEWAY_AUDIT_PUBLIC_KEY; from the private key
         * with {@code openssl pkey -pubout -outform DER | base64 -w0}). Checked against the signing key at start, and
         * published at {@code /audit/checkpoint-key.pem}.
         */
        @WithDefault(DEV_AUDIT_PUBLIC_KEY)
        String publicKey();
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

        /** Realm role a member's account must hold (the consent center and the member API). */
        @WithDefault("member")
        String memberRole();

        /** Realm role of the marketplace's admins. */
        @WithDefault("admin")
        String adminRole();
    }

    interface Consent {
        /** How long a consent lasts unless renewed. */
        @WithDefault("P365D")
        Duration defaultExpiry();

        /**
         * How often {@code consent/ExpiryWatch} records consents that ran out, so partners see them in their change
         * feed; {@code off} disables it. Read by the job's {@code @Scheduled} through {@code ${gateway.consent.expiry-check}}.
         */
        @WithDefault("60s")
        String expiryCheck();
    }
}
