package org.privacygateway.graphql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.GatewayException;

/**
 * Keyset cursors over (time, id), for the newest-first logs and the partners' change feed. A cursor is opaque and
 * sealed: the position in binary, followed by an HMAC-SHA256 tag under a key derived from the gateway secret and
 * the cursor's scope (the feed and whose it is). A cursor that was not issued for this scope, or was altered in any
 * bit, is refused as VALIDATION before anything reads the database; so is one whose position is out of range.
 */
@ApplicationScoped
public class Cursors {

    record Position(Instant at, UUID id) {
    }

    private static final byte VERSION = 1;
    private static final int BODY = 1 + 8 + 4 + 16;
    private static final int TAG = 16;
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
        ByteBuffer b = ByteBuffer.allocate(BODY + TAG);
        b.put(VERSION).putLong(at.getEpochSecond()).putInt(at.getNano())
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        b.put(tag(scope, Arrays.copyOf(b.array(), BODY)));
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
        if (raw.length != BODY + TAG || raw[0] != VERSION) {
            return null;
        }
        byte[] body = Arrays.copyOf(raw, BODY);
        if (!MessageDigest.isEqual(tag(scope, body), Arrays.copyOfRange(raw, BODY, BODY + TAG))) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(body, 1, BODY - 1);
        long seconds = b.getLong();
        int nanos = b.getInt();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND || nanos < 0 || nanos > 999_999_999) {
            return null;
        }
        return new Position(Instant.ofEpochSecond(seconds, nanos), new UUID(b.getLong(), b.getLong()));
    }

    private byte[] tag(String scope, byte[] body) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] key = derive.doFinal(("cursor/v1/" + scope).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(body), TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
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
