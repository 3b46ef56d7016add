package org.privacygateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.config.Jdbc;

/**
 * Recomputes every checkpoint from the database and reports the first thing that does not match: a checkpoint
 * changed, missing or inserted (its signature or its link to the one before), or an event changed, deleted, or
 * inserted into a range already sealed. An event missing from a checkpoint is a purge, not a deletion, only when the
 * time the checkpoint recorded for it is past the retention. What {@code java -jar ... verify-audit} runs.
 */
@ApplicationScoped
public class AuditVerifier {

    /** Events older than the seal delay plus this, and in no checkpoint, mean the newest checkpoint went missing. */
    static final Duration UNSEALED_GRACE = Duration.ofHours(1);

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    CheckpointKeys keys;

    @Inject
    MemberNames names;

    @Inject
    Clock clock;

    /** The outcome: intact, or the first problem found, naming the checkpoint or event by its id. */
    public record Report(boolean intact, long checkpoints, long events, long purged, String problem) {

        static Report bad(long checkpoints, long events, long purged, String problem) {
            return new Report(false, checkpoints, events, purged, problem);
        }
    }

    @Transactional
    public Report verify() {
        return Jdbc.work(em, 0, this::verify);
    }

    private Report verify(Connection c) throws SQLException {
        Instant purgedBefore = clock.instant().minus(config.audit().retention());
        HexFormat hex = HexFormat.of();
        long checkpoints = 0;
        long events = 0;
        long purged = 0;
        long expectedId = 1;
        long lastSeq = 0;
        String previousHash = CheckpointStatement.GENESIS;
        // The database numbers events from 1: anything below sits outside every range a checkpoint could seal.
        UUID below = firstEventIn(c, Long.MIN_VALUE, 0);
        if (below != null) {
            return Report.bad(0, 0, 0, "event " + below + " has a position no event is given (below 1): it was"
                    + " inserted out of order");
        }
        try (PreparedStatement s = c.prepareStatement("select " + CheckpointRow.COLUMNS
                + " from audit_checkpoint order by id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                CheckpointRow row = CheckpointRow.from(r);
                CheckpointStatement st = row.statement();
                long id = st.id();
                if (id != expectedId) {
                    return Report.bad(checkpoints, events, purged, id > expectedId
                            ? "checkpoint " + expectedId + " is missing (the next one is " + id + ")"
                            : "checkpoint " + id + " is out of order");
                }
                if (!signed(st, row.signature())) {
                    return Report.bad(checkpoints, events, purged, "checkpoint " + id
                            + " was changed: its signature does not verify");
                }
                if (!st.previousHash().equals(previousHash)) {
                    return Report.bad(checkpoints, events, purged, "checkpoint " + id
                            + " does not chain to checkpoint " + (id - 1) + ": one of them was replaced");
                }
                if (st.firstSeq() != lastSeq + 1 || st.lastSeq() < st.firstSeq()) {
                    return Report.bad(checkpoints, events, purged, "checkpoint " + id + " does not follow the range of"
                            + " checkpoint " + (id - 1));
                }
                if (row.leafIndex() == null) {
                    if (st.newestEventAt().isAfter(purgedBefore)) {
                        return Report.bad(checkpoints, events, purged, "checkpoint " + id
                                + " lost its leaf index before its events were past the retention");
                    }
                    UUID left = firstEventIn(c, st.firstSeq(), st.lastSeq());
                    if (left != null) {
                        return Report.bad(checkpoints, events, purged, "event " + left + " is in checkpoint " + id
                                + ", whose events were all purged: it was inserted");
                    }
                    purged += st.events();
                } else {
                    if (!hex.formatHex(MerkleTree.sha256().digest(row.leafIndex())).equals(st.indexHash())) {
                        return Report.bad(checkpoints, events, purged, "checkpoint " + id
                                + " was changed: its leaf index does not match its signed hash");
                    }
                    LeafIndex index = LeafIndex.decode(row.leafIndex());
                    if (index.entries().size() != st.events()
                            || !hex.formatHex(MerkleTree.root(index.hashes())).equals(st.rootHash())) {
                        return Report.bad(checkpoints, events, purged, "checkpoint " + id
                                + " was changed: its leaves do not make its signed root");
                    }
                    Tally tally = compare(c, id, st, index, purgedBefore);
                    if (tally.problem != null) {
                        return Report.bad(checkpoints, events + tally.events, purged + tally.purged, tally.problem);
                    }
                    events += tally.events;
                    purged += tally.purged;
                }
                checkpoints++;
                expectedId = id + 1;
                lastSeq = st.lastSeq();
                previousHash = st.hash();
            }
        }
        UUID stale = unsealedSince(c, lastSeq,
                Checkpoints.databaseNow(c).minus(config.audit().sealAfter()).minus(UNSEALED_GRACE));
        if (stale != null) {
            return Report.bad(checkpoints, events, purged, "event " + stale + " is older than the seal delay yet in no"
                    + " checkpoint: the newest checkpoint was deleted, or the checkpoint job has not run for an hour");
        }
        return new Report(true, checkpoints, events, purged, null);
    }

