package org.privacygateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.config.Jdbc;

/**
 * For a member's export: for each of their sealed access events, the checkpoint that sealed it, its leaf (the exact
 * bytes hashed), its index and the inclusion proof; and each such checkpoint's signed statement. With these and the
 * published public key anyone can check, with standard tools, that the event is in the signed log as exported.
 */
@ApplicationScoped
public class AuditProofs {

    @Inject
    EntityManager em;

    @Inject
    MemberNames names;

    @Inject
    CheckpointKeys keys;

    /** What the export holds: a proof per sealed event (by event id) and the checkpoints they refer to. */
    public record Proofs(Map<String, Map<String, Object>> byEvent, List<Map<String, Object>> checkpoints) {
    }

    /** Proofs for the access events at these positions ({@code seq}); events not sealed yet have none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Proofs forEvents(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return new Proofs(Map.of(), List.of());
        }
        return Jdbc.work(em, 0, c -> build(c, seqs));
    }

    private Proofs build(Connection c, List<Long> seqs) throws SQLException {
        HexFormat hex = HexFormat.of();
        Map<String, Map<String, Object>> byEvent = new LinkedHashMap<>();
        Map<Long, Map<String, Object>> checkpoints = new LinkedHashMap<>();
        Map<Long, CheckpointRow> rows = new HashMap<>();
        for (long seq : seqs) {
            CheckpointRow row = rows.values().stream()
                    .filter(x -> x.statement().firstSeq() <= seq && seq <= x.statement().lastSeq())
                    .findFirst().orElse(null);
            if (row == null) {
                row = checkpointOf(c, seq);
                if (row == null || row.leafIndex() == null) {
                    continue;
                }
                rows.put(row.statement().id(), row);
            }
            LeafIndex index = LeafIndex.decode(row.leafIndex());
            int position = -1;
            for (int i = 0; i < index.entries().size(); i++) {
                if (index.entries().get(i).seq() == seq) {
                    position = i;
                    break;
                }
            }
            AuditLeaf leaf = leaf(c, seq);
            if (position < 0 || leaf == null) {
                continue;
            }
            List<String> proof = new ArrayList<>();
            MerkleTree.inclusionProof(index.hashes(), position).forEach(h -> proof.add(hex.formatHex(h)));
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("checkpoint", row.statement().id());
            p.put("leafIndex", position);
            p.put("treeSize", index.entries().size());
            p.put("leaf", leaf.text());
            p.put("inclusionProof", proof);
            byEvent.put(leaf.id().toString(), p);
            CheckpointRow cp = row;
            checkpoints.computeIfAbsent(cp.statement().id(), id -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("id", id);
                d.put("statement", cp.statement().text());
                d.put("signature", cp.signature());
                d.put("keyId", cp.keyId());
                return d;
            });
        }
        return new Proofs(byEvent, new ArrayList<>(checkpoints.values()));
    }

    private static CheckpointRow checkpointOf(Connection c, long seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + CheckpointRow.COLUMNS
                + " from audit_checkpoint where last_seq >= ? order by last_seq limit 1")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                CheckpointRow row = CheckpointRow.from(r);
                return row.statement().firstSeq() <= seq ? row : null;
            }
        }
    }

    private AuditLeaf leaf(Connection c, long seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select " + AuditLeaf.COLUMNS + " from access_event where seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? AuditLeaf.from(r, names) : null;
            }
        }
    }

    /** The public key checkpoints are signed with, as PEM. */
    public String publicKeyPem() {
        return keys.publicKeyPem();
    }
}
