package org.privacygateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.member.Member;
import org.privacygateway.member.MemberAccount;
import org.privacygateway.support.Fixtures;

/**
 * The tamper-evident access log on PostgreSQL: sealing, then one change at a time made the way a database
 * administrator would (SQL on the tables), each of which {@code verify-audit}'s verifier must name. Every change is
 * made inside a transaction that the test rolls back after verifying, so the shared database stays intact.
 */
@QuarkusTest
class AuditCheckpointTest {

    @Inject
    Checkpoints checkpoints;

    @Inject
    AuditVerifier verifier;

    @Inject
    RetentionJob retention;

    @Inject
    MemberAccount accounts;

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    record Sealed(String partner, Member member, List<AccessEvent> events) {
    }

    /** Three events of a new member, sealed (with whatever else was waiting) and verified intact. */
    Sealed sealThree() {
        String partner = fixtures.partner(Fixtures.unique("seal")).id;
        Member m = fixtures.member("Seal");
        Instant now = Instant.now();
        List<AccessEvent> events = List.of(fixtures.accessEventAt(partner, m.id, now.minusSeconds(3)),
                fixtures.accessEventAt(partner, m.id, now.minusSeconds(2)),
                fixtures.accessEventAt(partner, m.id, now.minusSeconds(1)));
        assertTrue(checkpoints.seal() >= 1, "new events make a checkpoint");
        assertIntact();
        return new Sealed(partner, m, events);
    }

    void assertIntact() {
        AuditVerifier.Report report = verifier.verify();
        assertTrue(report.intact(), () -> "expected an intact log: " + report.problem());
    }

