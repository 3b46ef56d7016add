package org.privacygateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.privacygateway.config.GatewayConfig;

/**
 * The Ed25519 key pair that signs checkpoints ({@code gateway.audit.signing-key} and {@code public-key}). The two are
 * checked against each other when the bean is made, at start: a pair that does not match (or a value that is not a
 * key) stops the start, since it would sign checkpoints nobody could verify.
 */
@ApplicationScoped
@Startup
public class CheckpointKeys {

    private final PrivateKey signingKey;
    private final PublicKey publicKey;
    private final String keyId;

    @Inject
    public CheckpointKeys(GatewayConfig config) {
        this(config.audit().signingKey(), config.audit().publicKey());
    }

    public CheckpointKeys(String signingKeyBase64, String publicKeyBase64) {
        this.signingKey = signingKeyBase64 == null ? null : privateKey(signingKeyBase64);
        this.publicKey = publicKey(publicKeyBase64);
        this.keyId = keyId(publicKey);
        if (signingKey != null) {
            byte[] probe = "checkpoint key probe".getBytes(StandardCharsets.UTF_8);
            if (!verify(probe, sign(probe))) {
                throw new IllegalStateException(
                        "gateway.audit.public-key is not the public half of gateway.audit.signing-key");
            }
        }
    }

    /** Reads a PKCS#8 Ed25519 key; a clear error (never the key) when it is not one. */
    static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("gateway.audit.signing-key is not a base64 PKCS#8 Ed25519 private key");
        }
    }

    static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("gateway.audit.public-key is not a base64 X.509 Ed25519 public key");
        }
    }

    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(signingKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public boolean verify(byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The first 16 hex digits of the SHA-256 of the public key's DER: names the key a checkpoint was signed with. */
    public String keyId() {
        return keyId;
    }

    private static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(MerkleTree.sha256().digest(key.getEncoded())).substring(0, 16);
    }

    /** The public key as PEM, for {@code openssl pkeyutl -verify -pubin}. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
