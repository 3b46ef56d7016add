package org.privacygateway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

/**
 * Two replicas of the packaged gateway behind Debian's haproxy, sharing one PostgreSQL, one Redis and Keycloak: what
 * a two-pod deployment looks like, on one machine. Redis and haproxy run as child processes with configuration files
 * written under {@code target/cluster}; every process is stopped when the JVM ends, failures included.
 *
 * <p>The partner files are the repository's, copied, with two limits changed for the suite: ClearPay's set low, so the
 * shared rate limit can be exhausted in seconds, and Skyway's set to the maximum, so the load it carries is not.
 */
final class ClusterStack {

    /** ClearPay's partner limit in this suite, units per minute across the deployment. */
    static final int CLEARPAY_LIMIT = 60;
    /** How often each replica runs the consent-expiry job here. */
    static final Duration EXPIRY_CHECK = Duration.ofSeconds(1);

    final Path dir;
    final ChildProcesses processes;
    final LocalTls tls;
    final SSLContext clientTls;
    final RestartablePostgres postgres;
    final KeycloakServer keycloak;
    final GatewayServer a;
    final GatewayServer b;
    final int haproxyPort;
    final int haproxyStatsPort;

    ClusterStack() throws Exception {
        dir = Path.of(System.getProperty("cluster.dir", "target/cluster"));
        Files.createDirectories(dir);
        processes = new ChildProcesses(dir.resolve("logs"));
        Path project = Path.of(System.getProperty("project.dir", "."));
        postgres = new RestartablePostgres(dir.resolve("postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "cluster-stack-stop"));
        String databasePassword = E2EStack.random();
        E2EStack.setPassword(postgres, databasePassword);
        tls = new LocalTls();
        clientTls = tls.clientContext();
        String redisUrl = startRedis();
        String consentClientSecret = E2EStack.random();
        keycloak = KeycloakServer.start(processes, tls, project, consentClientSecret);
        GatewayServer.Settings settings = new GatewayServer.Settings(postgres.jdbcUrl(), databasePassword,
                keycloak.issuer(), consentClientSecret, E2EStack.random(), E2EStack.random(), partners(project),
                // Two gateways, Keycloak and PostgreSQL share the machine: a stall past the 100 ms default would
                // count Redis as down, and this suite checks that the limit held through Redis throughout.
                Map.of("REDIS_URL", redisUrl, "GATEWAY_RATE_LIMITS_STORE", "redis",
                        "GATEWAY_RATE_LIMITS_STORE_TIMEOUT", "500ms"),
                List.of("-Dgateway.consent.expiry-check=" + EXPIRY_CHECK.toSeconds() + "s"));
        // One replica first, so Flyway migrates once; the second then starts against the migrated schema.
        a = GatewayServer.start(processes, tls, project, "gateway-a", settings);
        b = GatewayServer.start(processes, tls, project, "gateway-b", settings);
        haproxyPort = E2EStack.freePort();
        haproxyStatsPort = E2EStack.freePort();
        startHaproxy();
    }

    /** The load balancer's address: what partners and members use. */
    String balancer() {
        return "https://localhost:" + haproxyPort;
    }

    Connection database() throws SQLException {
        return postgres.connect();
    }

    private Path partners(Path project) throws IOException {
        Path copy = dir.resolve("partners");
        KeycloakServer.deleteRecursively(copy);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(project.resolve("partners"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName().toString()));
            }
        }
        setLimit(copy.resolve("clearpay-payments.yaml"), CLEARPAY_LIMIT);
        setLimit(copy.resolve("skyway-travel.yaml"), 100_000);
        return copy;
    }

    private static void setLimit(Path partnerFile, int perMinute) throws IOException {
        String yaml = Files.readString(partnerFile);
        String changed = yaml.replaceFirst("(?m)^rateLimitPerMinute: \\d+$", "rateLimitPerMinute: " + perMinute);
        if (changed.equals(yaml)) {
            throw new IllegalStateException(partnerFile + " has no rateLimitPerMinute line to change");
        }
        Files.writeString(partnerFile, changed);
    }

