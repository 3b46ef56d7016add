package org.privacygateway.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.privacygateway.config.GatewayConfig;

/**
 * CSRF tokens of the consent center, bound to the signed-in session.
 *
 * <p>A token is {@code base64url(nonce) "." base64url(HMAC-SHA256(key, "csrf/v1" | session | nonce))}, where the
 * session is the member's subject and the OIDC session id. The token travels twice: in a {@code __Host-} cookie
 * (HttpOnly, Secure, SameSite=Strict, so neither a partner's sibling host nor a script can read or plant it) and in
 * the form. A form post is accepted only when both are present, equal (compared in constant time) and the MAC verifies
 * for the session of the request: a token minted for another member's session, or planted by someone else, is refused.
 */
@ApplicationScoped
public class CsrfTokens {

    /** Name of the hidden form field. */
    public static final String FIELD = "csrf-token";
    /** Cookie name in production: the {@code __Host-} prefix makes browsers refuse it from any other host. */
    public static final String SECURE_COOKIE = "__Host-csrf";
    /** Cookie name in dev mode and tests over plain http, where {@code __Host-} cookies cannot be set. */
    public static final String PLAIN_COOKIE = "csrf";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int NONCE_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final boolean secureCookies;

    @Inject
    public CsrfTokens(GatewayConfig config) {
        this(config.consentCenter().csrfKey(), config.consentCenter().secureCookies());
    }

    public CsrfTokens(String key, boolean secureCookies) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.secureCookies = secureCookies;
    }

    public String cookieName() {
        return secureCookies ? SECURE_COOKIE : PLAIN_COOKIE;
    }

    /** A fresh token for this session. */
    public String issue(String session) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return ENCODER.encodeToString(nonce) + "." + ENCODER.encodeToString(mac(session, nonce));
    }

    /** Whether the token was minted by this gateway for this session. */
    public boolean validFor(String token, String session) {
        if (token == null || session == null || token.length() > 200) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return false;
        }
        try {
            byte[] nonce = DECODER.decode(token.substring(0, dot));
            byte[] given = DECODER.decode(token.substring(dot + 1));
            return nonce.length == NONCE_BYTES && MessageDigest.isEqual(mac(session, nonce), given);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The check of a form post: cookie and form field present, equal, and minted for this session. */
    public boolean accepts(String cookieToken, String formToken, String session) {
        if (cookieToken == null || formToken == null) {
            return false;
        }
        boolean same = MessageDigest.isEqual(cookieToken.getBytes(StandardCharsets.UTF_8),
                formToken.getBytes(StandardCharsets.UTF_8));
        return same & validFor(cookieToken, session);
    }

    /** The Set-Cookie header value for a token. */
    public String setCookie(String token) {
        return cookieName() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "");
    }

    private byte[] mac(String session, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update("csrf/v1\n".getBytes(StandardCharsets.UTF_8));
            byte[] s = session.getBytes(StandardCharsets.UTF_8);
            // Length-prefixed, so that no two (session, nonce) pairs share an input.
            mac.update(new byte[] { (byte) (s.length >>> 24), (byte) (s.length >>> 16), (byte) (s.length >>> 8), (byte) s.length });
            mac.update(s);
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