    /** Runs the change, verifies in the same transaction, rolls both back; returns the verifier's finding. */
    String findingAfter(Consumer<EntityManager> change) {
        QuarkusTransaction.begin();
        try {
            change.accept(em);
            em.flush();
            AuditVerifier.Report report = verifier.verify();
            assertFalse(report.intact(), "the change went unnoticed");
            return report.problem();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    static int sql(EntityManager em, String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.executeUpdate();
    }

    @Test
    void anAlteredEventIsNamed() {
        Sealed s = sealThree();
        UUID id = s.events().get(1).id;
        String finding = findingAfter(em -> assertEquals(1,
                sql(em, "update access_event set served = 'EMAIL:FULL,ADDRESS:FULL' where id = ?1", id)));
        assertEquals(true, finding.contains("event " + id + " was changed"), finding);
        // The member moved to another row is a change as well.
        Member other = fixtures.member("Other");
        finding = findingAfter(em -> sql(em, "update access_event set member_id = ?1 where id = ?2", other.id, id));
        assertTrue(finding.contains("event " + id + " was changed"), finding);
        assertIntact();
    }

    @Test
    void aDeletedEventIsNamed() {
        Sealed s = sealThree();
        UUID id = s.events().get(0).id;
        String finding = findingAfter(em -> assertEquals(1, sql(em, "delete from access_event where id = ?1", id)));
        assertTrue(finding.contains("event " + id + " was deleted"), finding);
    }

    @Test
    void anEventInsertedIntoASealedRangeIsNamed() {
        // A position inside the next sealed range that no committed event holds: taken by a rolled-back insert.
        String partner = fixtures.partner(Fixtures.unique("gap")).id;
        Member m = fixtures.member("Gap");
        fixtures.accessEventAt(partner, m.id, Instant.now());
        long gap;
        QuarkusTransaction.begin();
        try {
            AccessEvent e = fixtures.accessEventAt(partner, m.id, Instant.now());
            gap = ((Number) em.createNativeQuery("select seq from access_event where id = ?1")
                    .setParameter(1, e.id).getSingleResult()).longValue();
        } finally {
            QuarkusTransaction.rollback();
        }
        fixtures.accessEventAt(partner, m.id, Instant.now());
        checkpoints.seal();
        assertIntact();
        UUID forged = UUID.randomUUID();
        String insert = "insert into access_event (id, request_id, occurred_at, kind, partner_id, member_id, purpose,"
                + " operation, served, masked, seq) values (?1, 'forged', ?2, 'READ', ?3, ?4, 'ORDER_FULFILLMENT',"
                + " 'member', 'EMAIL:FULL', '', ?5)";
        String finding = findingAfter(em -> sql(em, insert, forged, Instant.now().minusSeconds(60), partner, m.id, gap));
        assertTrue(finding.contains("event " + forged + " was inserted"), finding);
        // Below every range (a position the database never hands out) it is out of order too.
        finding = findingAfter(em -> sql(em, insert, forged, Instant.now().minusSeconds(60), partner, m.id, -5L));
        assertTrue(finding.contains("event " + forged), finding);
    }

    @Test
    void anAlteredOrDeletedCheckpointIsNamed() {
        sealThree();
        sealThree();
        sealThree();
        long last = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select max(id) from audit_checkpoint").getSingleResult()).longValue());
        long middle = last - 1;
        String finding = findingAfter(em -> sql(em,
                "update audit_checkpoint set event_count = event_count + 1 where id = ?1", middle));
        assertTrue(finding.contains("checkpoint " + middle + " was changed"), finding);
        finding = findingAfter(em -> sql(em, "update audit_checkpoint set root_hash = ?1 where id = ?2",
                "ab".repeat(32), middle));
        assertTrue(finding.contains("checkpoint " + middle + " was changed"), finding);
        finding = findingAfter(em -> sql(em, "delete from audit_checkpoint where id = ?1", middle));
        assertTrue(finding.contains("checkpoint " + middle + " is missing"), finding);
        // The newest checkpoint deleted: its events are then old and unsealed (an hour past the seal delay).
        finding = findingAfter(em -> {
            sql(em, "delete from audit_checkpoint where id = ?1", last);
            sql(em, "update access_event set recorded_at = ?1 where seq > (select max(last_seq) from audit_checkpoint)",
                    Instant.now().minus(Duration.ofHours(2)));
        });
        assertTrue(finding.contains("in no checkpoint"), finding);
        assertIntact();
    }

    @Test
    void aPurgePastTheRetentionIsNotATamperingButAnEarlyDeleteIs() {
        String partner = fixtures.partner(Fixtures.unique("old")).id;
        Member m = fixtures.member("Old");
        AccessEvent old = fixtures.accessEventAt(partner, m.id, Instant.now().minus(Duration.ofDays(401)));
        AccessEvent recent = fixtures.accessEventAt(partner, m.id, Instant.now().minus(Duration.ofDays(399)));
        checkpoints.seal();
        assertIntact();
        assertTrue(retention.purge() >= 1);
        assertFalse(fixtures.accessEventExists(old.id));
        AuditVerifier.Report report = verifier.verify();
        assertTrue(report.intact(), report.problem());
        assertTrue(report.purged() >= 1);
        String finding = findingAfter(em -> sql(em, "delete from access_event where id = ?1", recent.id));
        assertTrue(finding.contains("event " + recent.id + " was deleted"), finding);
    }

    @Test
    void anErasureAfterSealingLeavesTheLogIntact() {
        Sealed s = sealThree();
        QuarkusTransaction.requiringNew().run(() -> accounts.eraseData(s.member().id));
        assertIntact();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExportCarriesProofsThatStandardCryptoVerifies() throws Exception {
        Sealed s = sealThree();
        Map<String, Object> doc = accounts.export(s.member().id);
        List<Map<String, Object>> events = (List<Map<String, Object>>) doc.get("accessEvents");
        List<Map<String, Object>> cps = (List<Map<String, Object>>) doc.get("auditCheckpoints");
        assertEquals(3, events.size());
        HexFormat hex = HexFormat.of();
        var publicKey = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(GatewayConfig.DEV_AUDIT_PUBLIC_KEY)));
        for (Map<String, Object> e : events) {
            Map<String, Object> sealed = (Map<String, Object>) e.get("sealed");
            assertNotNull(sealed, "every event was sealed");
            Map<String, Object> cp = cps.stream().filter(c -> c.get("id").equals(sealed.get("checkpoint"))).findFirst()
                    .orElseThrow();
            String statement = (String) cp.get("statement");
            Signature verify = Signature.getInstance("Ed25519");
            verify.initVerify(publicKey);
            verify.update(statement.getBytes(StandardCharsets.UTF_8));
            assertTrue(verify.verify(Base64.getDecoder().decode((String) cp.get("signature"))));
            String root = statement.lines().filter(l -> l.startsWith("root: ")).findFirst().orElseThrow().substring(6);
            // The leaf hash computed here, independently: SHA-256 over 0x00 and the leaf's bytes.
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 0);
            sha.update(((String) sealed.get("leaf")).getBytes(StandardCharsets.UTF_8));
            List<byte[]> proof = ((List<String>) sealed.get("inclusionProof")).stream().map(hex::parseHex).toList();
            assertTrue(MerkleTree.verifyInclusion(sha.digest(), ((Number) sealed.get("leafIndex")).longValue(),
                    ((Number) sealed.get("treeSize")).longValue(), proof, hex.parseHex(root)));
            assertTrue(((String) sealed.get("leaf")).contains("id=" + e.get("id")));
        }
    }

    @Inject
    VerifyAuditCommand command;

    @Test
    void theCommandExitsZeroWhenIntactAndThreeNamingTheAlteredEvent() {
        Sealed s = sealThree();
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        assertEquals(VerifyAuditCommand.INTACT, command.run(List.of(), new java.io.PrintStream(out), new java.io.PrintStream(err)));
        assertTrue(out.toString().startsWith("intact: "), out.toString());
        UUID id = s.events().get(2).id;
        QuarkusTransaction.begin();
        try {
            sql(em, "update access_event set occurred_at = ?1 where id = ?2", Instant.now().minusSeconds(3600), id);
            em.flush();
            out.reset();
            assertEquals(VerifyAuditCommand.TAMPERED, command.run(List.of(), new java.io.PrintStream(out),
                    new java.io.PrintStream(err)));
            assertTrue(out.toString().contains("ALTERED: event " + id + " was changed"), out.toString());
        } finally {
            QuarkusTransaction.rollback();
        }
        assertEquals(VerifyAuditCommand.USAGE, command.run(List.of("extra"), new java.io.PrintStream(out),
                new java.io.PrintStream(err)));
    }
}
