package org.privacygateway.audit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One access event as it is sealed: its canonical bytes, one {@code name=value} line per column in a fixed order
 * (a missing value is a missing line; a backslash or a line break in a value is escaped), UTF-8. Every column a
 * member or regulator relies on is in it, with the member named as {@link MemberNames} says, so an erasure (which
 * swaps the member's id for the pairwise id) leaves the leaf as it was while any other change alters it.
 */
public record AuditLeaf(long seq, UUID id, Instant occurredAt, byte[] bytes) {

    static final String VERSION = "privacy-gateway access event v1";

    /** The columns {@link #from} reads, in this order. */
    static final String COLUMNS = "seq, id, request_id, occurred_at, kind, partner_id, member_id, pairwise_member_id,"
            + " purpose, operation, served, masked, recipient, legal_basis, reference";

    static AuditLeaf from(ResultSet r, MemberNames names) throws SQLException {
        long seq = r.getLong(1);
        UUID id = r.getObject(2, UUID.class);
        Instant occurred = r.getObject(4, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MICROS);
        String partner = r.getString(6);
        UUID member = r.getObject(7, UUID.class);
        String pairwise = r.getString(8);
        String subject;
        if (partner != null) {
            subject = pairwise != null ? pairwise : member == null ? null : names.pairwise(partner, member);
        } else {
            subject = member == null ? null : member.toString();
        }
        StringBuilder b = new StringBuilder(VERSION).append('\n');
        line(b, "seq", Long.toString(seq));
        line(b, "id", id.toString());
        line(b, "requestId", r.getString(3));
        line(b, "occurredAt", occurred.toString());
        line(b, "kind", r.getString(5));
        line(b, "partnerId", partner);
        line(b, "member", subject);
        line(b, "purpose", r.getString(9));
        line(b, "operation", r.getString(10));
        line(b, "served", r.getString(11));
        line(b, "masked", r.getString(12));
        line(b, "recipient", r.getString(13));
        line(b, "legalBasis", r.getString(14));
        line(b, "reference", r.getString(15));
        return new AuditLeaf(seq, id, occurred, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(name).append('=').append(value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
                    .append('\n');
        }
    }

    public byte[] hash() {
        return MerkleTree.leafHash(bytes);
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
