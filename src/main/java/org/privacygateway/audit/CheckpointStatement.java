package org.privacygateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What a checkpoint signs, in the manner of a Certificate Transparency signed tree head: the range of events, how
 * many, the newest event's time (so a purge past the retention can be told from a deletion), when it was sealed, the
 * Merkle root, the hash of its leaf index, and the hash of the previous checkpoint's statement (all zeros for the
 * first), which chains every checkpoint to all before it. The text is what is signed, byte for byte; a verifier can
 * rebuild it from the columns, and the member export carries it whole.
 */
public record CheckpointStatement(long id, long firstSeq, long lastSeq, int events, Instant newestEventAt,
        Instant sealedAt, String rootHash, String indexHash, String previousHash) {

    public static final String GENESIS = "0".repeat(64);

    public String text() {
        return "privacy-gateway audit checkpoint v1\n"
                + "id: " + id + "\n"
                + "first-seq: " + firstSeq + "\n"
                + "last-seq: " + lastSeq + "\n"
                + "events: " + events + "\n"
                + "newest-event-at: " + newestEventAt + "\n"
                + "sealed-at: " + sealedAt + "\n"
                + "root: " + rootHash + "\n"
                + "leaf-index: " + indexHash + "\n"
                + "previous: " + previousHash + "\n";
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** The value the next checkpoint's {@code previous} must hold. */
    public String hash() {
        return HexFormat.of().formatHex(MerkleTree.sha256().digest(bytes()));
    }
}
