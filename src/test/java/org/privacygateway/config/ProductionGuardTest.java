package org.privacygateway.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

/** Production refuses to start while any secret is missing, left at its dev value or guessable, or without https. */
class ProductionGuardTest {

    static final String PAIRWISE = "k3Jx9vQ2mZ7pL0wR5tY8uB4nC6dF1gH3";
    static final String CSRF = "Vh2q8Lr0sZ3xW9mT5kP1yN7cB4dG6fJa";
    static final String CLIENT_SECRET = "b7Rt2Qm9Xz4Lw8Kp1Vn6Hc3Jd5Fs0GaYe";
    static final String DB_PASSWORD = "p9Wm3Zr7Qx1Lt5Kv8Nb2Hc6Jd4Fs0Ga";
    static final String ISSUER = "https://login.marketplace.example/realms/privacy-gateway";

    static ProductionGuard.Settings good() {
        return new ProductionGuard.Settings(PAIRWISE, CSRF, Optional.of(CLIENT_SECRET), Optional.of(DB_PASSWORD),
                Optional.of(ISSUER), Optional.of(ISSUER));
    }

    static String refusal(ProductionGuard.Settings s) {
        return assertThrows(IllegalStateException.class, () -> ProductionGuard.check(LaunchMode.NORMAL, s)).getMessage();
    }

    static void refusedNaming(ProductionGuard.Settings s, String setting, String env) {
        String message = refusal(s);
        assertTrue(message.contains(setting), message);
        assertTrue(message.contains(env), message);
    }

    @Test
    void productionStartsWithRealSecretsAndHttpsAndDevModeWithItsDefaults() {
        assertDoesNotThrow(() -> ProductionGuard.check(LaunchMode.NORMAL, good()));
        ProductionGuard.Settings dev = new ProductionGuard.Settings(GatewayConfig.DEFAULT_PAIRWISE_SECRET,
                GatewayConfig.DEFAULT_CSRF_KEY, Optional.empty(), Optional.of("gateway"),
                Optional.of("http://localhost:8180/realms/privacy-gateway"), Optional.empty());
        assertDoesNotThrow(() -> ProductionGuard.check(LaunchMode.DEVELOPMENT, dev));
        assertDoesNotThrow(() -> ProductionGuard.check(LaunchMode.TEST, dev));
    }

    @Test
    void theDefaultPairwiseSecretIsRefused() {
        var g = good();
        refusedNaming(new ProductionGuard.Settings(GatewayConfig.DEFAULT_PAIRWISE_SECRET, g.csrfKey(),
                g.consentClientSecret(), g.databasePassword(), g.apiIssuer(), g.consentIssuer()),
                "gateway.pairwise.secret", "GATEWAY_PAIRWISE_SECRET");
    }

    @Test
    void aShortPairwiseSecretIsRefused() {
        var g = good();
        refusedNaming(new ProductionGuard.Settings("k3Jx9vQ2mZ7p", g.csrfKey(), g.consentClientSecret(),
                g.databasePassword(), g.apiIssuer(), g.consentIssuer()), "gateway.pairwise.secret", "GATEWAY_PAIRWISE_SECRET");
    }

    @Test
    void aLowEntropyPairwiseSecretIsRefused() {
        var g = good();
        for (String weak : new String[] { "a".repeat(32), "ab".repeat(20), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "1234".repeat(10) }) {
            String message = refusal(new ProductionGuard.Settings(weak, g.csrfKey(), g.consentClientSecret(),
                    g.databasePassword(), g.apiIssuer(), g.consentIssuer()));
            assertTrue(message.contains("gateway.pairwise.secret") && message.contains("entropy"), message);
            assertFalse(message.contains(weak), "a refusal must never print the secret");
        }
    }

    @Test
    void aMissingDefaultOrWeakCsrfKeyIsRefused() {
        var g = good();
        for (String bad : new String[] { "", GatewayConfig.DEFAULT_CSRF_KEY, "x".repeat(40), "short-key" }) {
            refusedNaming(new ProductionGuard.Settings(g.pairwiseSecret(), bad, g.consentClientSecret(),
                    g.databasePassword(), g.apiIssuer(), g.consentIssuer()), "gateway.consent-center.csrf-key", "GATEWAY_CSRF_KEY");
        }
    }

