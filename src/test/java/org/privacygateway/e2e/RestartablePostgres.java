package org.privacygateway.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL (zonky's binaries) on a fixed port and data directory, so it can be stopped and started
 * again as the same server: zonky keeps a data directory it did not create clean, and reuses it when it already holds
 * a cluster. Stopping is {@code pg_ctl stop -m fast}: open connections are cut, as when the server goes away.
 */
final class RestartablePostgres {

    final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres server;

    RestartablePostgres(Path dataDirectory) throws IOException {
        this.dataDirectory = dataDirectory;
        this.port = E2EStack.freePort();
        KeycloakServer.deleteRecursively(dataDirectory);
        start();
    }

    synchronized void start() throws IOException {
        if (server == null) {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).start();
        }
    }

    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** A connection as the superuser, for seeding and for checking what was written. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }
}
