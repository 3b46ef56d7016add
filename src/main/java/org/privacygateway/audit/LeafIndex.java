package org.privacygateway.audit;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A checkpoint's list of what it sealed: per event, in leaf order, its position, id, time and leaf hash (64 bytes).
 * Its SHA-256 is in the signed statement, so the list is as trustworthy as the signature; with it a verifier names
 * the event that changed or went missing, and knows a missing event past the retention (purged) from one deleted.
 */
public record LeafIndex(List<Entry> entries) {

    static final int ENTRY_BYTES = 8 + 16 + 8 + 32;

    public record Entry(long seq, UUID id, Instant occurredAt, byte[] hash) {
    }

    static LeafIndex of(List<AuditLeaf> leaves) {
        List<Entry> entries = new ArrayList<>(leaves.size());
        for (AuditLeaf l : leaves) {
            entries.add(new Entry(l.seq(), l.id(), l.occurredAt(), l.hash()));
        }
        return new LeafIndex(entries);
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(entries.size() * ENTRY_BYTES);
        for (Entry e : entries) {
            b.putLong(e.seq()).putLong(e.id().getMostSignificantBits()).putLong(e.id().getLeastSignificantBits());
            b.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, e.occurredAt()));
            b.put(e.hash());
        }
        return b.array();
    }

    /** The list stored as {@code bytes}; an error if it is not a whole number of entries. */
    static LeafIndex decode(byte[] bytes) {
        if (bytes.length % ENTRY_BYTES != 0) {
            throw new IllegalArgumentException("a leaf index of " + bytes.length + " bytes is not whole entries");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        List<Entry> entries = new ArrayList<>(bytes.length / ENTRY_BYTES);
        while (b.hasRemaining()) {
            long seq = b.getLong();
            UUID id = new UUID(b.getLong(), b.getLong());
            Instant at = Instant.EPOCH.plus(b.getLong(), ChronoUnit.MICROS);
            byte[] hash = new byte[32];
            b.get(hash);
            entries.add(new Entry(seq, id, at, hash));
        }
        return new LeafIndex(entries);
    }

    List<byte[]> hashes() {
        return entries.stream().map(Entry::hash).toList();
    }
}
