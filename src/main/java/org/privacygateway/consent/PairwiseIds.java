package org.privacygateway.consent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.privacygateway.config.GatewayConfig;

/**
 * The member ids partners see. A pairwise id is the member's UUID encrypted, as one AES block, under a key derived
 * from the gateway secret and the partner id: stable per partner (across restarts and replicas), unlinkable across
 * partners, and resolvable without a lookup table.
 *
 * <p>Format: {@code pw_} followed by 22 characters of unpadded base64url (the 16-byte block). Anything else is
 * malformed (a VALIDATION error); a well-formed id that decrypts to no member of this partner is unknown (null).
 */
@ApplicationScoped
public class PairwiseIds implements org.privacygateway.audit.MemberNames {

    public static final String PREFIX = "pw_";
    private static final Pattern FORMAT = Pattern.compile("pw_[A-Za-z0-9_-]{21}[AQgw]");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] secret;
    private final ConcurrentHashMap<String, SecretKeySpec> keys = new ConcurrentHashMap<>();

    @Inject
    public PairwiseIds(GatewayConfig config) {
        this(config.pairwise().secret());
    }

    public PairwiseIds(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public static boolean wellFormed(String pairwiseId) {
        return pairwiseId != null && FORMAT.matcher(pairwiseId).matches();
    }

    @Override
    public String pairwise(String partnerId, UUID memberId) {
        return toPairwise(partnerId, memberId);
    }

    public String toPairwise(String partnerId, UUID memberId) {
        ByteBuffer block = ByteBuffer.allocate(16);
        block.putLong(memberId.getMostSignificantBits()).putLong(memberId.getLeastSignificantBits());
        return PREFIX + ENCODER.encodeToString(crypt(Cipher.ENCRYPT_MODE, partnerId, block.array()));
    }

    /**
     * The member's place in this partner's member lists: the first 8 bytes of the pairwise id's block, as a signed
     * number. A keyed permutation of the member id per partner, so each partner's order is its own and tells nothing
     * about another partner's; computable from the member id alone, so a page cursor needs no lookup.
     */
    public long sortKey(String partnerId, UUID memberId) {
        ByteBuffer block = ByteBuffer.allocate(16);
        block.putLong(memberId.getMostSignificantBits()).putLong(memberId.getLeastSignificantBits());
        return ByteBuffer.wrap(crypt(Cipher.ENCRYPT_MODE, partnerId, block.array())).getLong();
    }

    /**
     * The member UUID behind a well-formed pairwise id as this partner would have received it. Whether that member
     * exists is for the caller to find out.
     *
     * @throws IllegalArgumentException when the id is malformed
     */
    public UUID resolve(String partnerId, String pairwiseId) {
        if (!wellFormed(pairwiseId)) {
            throw new IllegalArgumentException("malformed pairwise id");
        }
        byte[] block = crypt(Cipher.DECRYPT_MODE, partnerId, DECODER.decode(pairwiseId.substring(PREFIX.length())));
        ByteBuffer buffer = ByteBuffer.wrap(block);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    public Optional<UUID> tryResolve(String partnerId, String pairwiseId) {
        return wellFormed(pairwiseId) ? Optional.of(resolve(partnerId, pairwiseId)) : Optional.empty();
    }

    private byte[] crypt(int mode, String partnerId, byte[] block) {
        try {
            // A single 16-byte block under AES is a keyed permutation: deterministic, as intended, with no
            // repeated-block patterns to leak because every input is exactly one block.
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, keys.computeIfAbsent(partnerId, this::deriveKey));
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    private SecretKeySpec deriveKey(String partnerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] key = mac.doFinal(("pairwise-id/v1/" + partnerId).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
