package org.privacygateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** One test per token attack on the partner API. */
@QuarkusTest
class TokenAttackTest {

    static final String QUERY = "{ members(purpose: ORDER_FULFILLMENT) { edges { node { email } } } }";

    @Inject
    Fixtures fixtures;

    @OidcWireMock
    WireMockServer oidc;

    Partner partner() {
        Partner p = fixtures.partner(Fixtures.unique("atk"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.grant(fixtures.member("Atk"), p, EMAIL, ORDER_FULFILLMENT, FULL);
        return p;
    }

    /** A key of the test OIDC server, as published (public) or as it signs (private). */
    static org.jose4j.jwk.PublicJsonWebKey jwk(String resource) throws Exception {
        try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String claims(String clientId) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"azp\":\"" + clientId
                + "\",\"sub\":\"x\",\"realm_access\":{\"roles\":[\"partner\"]},\"iat\":" + now + ",\"exp\":" + (now + 300) + "}";
    }

    @Test
    void algNoneIsRefused() {
        Partner p = partner();
        String token = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims(p.clientId)) + ".";
        GraphQL.post(token, QUERY).statusCode(401);
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws Exception {
        Partner p = partner();
        RSAPublicKey publicKey = (RSAPublicKey) jwk("publicKey.jwk").getPublicKey();
        SecretKeySpec hmac = new SecretKeySpec(publicKey.getEncoded(), "HmacSHA256");
        String token = Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject("x").claim("azp", p.clientId)
                .claim("realm_access", Map.of("roles", List.of("partner"))).expiresIn(Duration.ofMinutes(5))
                .jws().keyId("1").algorithm(SignatureAlgorithm.HS256).sign(hmac);
        GraphQL.post(token, QUERY).statusCode(401);
    }

    @Test
    void expiredIsRefused() {
        GraphQL.post(Tokens.expiredPartner(partner().clientId), QUERY).statusCode(401);
    }

    @Test
    void notYetValidIsRefused() {
        Partner p = partner();
        Instant future = Instant.now().plus(Duration.ofHours(1));
        String token = Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject("x").claim("azp", p.clientId)
                .claim("realm_access", Map.of("roles", List.of("partner")))
                .issuedAt(future).claim("nbf", future.getEpochSecond()).expiresAt(future.plus(Duration.ofMinutes(5)))
                .jws().keyId("1").sign();
        GraphQL.post(token, QUERY).statusCode(401);
    }

    @Test
    void wrongIssuerIsRefused() {
        GraphQL.post(Tokens.partnerWithIssuer(partner().clientId, "https://attacker.example"), QUERY).statusCode(401);
    }

    @Test
    void wrongAudienceIsRefused() {
        GraphQL.post(Tokens.partnerWithAudience(partner().clientId, "another-api"), QUERY).statusCode(401);
    }

    @Test
    void anUnknownKidIsRefusedWithoutAskingTheIssuerToIntrospect() throws Exception {
        Partner p = partner();
        oidc.resetRequests();
        String token = Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject("x").claim("azp", p.clientId)
                .claim("realm_access", Map.of("roles", List.of("partner"))).expiresIn(Duration.ofMinutes(5))
                .jws().keyId("not-a-published-key").sign(jwk("privateKey.jwk").getPrivateKey());
        GraphQL.post(token, QUERY).statusCode(401);
        oidc.verify(0, anyRequestedFor(urlPathMatching(".*introspect.*")));
    }

    @Test
    void aValidTokenOfAClientThatIsNotAPartnerIsForbidden() {
        partner();
        GraphQL.post(Tokens.partner("some-internal-service"), QUERY)
                .statusCode(200).body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void memberTokensOnPartnerOperationsAndPartnerTokensOnMemberAndAdminOperationsAreForbidden() {
        Partner p = partner();
        GraphQL.post(Tokens.member("m-" + p.id), QUERY).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        GraphQL.post(Tokens.partner(p.clientId), "{ myConsents { status } }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        GraphQL.post(Tokens.partner(p.clientId), "{ adminPartners { id } }").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void aSuspendedPartnersValidTokenIsRefused() {
        Partner p = partner();
        fixtures.suspend(p.id);
        GraphQL.post(Tokens.partner(p.clientId), QUERY)
                .body("data", nullValue()).body("errors[0].extensions.code", equalTo("PARTNER_SUSPENDED"));
    }
}
