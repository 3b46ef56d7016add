package org.privacygateway.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** H2's form of the trigger that stamps {@code config_generation} (see migration V8); PostgreSQL uses PL/pgSQL. */
public class GenerationTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE config_generation SET generation = NEXT VALUE FOR config_generation_seq WHERE id = 1")) {
            s.executeUpdate();
        }
    }
}
