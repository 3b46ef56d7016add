package org.privacygateway.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real stack for the e2e suite, started once per JVM: Keycloak (the Maven dist, on a JDK 21+ found on the
 * machine) with the dev/test realm, an embedded PostgreSQL, and the packaged gateway in its prod profile. Every
 * process is stopped at the end, failures included (JVM shutdown hook); logs stay under target/e2e-logs.
 */
public final class E2EStack {

    public static final String REALM = "privacy-gateway";
    private static E2EStack instance;

    public final int keycloakPort;
    public final int gatewayPort;
    /** Health and metrics: the management interface, plain http, never the API's port. */
    public final int managementPort;
    /** Secrets of this run, random, as production requires (the gateway refuses dev values and plain http). */
    public final String consentClientSecret = random();
    private final String databasePassword = random();
    private Path tlsDir;
    public final EmbeddedPostgres postgres;
    private final List<Process> processes = new ArrayList<>();
    private final Path logs;

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
        logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"));
        Files.createDirectories(logs);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "e2e-stack-stop"));
        Path project = Path.of(System.getProperty("project.dir", "."));
        keycloakPort = freePort();
        gatewayPort = freePort();
        managementPort = freePort();

        postgres = EmbeddedPostgres.builder().start();
        try (Connection db = database(); java.sql.Statement st = db.createStatement()) {
            st.execute("alter role postgres password '" + databasePassword + "'");
        }
        makeCertificate();
        startKeycloak(project);
        startGateway(project);
    }

    /** Keycloak over https, as production requires of the issuer. */
    public String issuer() {
        return "https://localhost:" + keycloakPort + "/realms/" + REALM;
    }

    /** The gateway over https, as behind the TLS ingress, so its Secure and __Host- cookies work in the browser. */
    public String gateway() {
        return "https://localhost:" + gatewayPort;
    }

    static String random() {
        byte[] bytes = new byte[36];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A self-signed certificate for localhost, for Keycloak and the gateway; the gateway trusts it for Keycloak. */
    private void makeCertificate() throws Exception {
        tlsDir = Files.createTempDirectory("e2e-tls-");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", tlsDir.resolve("tls.p12").toString(), "-storepass", "e2e-tls", "-keypass", "e2e-tls");
        run(keytool, "-exportcert", "-rfc", "-alias", "localhost", "-keystore", tlsDir.resolve("tls.p12").toString(),
                "-storepass", "e2e-tls", "-file", tlsDir.resolve("tls.crt").toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " failed: " + out);
        }
    }

    public Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    private void startKeycloak(Path project) throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.5.5"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + "; run with ./mvnw verify -Pe2e");
        }
        Path javaHome = findJdk(21).orElseThrow(() -> new IllegalStateException(
                "Keycloak 26 needs a JDK 21 or newer, and none was found (JAVA_HOME, /usr/lib/jvm). Install one, e.g. Temurin 25."));
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        // The dev realm, with the consent center's client secret replaced by this run's random one.
        Files.writeString(imports.resolve(REALM + "-realm.json"),
                Files.readString(project.resolve("k8s/keycloak/dev/privacy-gateway-realm.json"))
                        .replace("\"consent-center-dev-secret\"", "\"" + consentClientSecret + "\""));
        // A fresh database per run, so the realm is imported as it is in the repository.
        deleteRecursively(home.resolve("data/h2"));
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-port=" + freePort(), "--https-port=" + keycloakPort, "--http-management-port=" + freePort(),
                "--https-key-store-file=" + tlsDir.resolve("tls.p12"), "--https-key-store-password=e2e-tls",
                "--hostname-strict=false");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("JAVA_OPTS_APPEND", "--add-opens java.base/java.lang=ALL-UNNAMED");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "keycloak-admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "keycloak-admin-dev-password");
        start(pb, "keycloak");
        // Generous: on a loaded two-core machine Keycloak 26 takes up to three minutes to import the realm and start.
        waitFor(issuer() + "/.well-known/openid-configuration", Duration.ofSeconds(360), "Keycloak");
    }

    private void startGateway(Path project) throws Exception {
        Path jar = Path.of(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("The packaged gateway is missing at " + jar);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String p12 = tlsDir.resolve("tls.p12").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m",
                // https for the browser, like the ingress; the identity provider's certificate trusted.
                "-Dquarkus.tls.e2e.key-store.p12.path=" + p12, "-Dquarkus.tls.e2e.key-store.p12.password=e2e-tls",
                "-Dquarkus.tls.e2e.trust-store.pem.certs=" + tlsDir.resolve("tls.crt"),
                "-Dquarkus.http.tls-configuration-name=e2e", "-Dquarkus.http.insecure-requests=disabled",
                "-Dquarkus.oidc.tls.tls-configuration-name=e2e", "-Dquarkus.oidc.consent.tls.tls-configuration-name=e2e",
                "-jar", jar.toString());
        pb.directory(project.toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(freePort()));
        env.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(gatewayPort));
        env.put("GATEWAY_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("GATEWAY_DB_USER", "postgres");
        env.put("GATEWAY_DB_PASSWORD", databasePassword);
        env.put("GATEWAY_OIDC_ISSUER", issuer());
        env.put("GATEWAY_PAIRWISE_SECRET", random());
        env.put("GATEWAY_CONSENT_CLIENT_SECRET", consentClientSecret);
        env.put("GATEWAY_CSRF_KEY", random());
        env.put("GATEWAY_PARTNERS_DIR", project.resolve("partners").toString());
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        // One replica: its own rate-limit buckets (the cluster suite runs two replicas on Redis).
        env.put("GATEWAY_RATE_LIMITS_STORE", "local");
        start(pb, "gateway");
        waitFor("http://localhost:" + managementPort + "/q/health/ready", Duration.ofSeconds(90), "the gateway");
    }

    private void start(ProcessBuilder pb, String name) throws IOException {
        pb.redirectErrorStream(true);
        pb.redirectOutput(logs.resolve(name + ".log").toFile());
        processes.add(pb.start());
    }

    private void waitFor(String url, Duration timeout, String what) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(trustAll()).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(what + " exited early with code " + p.exitValue());
                }
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(what + " was not ready within " + timeout.toSeconds() + " s");
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

    /** For polling our own self-signed endpoints only. */
    static javax.net.ssl.SSLContext trustAll() throws Exception {
        javax.net.ssl.TrustManager[] all = { new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        } };
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, all, new java.security.SecureRandom());
        return context;
    }

    private synchronized void stop() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // already stopped
        }
    }

    /** JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm that is. */
    static Optional<Path> findJdk(int minimum) throws IOException {
        List<Path> candidates = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) {
            candidates.add(Path.of(javaHome));
        }
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> list = Files.list(jvm)) {
                list.sorted(java.util.Comparator.reverseOrder()).forEach(candidates::add);
            }
        }
        for (Path candidate : candidates) {
            if (majorVersion(candidate) >= minimum && Files.isExecutable(candidate.resolve("bin/java"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static int majorVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String major = v.startsWith("1.") ? v.substring(2, 3) : v.split("[.+-]")[0];
                    return Integer.parseInt(major);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
