package org.privacygateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.config.Jdbc;

/**
 * Seals access events into checkpoints (decision record 16): the events written since the last checkpoint, in
 * {@code seq} order, become the leaves of a Merkle tree whose root, chained to the previous checkpoint, is signed with
 * the Ed25519 key from configuration. The request path is untouched: it writes its rows as before, and the database
 * numbers them; all hashing is here.
 *
 * <p>Only events the database recorded at least {@code gateway.audit.seal-after} ago are sealed: positions are taken
 * at insert but become visible at commit, so a range is sealed only once no transaction that could still commit a
 * lower position can be open (see the decision record for the argument).
 */
@ApplicationScoped
public class Checkpoints {

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    CheckpointKeys keys;

    @Inject
    MemberNames names;

    @Inject
    MeterRegistry metrics;

    /** The last checkpoint's statement, or empty before the first. */
    record Head(long id, long lastSeq, String hash) {
        static final Head NONE = new Head(0, 0, CheckpointStatement.GENESIS);
    }

    /** Seals everything due; returns how many checkpoints it wrote. */
    @Transactional
    public int seal() {
        int written = Jdbc.work(em, 0, connection -> {
            Instant cutoff = databaseNow(connection).minus(config.audit().sealAfter());
            int count = 0;
            while (true) {
                Head head = head(connection);
                Long maxSeq = maxSealable(connection, head.lastSeq(), cutoff);
                if (maxSeq == null) {
                    return count;
                }
                List<AuditLeaf> leaves = leaves(connection, head.lastSeq(), maxSeq, config.audit().maxCheckpointEvents());
                if (leaves.isEmpty()) {
                    return count;
                }
                write(connection, head, leaves, databaseNow(connection));
                count++;
                if (leaves.get(leaves.size() - 1).seq() >= maxSeq) {
                    return count;
                }
            }
        });
        if (written > 0) {
            metrics.counter("gateway.audit.checkpoints").increment(written);
        }
        return written;
    }

    /**
     * Drops the leaf index of checkpoints whose every event is past {@code cutoff} (the retention purge deleted them):
     * the signed statement stays, so the chain still verifies, and the verifier knows the range was purged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetPurged(Instant cutoff) {
        return em.createNativeQuery("update audit_checkpoint set leaf_index = null"
                + " where leaf_index is not null and newest_event_at < ?1")
                .setParameter(1, cutoff.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    private void write(Connection c, Head head, List<AuditLeaf> leaves, Instant now) throws SQLException {
        LeafIndex index = LeafIndex.of(leaves);
        byte[] encoded = index.encode();
        HexFormat hex = HexFormat.of();
        Instant newest = leaves.stream().map(AuditLeaf::occurredAt).max(Instant::compareTo).orElseThrow();
        CheckpointStatement statement = new CheckpointStatement(head.id() + 1, head.lastSeq() + 1,
                leaves.get(leaves.size() - 1).seq(), leaves.size(), newest, now.truncatedTo(ChronoUnit.MICROS),
                hex.formatHex(MerkleTree.root(index.hashes())), hex.formatHex(MerkleTree.sha256().digest(encoded)),
                head.hash());
        byte[] signature = keys.sign(statement.bytes());
        try (PreparedStatement s = c.prepareStatement("insert into audit_checkpoint (id, first_seq, last_seq,"
                + " event_count, newest_event_at, sealed_at, root_hash, index_hash, previous_hash, key_id, signature,"
                + " leaf_index) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, statement.id());
            s.setLong(2, statement.firstSeq());
            s.setLong(3, statement.lastSeq());
            s.setInt(4, statement.events());
            s.setObject(5, statement.newestEventAt().atOffset(ZoneOffset.UTC));
            s.setObject(6, statement.sealedAt().atOffset(ZoneOffset.UTC));
            s.setString(7, statement.rootHash());
            s.setString(8, statement.indexHash());
            s.setString(9, statement.previousHash());
            s.setString(10, keys.keyId());
            s.setString(11, Base64.getEncoder().encodeToString(signature));
            s.setBytes(12, encoded);
            s.executeUpdate();
        }
    }

    static Head head(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + CheckpointRow.COLUMNS
                + " from audit_checkpoint order by id desc limit 1");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Head.NONE;
            }
            CheckpointRow row = CheckpointRow.from(r);
            return new Head(row.statement().id(), row.statement().lastSeq(), row.statement().hash());
        }
    }

    private static Long maxSealable(Connection c, long afterSeq, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select max(seq) from access_event where seq > ? and recorded_at <= ?")) {
            s.setLong(1, afterSeq);
            s.setObject(2, cutoff.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long max = r.getLong(1);
                return r.wasNull() ? null : max;
            }
        }
    }

    private List<AuditLeaf> leaves(Connection c, long afterSeq, long upToSeq, int limit) throws SQLException {
        List<AuditLeaf> leaves = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select " + AuditLeaf.COLUMNS
                + " from access_event where seq > ? and seq <= ? order by seq limit ?")) {
            s.setLong(1, afterSeq);
            s.setLong(2, upToSeq);
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    leaves.add(AuditLeaf.from(r, names));
                }
            }
        }
        return leaves;
    }

    static Instant databaseNow(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select current_timestamp");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
