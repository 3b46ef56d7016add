package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A generation stamp of what every request reads but rarely changes (partners, their requests and hosts, policy
 * versions and their matrices), so each replica can keep them in memory and know, with one primary-key read, whether
 * its copy is current. Triggers set it on any change to those tables, whoever makes it (the gateway on any replica,
 * a migration, an operator's SQL), in the changing transaction. The value comes from a sequence, which never hands
 * out a number twice even when the transaction that took it rolls back: a copy loaded inside a transaction that then
 * rolled back carries a stamp no committed state will ever have. A Java migration because the trigger syntax differs
 * between PostgreSQL and H2 (the dev default).
 */
public class V8__ConfigGeneration extends BaseJavaMigration {

    /** The tables whose rows the in-memory copies are made of. */
    static final List<String> TABLES = List.of("partner", "partner_host", "partner_request", "policy_version",
            "policy_permission");

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE config_generation (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL)");
            s.execute("INSERT INTO config_generation (id, generation) VALUES (1, 0)");
            s.execute("CREATE SEQUENCE config_generation_seq START WITH 1");
            if (postgres) {
                s.execute("""
                        CREATE FUNCTION bump_config_generation() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          UPDATE config_generation SET generation = nextval('config_generation_seq') WHERE id = 1;
                          RETURN NULL;
                        END $$""");
            }
            for (String table : TABLES) {
                if (postgres) {
                    s.execute("CREATE TRIGGER " + table + "_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                            + table + " FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation()");
                } else {
                    s.execute("CREATE TRIGGER " + table + "_generation AFTER INSERT, UPDATE, DELETE ON " + table
                            + " FOR EACH STATEMENT CALL \"org.privacygateway.config.GenerationTrigger\"");
                }
            }
        }
    }
}