    /** Redis on a free port, password required, nothing persisted: the shared rate-limit buckets. */
    private String startRedis() throws Exception {
        int port = E2EStack.freePort();
        String password = E2EStack.random();
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, String.join("\n",
                "bind 127.0.0.1",
                "port " + port,
                "protected-mode yes",
                "requirepass " + password,
                "save \"\"",
                "appendonly no",
                "daemonize no",
                "dir " + dir.toAbsolutePath(),
                ""));
        processes.start(new ProcessBuilder(executable("redis-server", "/usr/bin/redis-server"), conf.toString()), "redis");
        E2EStack.await("Redis on port " + port, Duration.ofSeconds(20), () -> listening(port));
        return "redis://:" + password + "@127.0.0.1:" + port;
    }

    /**
     * haproxy in front of both replicas: TLS with this run's certificate on both sides, round robin, readiness checks
     * every 500 ms, and retries only where a retry cannot do something twice (see docs/operations-cluster.md).
     */
    private void startHaproxy() throws Exception {
        Path conf = dir.resolve("haproxy.cfg");
        String backendTls = "ssl verify required ca-file " + tls.certificate + " sni str(localhost) verifyhost localhost";
        Files.writeString(conf, String.join("\n",
                "global",
                "    log stdout format raw local0",
                "    maxconn 500",
                "",
                "defaults",
                "    mode http",
                "    log global",
                "    option httplog",
                "    timeout connect 2s",
                "    timeout client 30s",
                "    timeout server 30s",
                "    timeout http-request 10s",
                "",
                "frontend gateway",
                "    bind 127.0.0.1:" + haproxyPort + " ssl crt " + tls.certificateAndKeyPem(),
                "    default_backend replicas",
                "",
                "backend replicas",
                "    balance roundrobin",
                "    option httpchk",
                // Readiness on each replica's management port, plain http, as a kubelet probes it.
                "    http-check send meth GET uri /q/health/ready ver HTTP/1.1 hdr Host localhost",
                "    http-check expect status 200",
                // A request is retried (on the other replica) when it never reached a replica; a read also when the
                // replica closed the connection without answering. A mutation, or any other method than GET/HEAD
                // outside /graphql, is never sent twice: the first attempt may have been committed.
                "    retries 2",
                "    option redispatch 1",
                "    retry-on conn-failure empty-response",
                "    option http-buffer-request",
                "    acl safe_method method GET HEAD",
                "    acl graphql path /graphql",
                "    acl mutation req.body -m sub -i mutation",
                "    http-request disable-l7-retry unless safe_method || graphql !mutation",
                "    http-response set-header X-Replica %s",
                "    default-server check inter 500ms fall 2 rise 2 " + backendTls,
                "    server a 127.0.0.1:" + a.port + " port " + a.managementPort + " no-check-ssl",
                "    server b 127.0.0.1:" + b.port + " port " + b.managementPort + " no-check-ssl",
                "",
                "listen stats",
                "    bind 127.0.0.1:" + haproxyStatsPort,
                "    stats enable",
                "    stats uri /stats",
                ""));
        String haproxy = executable("haproxy", "/usr/sbin/haproxy");
        Process check = new ProcessBuilder(haproxy, "-c", "-f", conf.toString()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        if (check.waitFor() != 0) {
            throw new IllegalStateException("haproxy refuses its configuration: " + checked);
        }
        processes.start(new ProcessBuilder(haproxy, "-db", "-f", conf.toString()), "haproxy");
        processes.awaitHttp200("http://127.0.0.1:" + haproxyStatsPort + "/stats", clientTls, Duration.ofSeconds(30), "haproxy");
        E2EStack.await("haproxy finding both replicas ready", Duration.ofSeconds(30), () -> {
            try {
                return "UP".equals(balancerCounters("a").get("status")) && "UP".equals(balancerCounters("b").get("status"));
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** haproxy's own counters for the backend, from its stats CSV: column name to value. */
    Map<String, String> balancerCounters() throws Exception {
        return balancerCounters("BACKEND");
    }

    /** haproxy's stats CSV line for one server of the backend ({@code a}, {@code b}) or for the backend itself. */
    Map<String, String> balancerCounters(String server) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String csv = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + haproxyStatsPort + "/stats;csv")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        List<String> lines = csv.lines().toList();
        String[] header = lines.get(0).replaceFirst("^# ", "").split(",", -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[0].equals("replicas") && cells[1].equals(server)) {
                Map<String, String> counters = new java.util.LinkedHashMap<>();
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    counters.put(header[i], cells[i]);
                }
                return counters;
            }
        }
        throw new IllegalStateException("haproxy's stats have no line for " + server + ": " + csv);
    }

    private static String executable(String name, String debianPath) {
        if (Files.isExecutable(Path.of(debianPath))) {
            return debianPath;
        }
        throw new IllegalStateException("The cluster suite needs Debian's " + name + " at " + debianPath
                + ": apt-get install haproxy redis-server");
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
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
}
