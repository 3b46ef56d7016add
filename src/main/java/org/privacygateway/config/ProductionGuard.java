package org.privacygateway.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a production run with settings only fit for development: every secret must be set, must not be a
 * value that ships with the repository, and the keys must be long and random enough; the identity provider and the
 * member service must be reached over https. Each refusal names the setting and the environment variable that sets it; all problems are
 * reported at once, and no secret value is ever printed.
 */
@ApplicationScoped
public class ProductionGuard {

    /** Shortest accepted key or secret, in characters. */
    static final int MIN_SECRET_LENGTH = 32;
    /** Least entropy of a key, estimated from its own character frequencies (a random 32-character key has ~150). */
    static final double MIN_SECRET_BITS = 96;

    /** Values that appear in this repository (dev profile, dev realm, compose files, docs) or are commonly guessed. */
    static final Set<String> KNOWN_VALUES = Set.of("", "secret", "password", "changeme", "change-me", "gateway",
            "postgres", "admin", "consent-center-dev-secret", GatewayConfig.DEFAULT_PAIRWISE_SECRET,
            GatewayConfig.DEFAULT_CSRF_KEY);

    /** What the guard looks at, read from the configuration. */
    public record Settings(String pairwiseSecret, String csrfKey, Optional<String> consentClientSecret,
            Optional<String> databasePassword, Optional<String> apiIssuer, Optional<String> consentIssuer,
            Optional<String> trustedProxies) {

        public Settings(String pairwiseSecret, String csrfKey, Optional<String> consentClientSecret,
                Optional<String> databasePassword, Optional<String> apiIssuer, Optional<String> consentIssuer) {
            this(pairwiseSecret, csrfKey, consentClientSecret, databasePassword, apiIssuer, consentIssuer, Optional.empty());
        }
    }

    /** An IPv4 address, or any CIDR range (IPv4 or IPv6): what the trusted-proxy list may hold. */
    static final java.util.regex.Pattern PROXY_ENTRY = java.util.regex.Pattern.compile(
            "\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?|[0-9A-Fa-f:.]+/\\d{1,3}");

    void onStart(@Observes StartupEvent event, GatewayConfig config, Config raw) {
        // The packaged benchmark build (profile bench, whose parent is prod) runs on a throwaway local database
        // with tokens it signs itself; every other packaged run is production and is checked.
        java.util.List<String> profiles = raw.unwrap(io.smallrye.config.SmallRyeConfig.class).getProfiles();
        if (!profiles.isEmpty() && profiles.get(0).equals("bench")) {
            return;
        }
        List<String> more = new ArrayList<>();
        more.addAll(auditAndWebhooks(config.audit().signingKey(), config.audit().publicKey(),
                config.webhooks().allowLocalReceivers()));
        more.addAll(memberService(config.members().source(), config.members().upstream().url()));
        check(LaunchMode.current(), more, new Settings(config.pairwise().secret(), config.consentCenter().csrfKey(),
                raw.getOptionalValue("quarkus.oidc.consent.credentials.secret", String.class),
                raw.getOptionalValue("quarkus.datasource.password", String.class),
                raw.getOptionalValue("quarkus.oidc.auth-server-url", String.class),
                raw.getOptionalValue("quarkus.oidc.consent.auth-server-url", String.class),
                raw.getOptionalValue("quarkus.http.proxy.trusted-proxies", String.class)));
    }

    static void check(LaunchMode mode, Settings s) {
        check(mode, List.of(), s);
    }

