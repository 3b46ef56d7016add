package org.privacygateway.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Members and consents written straight into the database, as if they had signed up and consented earlier. */
final class SeededData {

    static final String SKYWAY = "skyway-travel";
    static final String SKYWAY_POLICY = "https://www.skyway-travel.example/privacy";

    private SeededData() {
    }

    /** A member living in Lund, SE, every category stamped under policy version 1. */
    static UUID member(Connection db, String subject, String given, String family, String email, String phone)
            throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = db.prepareStatement("""
                insert into member (id, subject, given_name, family_name, email, phone, city, country, created_at, updated_at,
                  name_policy_version, email_policy_version, phone_policy_version, address_policy_version)
                values (?, ?, ?, ?, ?, ?, 'Lund', 'SE', ?, ?, 1, 1, 1, 1)
                """)) {
            s.setObject(1, id);
            s.setString(2, subject);
            s.setString(3, given);
            s.setString(4, family);
            s.setString(5, email);
            s.setString(6, phone);
            s.setTimestamp(7, now);
            s.setTimestamp(8, now);
            s.executeUpdate();
        }
        return id;
    }

    /** A FULL consent to Skyway Travel for order fulfilment, given now, under policy version 1. */
    static void skywayConsent(Connection db, UUID member, String category, Instant expiresAt) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("""
                insert into consent (id, member_id, partner_id, category, purpose, level, granted_at, expires_at,
                  policy_version, partner_policy_url)
                values (?, ?, ?, ?, 'ORDER_FULFILLMENT', 'FULL', ?, ?, 1, ?)
                """)) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, member);
            s.setString(3, SKYWAY);
            s.setString(4, category);
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.setTimestamp(6, Timestamp.from(expiresAt));
            s.setString(7, SKYWAY_POLICY);
            s.executeUpdate();
        }
    }
}
