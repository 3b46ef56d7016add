package org.privacygateway.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real stack for the e2e suite, started once per JVM: Keycloak (the Maven dist, on a JDK 21+ found on the
 * machine) with the dev/test realm, an embedded PostgreSQL, and the packaged gateway in its prod profile. Every
 * process is stopped at the end, failures included (JVM shutdown hook); logs stay under target/e2e-logs.
 */
public final class E2EStack {

    public static final String REALM = KeycloakServer.REALM;
    private static E2EStack instance;

    /** Secrets of this run, random, as production requires (the gateway refuses dev values and plain http). */
    public final String consentClientSecret = random();
    private final ChildProcesses processes;
    private final RestartablePostgres postgres;
    private final KeycloakServer keycloak;
    private final GatewayServer gateway;

    public static synchronized E2EStack get() {
        if (instance == null) {
            try {
                instance = new E2EStack();
            } catch (Exception e) {
                throw new IllegalStateException("The e2e stack did not start: " + e.getMessage()
                        + " (logs in " + System.getProperty("e2e.logs") + ")", e);
            }
        }
        return instance;
    }

    private E2EStack() throws Exception {
        Path logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
        processes = new ChildProcesses(logs);
        Path project = Path.of(System.getProperty("project.dir", "."));
        postgres = new RestartablePostgres(logs.resolveSibling("e2e-postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "e2e-stack-stop"));
        String databasePassword = random();
        setPassword(postgres, databasePassword);
        LocalTls tls = new LocalTls();
        keycloak = KeycloakServer.start(processes, tls, project, consentClientSecret);
        gateway = GatewayServer.start(processes, tls, project, "gateway", new GatewayServer.Settings(
                postgres.jdbcUrl(), databasePassword, keycloak.issuer(), consentClientSecret, random(), random(),
                // One replica: its own rate-limit buckets (the cluster suite runs two replicas on Redis).
                project.resolve("partners"), Map.of("GATEWAY_RATE_LIMITS_STORE", "local"), List.of()));
    }

    /** The gateway connects with a password of this run (the embedded server itself trusts local connections). */
    static void setPassword(RestartablePostgres postgres, String password) throws SQLException {
        try (Connection db = postgres.connect(); java.sql.Statement st = db.createStatement()) {
            st.execute("alter role postgres password '" + password + "'");
        }
    }

    /** Keycloak over https, as production requires of the issuer. */
    public String issuer() {
        return keycloak.issuer();
    }

    /** The gateway over https, as behind the TLS ingress, so its Secure and __Host- cookies work in the browser. */
    public String gateway() {
        return gateway.url();
    }

    public Connection database() throws SQLException {
        return postgres.connect();
    }

    static String random() {
        byte[] bytes = new byte[36];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout}: how the suite waits, never a fixed sleep. */
    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private void stop() {
        processes.stopAll();
        try {
            postgres.stop();
        } catch (IOException | RuntimeException e) {
            // already stopped
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