    @Test
    void aMissingOrDevConsentCenterClientSecretIsRefused() {
        var g = good();
        for (Optional<String> bad : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("secret"),
                Optional.of("consent-center-dev-secret"), Optional.of("too-short-for-a-cookie-key"))) {
            refusedNaming(new ProductionGuard.Settings(g.pairwiseSecret(), g.csrfKey(), bad, g.databasePassword(),
                    g.apiIssuer(), g.consentIssuer()), "quarkus.oidc.consent.credentials.secret", "GATEWAY_CONSENT_CLIENT_SECRET");
        }
    }

    @Test
    void aMissingOrDevDatabasePasswordIsRefused() {
        var g = good();
        for (Optional<String> bad : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("gateway"),
                Optional.of("postgres"))) {
            refusedNaming(new ProductionGuard.Settings(g.pairwiseSecret(), g.csrfKey(), g.consentClientSecret(), bad,
                    g.apiIssuer(), g.consentIssuer()), "quarkus.datasource.password", "GATEWAY_DB_PASSWORD");
        }
    }

    @Test
    void anIssuerThatIsNotHttpsIsRefused() {
        var g = good();
        Optional<String> http = Optional.of("http://keycloak:8080/realms/privacy-gateway");
        refusedNaming(new ProductionGuard.Settings(g.pairwiseSecret(), g.csrfKey(), g.consentClientSecret(),
                g.databasePassword(), http, g.consentIssuer()), "quarkus.oidc.auth-server-url", "GATEWAY_OIDC_ISSUER");
        refusedNaming(new ProductionGuard.Settings(g.pairwiseSecret(), g.csrfKey(), g.consentClientSecret(),
                g.databasePassword(), g.apiIssuer(), http), "quarkus.oidc.consent.auth-server-url", "GATEWAY_OIDC_ISSUER");
        refusedNaming(new ProductionGuard.Settings(g.pairwiseSecret(), g.csrfKey(), g.consentClientSecret(),
                g.databasePassword(), Optional.empty(), g.consentIssuer()), "quarkus.oidc.auth-server-url", "GATEWAY_OIDC_ISSUER");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String message = refusal(new ProductionGuard.Settings(GatewayConfig.DEFAULT_PAIRWISE_SECRET,
                GatewayConfig.DEFAULT_CSRF_KEY, Optional.empty(), Optional.of("gateway"), Optional.of("http://kc/realms/x"),
                Optional.of("http://kc/realms/x")));
        for (String setting : new String[] { "gateway.pairwise.secret", "gateway.consent-center.csrf-key",
                "quarkus.oidc.consent.credentials.secret", "quarkus.datasource.password", "quarkus.oidc.auth-server-url",
                "quarkus.oidc.consent.auth-server-url" }) {
            assertTrue(message.contains(setting), setting + " missing from: " + message);
        }
    }

    @Test
    void trustedProxiesMustBeAddressesNotHostNames() {
        var g = good();
        for (String ok : new String[] { "127.0.0.1", "10.0.0.0/8,192.168.1.7", "fd00::/8" }) {
            assertDoesNotThrow(() -> ProductionGuard.check(LaunchMode.NORMAL, new ProductionGuard.Settings(g.pairwiseSecret(),
                    g.csrfKey(), g.consentClientSecret(), g.databasePassword(), g.apiIssuer(), g.consentIssuer(),
                    Optional.of(ok))), ok);
        }
        for (String bad : new String[] { "ingress.internal", "127.0.0.1,::1", "proxy:8080" }) {
            refusedNaming(new ProductionGuard.Settings(g.pairwiseSecret(), g.csrfKey(), g.consentClientSecret(),
                    g.databasePassword(), g.apiIssuer(), g.consentIssuer(), Optional.of(bad)),
                    "quarkus.http.proxy.trusted-proxies", "GATEWAY_TRUSTED_PROXIES");
        }
    }

    @Test
    void theDevCheckpointKeyAndLocalWebhookReceiversAreRefused() {
        String own = "MC4CAQAwBQYDK2VwBCIEIKq2yvJkXr5Ltq5K9ZqN0m5Yx1b0r9m3n4c2a7v8w6e1";
        String ownPublic = "MCowBQYDK2VwAyEA2Nf0HWm4xk9N6mGsb0cGBM0x8kY3lZbM2R4KXy6wE8c=";
        assertTrue(ProductionGuard.auditAndWebhooks(own, ownPublic, false).isEmpty());
        for (var problems : java.util.List.of(
                ProductionGuard.auditAndWebhooks(GatewayConfig.DEV_AUDIT_SIGNING_KEY, GatewayConfig.DEV_AUDIT_PUBLIC_KEY,
                        false),
                ProductionGuard.auditAndWebhooks("", ownPublic, false),
                ProductionGuard.auditAndWebhooks(own, GatewayConfig.DEV_AUDIT_PUBLIC_KEY, false))) {
            String message = assertThrows(IllegalStateException.class,
                    () -> ProductionGuard.check(LaunchMode.NORMAL, problems, good())).getMessage();
            assertTrue(message.contains("gateway.audit.signing-key"), message);
            assertTrue(message.contains("GATEWAY_AUDIT_SIGNING_KEY"), message);
        }
        var local = ProductionGuard.auditAndWebhooks(own, ownPublic, true);
        String message = assertThrows(IllegalStateException.class,
                () -> ProductionGuard.check(LaunchMode.NORMAL, local, good())).getMessage();
        assertTrue(message.contains("gateway.webhooks.allow-local-receivers"), message);
        assertDoesNotThrow(() -> ProductionGuard.check(LaunchMode.DEVELOPMENT,
                ProductionGuard.auditAndWebhooks(GatewayConfig.DEV_AUDIT_SIGNING_KEY, GatewayConfig.DEV_AUDIT_PUBLIC_KEY,
                        true), good()));
    }

    @Test
    void anUpstreamMemberServiceMustBeReachedOverHttps() {
        var upstream = GatewayConfig.Members.Source.UPSTREAM;
        assertTrue(ProductionGuard.memberService(upstream, java.util.Optional.of("https://members.internal")).isEmpty());
        assertTrue(ProductionGuard.memberService(GatewayConfig.Members.Source.LOCAL,
                java.util.Optional.of("http://members.internal")).isEmpty(), "no member service, nothing to check");
        for (var url : java.util.List.of(java.util.Optional.of("http://members.internal"),
                java.util.Optional.of("HTTP://members.internal:8080"), java.util.Optional.<String>empty())) {
            var problems = ProductionGuard.memberService(upstream, url);
            String message = assertThrows(IllegalStateException.class,
                    () -> ProductionGuard.check(LaunchMode.NORMAL, problems, good())).getMessage();
            assertTrue(message.contains("gateway.members.upstream.url must be an https URL"), message);
            assertTrue(message.contains("GATEWAY_MEMBERS_UPSTREAM_URL"), message);
            assertDoesNotThrow(() -> ProductionGuard.check(LaunchMode.DEVELOPMENT, problems, good()));
        }
    }
}
