package org.privacygateway.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** One {@code audit_checkpoint} row as read: the statement rebuilt from its columns, and what is stored beside it. */
record CheckpointRow(CheckpointStatement statement, String keyId, String signature, byte[] leafIndex) {

    static final String COLUMNS = "id, first_seq, last_seq, event_count, newest_event_at, sealed_at, root_hash,"
            + " index_hash, previous_hash, key_id, signature, leaf_index";

    static CheckpointRow from(ResultSet r) throws SQLException {
        CheckpointStatement statement = new CheckpointStatement(r.getLong(1), r.getLong(2), r.getLong(3), r.getInt(4),
                r.getObject(5, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MICROS),
                r.getObject(6, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MICROS),
                r.getString(7), r.getString(8), r.getString(9));
        return new CheckpointRow(statement, r.getString(10), r.getString(11), r.getBytes(12));
    }
}