    private boolean signed(CheckpointStatement st, String signature) {
        try {
            return keys.verify(st.bytes(), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static final class Tally {
        long events;
        long purged;
        String problem;
    }

    /** Walks the checkpoint's leaf index and the events of its range side by side, both in {@code seq} order. */
    private Tally compare(Connection c, long checkpoint, CheckpointStatement st, LeafIndex index, Instant purgedBefore)
            throws SQLException {
        Tally t = new Tally();
        Iterator<LeafIndex.Entry> entries = index.entries().iterator();
        LeafIndex.Entry entry = entries.hasNext() ? entries.next() : null;
        try (PreparedStatement s = c.prepareStatement("select " + AuditLeaf.COLUMNS
                + " from access_event where seq >= ? and seq <= ? order by seq")) {
            s.setLong(1, st.firstSeq());
            s.setLong(2, st.lastSeq());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    AuditLeaf leaf = AuditLeaf.from(r, names);
                    while (entry != null && entry.seq() < leaf.seq()) {
                        if (!missingIsPurge(entry, purgedBefore, checkpoint, t)) {
                            return t;
                        }
                        entry = entries.hasNext() ? entries.next() : null;
                    }
                    if (entry == null || entry.seq() > leaf.seq()) {
                        t.problem = "event " + leaf.id() + " was inserted into checkpoint " + checkpoint
                                + " after it was sealed (position " + leaf.seq() + ")";
                        return t;
                    }
                    if (!entry.id().equals(leaf.id()) || !Arrays.equals(entry.hash(), leaf.hash())) {
                        t.problem = "event " + entry.id() + " was changed after it was sealed in checkpoint "
                                + checkpoint;
                        return t;
                    }
                    t.events++;
                    entry = entries.hasNext() ? entries.next() : null;
                }
            }
        }
        while (entry != null) {
            if (!missingIsPurge(entry, purgedBefore, checkpoint, t)) {
                return t;
            }
            entry = entries.hasNext() ? entries.next() : null;
        }
        return t;
    }

    private static boolean missingIsPurge(LeafIndex.Entry entry, Instant purgedBefore, long checkpoint, Tally t) {
        if (entry.occurredAt().isBefore(purgedBefore)) {
            t.purged++;
            return true;
        }
        t.problem = "event " + entry.id() + " was deleted after it was sealed in checkpoint " + checkpoint;
        return false;
    }

    private static UUID firstEventIn(Connection c, long fromSeq, long toSeq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select id from access_event where seq >= ? and seq <= ? order by seq limit 1")) {
            s.setLong(1, fromSeq);
            s.setLong(2, toSeq);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1, UUID.class) : null;
            }
        }
    }

    private static UUID unsealedSince(Connection c, long afterSeq, Instant before) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select id from access_event where seq > ? and recorded_at < ?"
                + " order by seq limit 1")) {
            s.setLong(1, afterSeq);
            s.setObject(2, before.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1, UUID.class) : null;
            }
        }
    }
}