    /** The same, with problems found by the checks of the newer settings ({@link #auditAndWebhooks}). */
    static void check(LaunchMode mode, List<String> more, Settings s) {
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = new ArrayList<>(more);
        key(problems, "gateway.pairwise.secret", "GATEWAY_PAIRWISE_SECRET", s.pairwiseSecret());
        key(problems, "gateway.consent-center.csrf-key", "GATEWAY_CSRF_KEY", s.csrfKey());
        // Also the key that encrypts the session cookie: as long and random as the other keys.
        key(problems, "quarkus.oidc.consent.credentials.secret", "GATEWAY_CONSENT_CLIENT_SECRET",
                s.consentClientSecret().orElse(""));
        secret(problems, "quarkus.datasource.password", "GATEWAY_DB_PASSWORD", s.databasePassword().orElse(""));
        https(problems, "quarkus.oidc.auth-server-url", "GATEWAY_OIDC_ISSUER", s.apiIssuer().orElse(""));
        https(problems, "quarkus.oidc.consent.auth-server-url", "GATEWAY_OIDC_ISSUER", s.consentIssuer().orElse(""));
        for (String entry : s.trustedProxies().map(v -> v.split(",")).orElse(new String[0])) {
            if (!entry.isBlank() && !PROXY_ENTRY.matcher(entry.strip()).matches()) {
                problems.add("quarkus.http.proxy.trusted-proxies may list only IPv4 addresses and CIDR ranges (a host"
                        + " name, or a bare IPv6 address, costs a DNS client per request); fix GATEWAY_TRUSTED_PROXIES");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The gateway refuses to start in production: " + String.join("; ", problems));
        }
    }

    /**
     * The access log's checkpoint key must be a real Ed25519 pair of the operator's own (not the dev key shipped in
     * the repository; that the two halves match is checked by {@code audit.CheckpointKeys}, made at start), and
     * webhooks must not be allowed to reach plain http or loopback receivers.
     */
    static List<String> auditAndWebhooks(String signingKey, String publicKey, boolean allowLocalReceivers) {
        List<String> problems = new ArrayList<>();
        if (signingKey == null || signingKey.isBlank() || GatewayConfig.DEV_AUDIT_SIGNING_KEY.equals(signingKey.strip())
                || publicKey == null || GatewayConfig.DEV_AUDIT_PUBLIC_KEY.equals(publicKey.strip())) {
            problems.add("gateway.audit.signing-key and gateway.audit.public-key must be an Ed25519 key pair of your"
                    + " own, not the dev pair (set GATEWAY_AUDIT_SIGNING_KEY and GATEWAY_AUDIT_PUBLIC_KEY; see the"
                    + " README)");
        }
        if (allowLocalReceivers) {
            problems.add("gateway.webhooks.allow-local-receivers is for dev mode and tests only (it lets webhooks reach"
                    + " plain http and loopback addresses); remove it");
        }
        return problems;
    }

    /**
     * With members read from the marketplace's member service, its URL must be https: the answers are members'
     * personal data, and a plain-http hop can be read or rewritten by anyone on the path.
     */
    static List<String> memberService(GatewayConfig.Members.Source source, Optional<String> url) {
        if (source != GatewayConfig.Members.Source.UPSTREAM) {
            return List.of();
        }
        String value = url.orElse("").strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith("https://")) {
            return List.of("gateway.members.upstream.url must be an https URL when gateway.members.source=upstream"
                    + " (members' personal data would travel in the clear); set GATEWAY_MEMBERS_UPSTREAM_URL to the"
                    + " member service's https address");
        }
        return List.of();
    }

    /** A key: set, not a known value, at least 32 characters, and not guessable from its own letters. */
    private static void key(List<String> problems, String setting, String env, String value) {
        if (!secret(problems, setting, env, value)) {
            return;
        }
        if (value.length() < MIN_SECRET_LENGTH) {
            problems.add(setting + " must be at least " + MIN_SECRET_LENGTH + " characters long (set " + env + ")");
        } else if (entropyBits(value) < MIN_SECRET_BITS) {
            problems.add(setting + " has too little entropy (repeated or patterned characters); set " + env
                    + " to a random value, e.g. from `openssl rand -base64 48`");
        }
    }

    /** A secret: set and not a value from this repository. */
    private static boolean secret(List<String> problems, String setting, String env, String value) {
        if (value == null || value.isBlank()) {
            problems.add(setting + " is not set (set " + env + ")");
            return false;
        }
        if (KNOWN_VALUES.contains(value.toLowerCase(Locale.ROOT)) || value.contains("dev-only")
                || value.toLowerCase(Locale.ROOT).endsWith("-dev-secret")) {
            problems.add(setting + " still has a development value (set " + env + " to a secret of your own)");
            return false;
        }
        return true;
    }

    private static void https(List<String> problems, String setting, String env, String value) {
        if (!value.toLowerCase(Locale.ROOT).startsWith("https://")) {
            problems.add(setting + " must be an https URL (set " + env + ")");
        }
    }

    /** Shannon entropy of the string's own character distribution, times its length: a cheap lower-bound guess. */
    static double entropyBits(String value) {
        Map<Integer, Integer> counts = new HashMap<>();
        value.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int n = value.codePointCount(0, value.length());
        double perChar = 0;
        for (int count : counts.values()) {
            double p = (double) count / n;
            perChar -= p * (Math.log(p) / Math.log(2));
        }
        return perChar * n;
    }
}
