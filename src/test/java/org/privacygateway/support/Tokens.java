package org.privacygateway.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Tokens as Keycloak issues them (issuer, audience, azp, realm roles), signed with the key the test OIDC server
 * publishes, plus the broken kinds the gateway must refuse.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "privacy-gateway-api";

    private Tokens() {
    }

    public static String partner(String clientId) {
        return claims(clientId, "service-account-" + clientId, Set.of("partner")).sign();
    }

    public static String member(String subject) {
        return claims("consent-center", subject, Set.of("member")).sign();
    }

    public static String admin(String username) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("admin-" + username)
                .preferredUserName(username)
                .claim("azp", "admin-console")
                .claim("realm_access", Map.of("roles", List.of("admin")))
                .expiresIn(Duration.ofMinutes(5))
                .jws().keyId("1").sign();
    }

    /** A token whose roles sit only in {@code groups}: the gateway reads roles from {@code realm_access} alone. */
    public static String withRolesInGroups(String azp, String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("azp", azp)
                .groups(Set.of(roles)).expiresIn(Duration.ofMinutes(5)).jws().keyId("1").sign();
    }

    /** A token whose roles are client roles ({@code resource_access}), of the gateway client and of its own. */
    public static String withClientRoles(String azp, String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("azp", azp)
                .claim("resource_access", Map.of(AUDIENCE, Map.of("roles", List.of(roles)), azp,
                        Map.of("roles", List.of(roles))))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("1").sign();
    }

    /** A token whose roles are in a custom claim ({@code roles}, and {@code realm_roles}). */
    public static String withRolesInCustomClaim(String azp, String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("azp", azp)
                .claim("roles", List.of(roles)).claim("realm_roles", List.of(roles))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId("1").sign();
    }

    /**
     * The token endpoint's answer to the consent center's code exchange, as Keycloak gives it: an ID token for the
     * consent-center client and an access token; {@code roleClaims} are put into both (e.g. realm_access).
     */
    public static String codeFlowResponse(String subject, String sessionId, Map<String, Object> roleClaims) {
        JwtClaimsBuilder id = Jwt.issuer(ISSUER).audience("consent-center").subject(subject)
                .preferredUserName(subject).claim("sid", sessionId).claim("azp", "consent-center")
                .issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(5));
        JwtClaimsBuilder access = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("sid", sessionId)
                .claim("azp", "consent-center").issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(5));
        roleClaims.forEach((k, v) -> {
            id.claim(k, v);
            access.claim(k, v);
        });
        return "{\"access_token\":\"" + access.jws().keyId("1").sign() + "\",\"id_token\":\"" + id.jws().keyId("1").sign()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
    }

    public static Map<String, Object> realmRoles(String... roles) {
        return Map.of("realm_access", Map.of("roles", List.of(roles)));
    }

    public static String clientWithoutPartnerRole(String clientId) {
        return claims(clientId, "service-account-" + clientId, Set.of("offline_access")).sign();
    }

    /** A partner token that carries the client in {@code client_id} instead of {@code azp}. */
    public static String partnerByClientIdClaim(String clientId) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("service-account-" + clientId)
                .claim("client_id", clientId)
                .claim("realm_access", Map.of("roles", List.of("partner")))
                .expiresIn(Duration.ofMinutes(5))
                .jws().keyId("1").sign();
    }

    public static String expiredPartner(String clientId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return claims(clientId, "service-account-" + clientId, Set.of("partner"))
                .issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5))).jws().keyId("1").sign();
    }

    public static String partnerWithIssuer(String clientId, String issuer) {
        return claims(clientId, "service-account-" + clientId, Set.of("partner")).issuer(issuer).jws().keyId("1").sign();
    }

    public static String partnerWithAudience(String clientId, String audience) {
        return claims(clientId, "service-account-" + clientId, Set.of("partner")).audience(audience).jws().keyId("1")
                .sign();
    }

    /** Right claims, signed with a key the issuer never published. */
    public static String partnerSignedByStranger(String clientId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair stranger = generator.generateKeyPair();
            return claims(clientId, "service-account-" + clientId, Set.of("partner")).jws().keyId("1")
                    .sign(stranger.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signable claims(String azp, String subject, Set<String> roles) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("azp", azp)
                .claim("realm_access", Map.of("roles", List.copyOf(roles)))
                .issuedAt(Instant.now())
                .expiresIn(Duration.ofMinutes(5));
        return new Signable(builder);
    }

    /** A claims builder that signs with the test OIDC server's key by default. */
    public record Signable(JwtClaimsBuilder builder) {
        public String sign() {
            return builder.jws().keyId("1").sign();
        }

        public Signable issuedAt(Instant at) {
            builder.issuedAt(at);
            return this;
        }

        public Signable expiresAt(Instant at) {
            builder.expiresAt(at);
            return this;
        }

        public Signable issuer(String issuer) {
            builder.issuer(issuer);
            return this;
        }

        public Signable audience(String audience) {
            builder.audience(audience);
            return this;
        }

        public io.smallrye.jwt.build.JwtSignatureBuilder jws() {
            return builder.jws();
        }
    }
}
