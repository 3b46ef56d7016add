package org.privacygateway.graphql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.GatewayException;

/**
 * Keyset cursors over (time, id), for the newest-first logs and the partners' change feed. A cursor is opaque: the
 * position (the row's time and internal id) is encrypted and authenticated with AES-256-GCM under a key derived from
 * the gateway secret and the cursor's scope (the feed and whose it is), so nothing of the position can be read from
 * it. The nonce is synthetic (an HMAC of the position under a second derived key, checked again on the way in), so one
 * position gives one cursor, as a deterministic, misuse-resistant (SIV-style) construction. A cursor that was not
 * issued for this scope, or was altered in any bit, is refused as VALIDATION before anything reads the database; so
 * is one whose position is out of range.
 *
 * <p>Cursors of the earlier, signed-only form (version 1: the position in clear, then an HMAC-SHA256 tag) are still
 * accepted, never given out, so a partner that kept its place in the feed across the upgrade, or got it from a
 * replica of the previous release during a rolling update, pages on.
 */
@ApplicationScoped
public class Cursors {

    record Position(Instant at, UUID id) {
    }

    /** Signed only: accepted, no longer given out. */
    private static final byte SIGNED = 1;
    /** Encrypted: what is given out. */
    private static final byte SEALED = 2;
    /** The position: seconds, nanoseconds, the id's two halves. */
    private static final int POSITION = 8 + 4 + 16;
    private static final int NONCE = 12;
    private static final int TAG = 16;
    private static final int SIGNED_LENGTH = 1 + POSITION + TAG;
    private static final int SEALED_LENGTH = 1 + NONCE + POSITION + TAG;
    /** The range PostgreSQL's timestamps cover comfortably; anything outside is no position of ours. */
    private static final long MIN_SECOND = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private final byte[] secret;

    @Inject
    public Cursors(GatewayConfig config) {
        this(config.pairwise().secret());
    }

    Cursors(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The cursor of a position in one scope (for example {@code consent-changes/<partner id>}). */
    String encode(String scope, Instant at, UUID id) {
        byte[] position = ByteBuffer.allocate(POSITION).putLong(at.getEpochSecond()).putInt(at.getNano())
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
        byte[] nonce = Arrays.copyOf(hmac(key("cursor/v2/nonce/", scope), position), NONCE);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key("cursor/v2/key/", scope), nonce, position);
        ByteBuffer b = ByteBuffer.allocate(SEALED_LENGTH).put(SEALED).put(nonce).put(sealed);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** @throws GatewayException VALIDATION naming the argument when the cursor is not one this scope gave out */
    Position decode(String scope, String argument, String cursor) {
        Position position = open(scope, cursor);
        if (position == null) {
            throw GatewayException.validation("Argument '" + argument
                    + "' is not a cursor this API gave out: pass the endCursor or an edge's cursor of a previous page.");
        }
        return position;
    }

    private Position open(String scope, String cursor) {
        if (cursor == null || cursor.length() > 128) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] position;
        if (raw.length == SEALED_LENGTH && raw[0] == SEALED) {
            byte[] nonce = Arrays.copyOfRange(raw, 1, 1 + NONCE);
            position = gcm(Cipher.DECRYPT_MODE, key("cursor/v2/key/", scope), nonce,
                    Arrays.copyOfRange(raw, 1 + NONCE, raw.length));
            if (position == null
                    || !MessageDigest.isEqual(nonce, Arrays.copyOf(hmac(key("cursor/v2/nonce/", scope), position), NONCE))) {
                return null;
            }
        } else if (raw.length == SIGNED_LENGTH && raw[0] == SIGNED) {
            byte[] body = Arrays.copyOf(raw, 1 + POSITION);
            byte[] tag = Arrays.copyOf(hmac(key("cursor/v1/", scope), body), TAG);
            if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(raw, 1 + POSITION, SIGNED_LENGTH))) {
                return null;
            }
            position = Arrays.copyOfRange(body, 1, body.length);
        } else {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(position);
        long seconds = b.getLong();
        int nanos = b.getInt();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND || nanos < 0 || nanos > 999_999_999) {
            return null;
        }
        return new Position(Instant.ofEpochSecond(seconds, nanos), new UUID(b.getLong(), b.getLong()));
    }

    /** A key for one purpose and scope: HMAC-SHA256 of both under the gateway secret. */
    private byte[] key(String purpose, String scope) {
        return hmac(secret, (purpose + scope).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** AES-256-GCM; on the way in, null when the tag does not check (altered, forged, or another scope's). */
    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(new byte[] { SEALED });
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    static int pageSize(Integer first, int defaultSize, int max) {
        int size = first == null ? defaultSize : first;
        if (size < 1 || size > max) {
            throw GatewayException.validation("Argument 'first' must be between 1 and " + max + ".");
        }
        return size;
    }
}
