package org.privacygateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.smallrye.jwt.build.Jwt;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.privacygateway.consent.PairwiseIds;
import org.privacygateway.dev.MemberRecords;
import org.privacygateway.dev.StubMemberService;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.member.Member;

/**
 * The benchmark behind {@code ./mvnw -Pbench verify}: the packaged gateway (bench build) on an embedded PostgreSQL
 * with 10,000 members, 20 partners and about 5 consents per member, tokens signed here, load from wrk at fixed
 * concurrency. Prints figures; asserts nothing about speed.
 *
 * <p>It does assert correctness: every response of every scenario (warm-up included) is checked (HTTP 200, no
 * {@code errors}, the scenario's expected shape); failures are counted apart from the throughput, a scenario with any
 * failure is reported FAILED and the run fails. PostgreSQL runs with production durability ({@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on, data on the project's disk), verified and printed.
 */
class GatewayBench {

    static final int MEMBERS = 10_000;
    static final int PARTNERS = 20;
    static final int CONSENTS_PER_MEMBER = 5;
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 16);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);

    /**
     * {@code -Dbench.source=upstream}: the gateway reads the members' values from the stub member service (a real
     * loopback HTTP server in this JVM, holding the same 10,000 members) instead of its table. S0, S0-one and G0 read
     * the table as before; S1 and S2 then include one member-service call each.
     */
    static final boolean UPSTREAM = "upstream".equals(System.getProperty("bench.source", "local"));

    StubMemberService stub;
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 5);
    static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmupRounds", 8);
    static final double STEADY = Double.parseDouble(System.getProperty("bench.steady", "0.05"));
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    static final String SECRET = "bench-pairwise-secret-0123456789abcdefghijklmn";
    /** Server settings that decide whether a commit is durable; the benchmark runs with all of them on. */
    static final Map<String, String> DURABILITY = new LinkedHashMap<>(Map.of(
            "fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
    static final String ALL_FIELDS = "id name { given family } email phone address { street city region postalCode country } "
            + "company { name address { street city } } card { brand last4 expiryMonth expiryYear } access { category level reason }";

    final Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, String> figures = new LinkedHashMap<>();
    final List<String> failedScenarios = new ArrayList<>();
    KeyPair keys;
    int port;
    String base;

    @Test
    void run() throws Exception {
        Files.createDirectories(dir);
        requireWrk();
        keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        List<String> jvm = documentedJvmFlags();
        figures.put("JVM flags (k8s/base/deployment.yaml, /deployments = " + appDir() + ")", String.join(" ", jvm));
        figures.put("Member source", UPSTREAM ? "upstream (stub member service over loopback HTTP)" : "local (the gateway's table)");
        if (UPSTREAM) {
            stub = new StubMemberService(0, java.time.Clock.systemUTC()).start();
        }
        try (EmbeddedPostgres postgres = durablePostgres()) {
            figures.put("PostgreSQL durability", durabilitySettings(postgres));
            Path partners = writePartners();
            port = freePort();
            base = "http://localhost:" + port;
            String partner0 = token("bench-partner-0");
            trainClassDataArchive(postgres, partners, partner0, jvm);
            // Start on the empty database (migrations run, partner files applied), then again on the seeded one.
            Instant started = Instant.now();
            Process gateway = startGateway(postgres.getJdbcUrl("postgres", "postgres"), partners, jvm, "gateway-empty.log");
            try {
                figures.put("Start to first served request, empty database", untilFirstServed(partner0, started, gateway) + " ms");
            } finally {
                stop(gateway);
            }
            List<UUID> members = seed(postgres);
            started = Instant.now();
            gateway = startGateway(postgres.getJdbcUrl("postgres", "postgres"), partners, jvm, "gateway.log");
            try {
                figures.put("Start to first served request, populated database (" + MEMBERS + " members)",
                        untilFirstServed(partner0, started, gateway) + " ms");
                liftRateLimits(postgres);
                Map<String, Scenario> scenarios = new LinkedHashMap<>();
                List<String> s2Body = List.of(query("{ members(purpose: ORDER_FULFILLMENT, first: 50) { edges { node { " + ALL_FIELDS + " } } } }"));
                scenarios.put("S0", scenario("S0 REST rows (50 members, no GraphQL/masking/audit)", "s0",
                        requests("GET", List.of("/bench/members?first=50"), null, null), List.of("[{\"id\":\"")));
                scenarios.put("S0-one", scenario("S0-one REST one member by id (S1's rows)", "s0-one",
                        requests("GET", s0OnePaths(members), null, null), List.of("{\"id\":\"")));
                scenarios.put("G0", scenario("G0 plain graphql-java, S2's shape from memory", "g0",
                        requests("POST", List.of("/bench/g0"), s2Body, null),
                        List.of("{\"data\":{\"members\":{\"edges\":[{\"node\":{\"id\":\"pw_")));
                scenarios.put("S1", scenario("S1 member(id) every field", "s1",
                        requests("POST", List.of("/graphql"), s1Bodies(members), partner0),
                        List.of("{\"data\":{\"member\":{\"id\":\"pw_")));
                scenarios.put("S2", scenario("S2 members(first: 50) every field", "s2",
                        requests("POST", List.of("/graphql"), s2Body, partner0),
                        List.of("{\"data\":{\"members\":{\"edges\":[{\"node\":{\"id\":\"pw_"), PROFILE ? gateway : null));
                scenarios.put("S3", scenarioS3(members));
                statementFigures(partner0, members);
                figures.put("Resident memory after the run", rss(gateway));
                if (stub != null) {
                    figures.put("Member-service batch reads, whole run", String.valueOf(stub.batchReads()));
                }
                nativeMemory(gateway, jvm);
                printTable(scenarios);
            } finally {
                stop(gateway);
            }
        }
        if (stub != null) {
            stub.stop();
        }
        decisionBenchmark();
        printFigures();
        if (!failedScenarios.isEmpty()) {
            throw new AssertionError("Scenarios with failed responses: " + failedScenarios + "; see " + dir);
        }
    }

    static void stop(Process gateway) throws InterruptedException {
        gateway.destroy();
        if (!gateway.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            gateway.destroyForcibly();
        }
    }

    /** The embedded server with production durability, its data on the project's disk (not a memory file system). */
    EmbeddedPostgres durablePostgres() throws IOException {
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true);
        // The library starts the server with fsync and synchronous_commit off; settings given here come later on the
        // command line and win. They are checked once the server is up.
        DURABILITY.forEach(builder::setServerConfig);
        return builder.start();
    }

    /** The durability settings the server actually runs with; refuses to go on unless each is as required. */
    String durabilitySettings(EmbeddedPostgres postgres) throws Exception {
        List<String> shown = new ArrayList<>();
        try (Connection db = postgres.getPostgresDatabase().getConnection(); var statement = db.createStatement()) {
            for (Map.Entry<String, String> setting : DURABILITY.entrySet()) {
                try (var rs = statement.executeQuery("show " + setting.getKey())) {
                    rs.next();
                    String value = rs.getString(1);
                    if (!setting.getValue().equals(value)) {
                        throw new IllegalStateException("PostgreSQL runs with " + setting.getKey() + "=" + value
                                + ", the benchmark needs " + setting.getValue());
                    }
                    shown.add(setting.getKey() + "=" + value);
                }
            }
        }
        shown.add("data on " + fileSystemOf(dir.resolve("pgdata").toAbsolutePath()));
        return String.join(", ", shown);
    }

    /** The type of the file system holding a path, from /proc/mounts (longest matching mount point). */
    static String fileSystemOf(Path path) throws IOException {
        String best = "";
        String type = "?";
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && path.toString().startsWith(f[1]) && f[1].length() > best.length()) {
                best = f[1];
                type = f[2];
            }
        }
        return type;
    }

    // ---- set-up

    void requireWrk() {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            throw new IllegalStateException("The benchmark drives load with wrk: apt-get install wrk");
        }
    }

    Path writePartners() throws IOException {
        Path partners = dir.resolve("partners");
        Files.createDirectories(partners);
        try (var old = Files.list(partners)) {
            old.forEach(p -> p.toFile().delete());
        }
        for (int i = 0; i < PARTNERS; i++) {
            StringBuilder yaml = new StringBuilder("""
                    id: bench-partner-%1$d
                    displayName: Bench Partner %1$d
                    kind: travel
                    clientId: bench-partner-%1$d
                    hosts: [p%1$d.bench.example]
                    policyUrl: https://p%1$d.bench.example/privacy
                    privacyContact: privacy@p%1$d.bench.example
                    rateLimitPerMinute: 100000
                    requests:
                    """.formatted(i));
            for (String c : List.of("NAME", "EMAIL", "PHONE", "ADDRESS", "COMPANY")) {
                yaml.append("  - {category: ").append(c).append(", purpose: ORDER_FULFILLMENT, level: FULL, justification: Bench.}\n");
            }
            yaml.append("  - {category: PAYMENT_CARD, purpose: ORDER_FULFILLMENT, level: PARTIAL, justification: Bench.}\n");
            Files.writeString(partners.resolve("bench-partner-" + i + ".yaml"), yaml);
        }
        return partners;
    }

    /** The quarkus-app directory of the packaged jar: what the image holds in /deployments. */
    static Path appDir() {
        return Path.of(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath().getParent();
    }

    /**
     * The JVM flags operators are told to use: JAVA_OPTS_APPEND of k8s/base/deployment.yaml (the README points there),
     * with the image's /deployments/ read as the local quarkus-app directory. The benchmark starts every measured
     * gateway with exactly these, so the figures are those of the documented set-up.
     */
    static List<String> documentedJvmFlags() throws IOException {
        Path manifest = Path.of(System.getProperty("bench.k8sDeployment", "k8s/base/deployment.yaml"));
        List<String> lines = Files.readAllLines(manifest);
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).contains("name: JAVA_OPTS_APPEND")) {
                String value = find(lines.get(i + 1), "value:\\s*\"([^\"]*)\"");
                List<String> flags = new ArrayList<>();
                for (String flag : value.trim().split("\\s+")) {
                    flags.add(flag.replace("/deployments/", appDir() + "/"));
                }
                return flags;
            }
        }
        throw new IllegalStateException("no JAVA_OPTS_APPEND in " + manifest);
    }

    /** The class-data archive the documented flags name, if they name one. */
    static Path archiveOf(List<String> jvm) {
        for (String flag : jvm) {
            if (flag.startsWith("-XX:SharedArchiveFile=")) {
                return Path.of(flag.substring("-XX:SharedArchiveFile=".length()));
            }
        }
        return null;
    }

    /**
     * The training run that writes the class-data archive (AppCDS) the documented flags use: the gateway started
     * without it, on a database of its own, with -XX:ArchiveClassesAtExit; it serves each kind of request the
     * benchmark sends a few times and is stopped, and the JVM writes every class it loaded to the archive. Its own
     * start (no archive) is reported: that is the start without AppCDS. {@code -Dbench.cds=false} skips training
     * (the documented flags then find no archive, and the JVM starts without one).
     */
    void trainClassDataArchive(EmbeddedPostgres postgres, Path partners, String partner0, List<String> jvm) throws Exception {
        Path archive = archiveOf(jvm);
        if (archive == null) {
            figures.put("Class-data archive (AppCDS)", "none named in the documented flags");
            return;
        }
        Files.deleteIfExists(archive);
        if (!Boolean.parseBoolean(System.getProperty("bench.cds", "true"))) {
            figures.put("Class-data archive (AppCDS)", "not trained (-Dbench.cds=false): the gateway starts without one");
            return;
        }
        try (Connection db = postgres.getPostgresDatabase().getConnection(); var statement = db.createStatement()) {
            statement.execute("drop database if exists training");
            statement.execute("create database training");
        }
        List<String> training = new ArrayList<>();
        for (String flag : jvm) {
            if (!flag.startsWith("-XX:SharedArchiveFile=")) {
                training.add(flag);
            }
        }
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        Instant started = Instant.now();
        Process gateway = startGateway(postgres.getJdbcUrl("postgres", "training"), partners, training, "gateway-training.log");
        try {
            figures.put("Start to first served request, empty database, no class-data archive (training run)",
                    untilFirstServed(partner0, started, gateway) + " ms");
            // Each kind of request the benchmark sends, a few times (answers are not checked: the database is empty).
            String s2 = query("{ members(purpose: ORDER_FULFILLMENT, first: 50) { edges { node { " + ALL_FIELDS + " } } } }");
            String s1 = query("{ member(id: \\\"" + new PairwiseIds(SECRET).toPairwise("bench-partner-0", UUID.randomUUID())
                    + "\\\", purpose: ORDER_FULFILLMENT) { " + ALL_FIELDS + " } }");
            String member = memberToken("bench-member-training");
            for (int i = 0; i < 20; i++) {
                post(partner0, s2);
                post(partner0, s1);
                post(member, "{\"query\":\"mutation { grantConsent(input: {partnerId: \\\"bench-partner-1\\\", category: PHONE, purpose: ORDER_FULFILLMENT, level: FULL}) { receiptId } }\"}");
                send("GET", "/bench/members?first=50", null);
                send("GET", "/bench/member/" + UUID.randomUUID(), null);
                send("POST", "/bench/g0", s2);
                send("GET", "/bench/sql", null);
            }
        } finally {
            stop(gateway);
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no class-data archive; see " + dir.resolve("gateway-training.log"));
        }
        figures.put("Class-data archive (AppCDS)", String.format(Locale.ROOT, "trained by this run: %s, %d MiB",
                archive.getFileName(), Files.size(archive) >> 20));
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    Process startGateway(String jdbcUrl, Path partners, List<String> jvm, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvm);
        String extra = System.getProperty("bench.jvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", appDir().resolve("quarkus-run.jar").toString()));
        // Run from the application directory, as the image does (/deployments).
        ProcessBuilder pb = new ProcessBuilder(command).directory(appDir().toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_PROFILE", "bench");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("GATEWAY_DB_URL", jdbcUrl);
        env.put("GATEWAY_DB_USER", "postgres");
        env.put("GATEWAY_DB_PASSWORD", "postgres");
        env.put("GATEWAY_PAIRWISE_SECRET", SECRET);
        env.put("GATEWAY_PARTNERS_DIR", partners.toAbsolutePath().toString());
        if (stub != null) {
            env.put("GATEWAY_MEMBERS_SOURCE", "upstream");
            env.put("GATEWAY_MEMBERS_UPSTREAM_URL", stub.url());
        }
        env.put("BENCH_TOKEN_PUBLIC_KEY", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
        return pb.start();
    }

    long untilFirstServed(String token, Instant started, Process gateway) throws Exception {
        Instant deadline = started.plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && gateway.isAlive()) {
            try {
                HttpResponse<String> r = post(token, query("{ partner { id } }"));
                if (r.statusCode() == 200 && r.body().contains("bench-partner-0")) {
                    return Duration.between(started, Instant.now()).toMillis();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the gateway served nothing within 90 s (or stopped); see " + dir);
    }

    /** 10,000 members with a value in every category, ~5 consents each, spread over the partners. */
    /**
     * Partner files allow at most 100,000 member reads a minute; S2 alone asks for more than that. The limit is
     * lifted in the database once the gateway runs (a partner file is applied again at start), so the run measures
     * the read path, not the limiter; every request is still charged. The gateway sees the change on its next request
     * (partners are kept in memory against the database's change stamp).
     */
    void liftRateLimits(EmbeddedPostgres postgres) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                var statement = db.createStatement()) {
            statement.executeUpdate("update partner set rate_limit_per_minute = 1000000000 where id like 'bench-partner-%'");
        }
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Member i's values as the member service holds them: the same as the row seed() writes. */
    static Member upstreamMember(int i, LocalDate birth) {
        Member m = new Member();
        m.subject = "bench-member-" + i;
        m.givenName = "Given" + i;
        m.familyName = "Family" + i;
        m.email = "member" + i + "@mail.example";
        m.phone = "+46 70 " + (1000000 + i);
        m.street = i + " Bench Street";
        m.city = "City" + (i % 50);
        m.region = "Region" + (i % 10);
        m.postalCode = String.valueOf(10000 + i);
        m.country = "SE";
        m.companyName = "Company " + (i % 200);
        m.cardToken = "tok_" + i;
        m.cardBrand = "VISA";
        m.cardLast4 = "4242";
        m.cardExpiryMonth = 12;
        m.cardExpiryYear = 2030;
        m.birthDate = birth;
        for (DataCategory c : DataCategory.values()) {
            m.stamp(c, 1);
        }
        return m;
    }

    List<UUID> seed(EmbeddedPostgres postgres) throws Exception {
        Random random = new Random(42);
        List<UUID> ids = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp expires = Timestamp.from(Instant.now().plus(Duration.ofDays(300)));
        String[] categories = { "NAME", "EMAIL", "PHONE", "ADDRESS", "COMPANY", "PAYMENT_CARD" };
        try (Connection db = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
            db.setAutoCommit(false);
            try (PreparedStatement m = db.prepareStatement("""
                    insert into member (id, subject, given_name, family_name, email, phone, street, city, region, postal_code,
                      country, company_name, card_token, card_brand, card_last4, card_expiry_month, card_expiry_year, birth_date,
                      name_policy_version, email_policy_version, phone_policy_version, address_policy_version,
                      company_policy_version, card_policy_version, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SE', ?, ?, 'VISA', '4242', 12, 2030, ?, 1, 1, 1, 1, 1, 1, ?, ?)""");
                 PreparedStatement c = db.prepareStatement("""
                    insert into consent (id, member_id, partner_id, category, purpose, level, granted_at, expires_at,
                      policy_version, partner_policy_url, member_order)
                    values (?, ?, ?, ?, 'ORDER_FULFILLMENT', 'FULL', ?, ?, 1, ?, ?)""")) {
                // Rows as the gateway writes them at grant time, member order included (ConsentLedger): the populated
                // start then finds nothing to backfill, as a production restart does.
                PairwiseIds pairwise = new PairwiseIds(SECRET);
                for (int i = 0; i < MEMBERS; i++) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    m.setObject(1, id);
                    m.setString(2, "bench-member-" + i);
                    m.setString(3, "Given" + i);
                    m.setString(4, "Family" + i);
                    m.setString(5, "member" + i + "@mail.example");
                    m.setString(6, "+46 70 " + (1000000 + i));
                    m.setString(7, i + " Bench Street");
                    m.setString(8, "City" + (i % 50));
                    m.setString(9, "Region" + (i % 10));
                    m.setString(10, String.valueOf(10000 + i));
                    m.setString(11, "Company " + (i % 200));
                    m.setString(12, "tok_" + i);
                    m.setObject(13, LocalDate.of(1960 + i % 45, 1 + i % 12, 1 + i % 28));
                    m.setTimestamp(14, now);
                    m.setTimestamp(15, now);
                    m.addBatch();
                    if (stub != null) {
                        stub.put(MemberRecords.of(JSON, upstreamMember(i, LocalDate.of(1960 + i % 45, 1 + i % 12, 1 + i % 28)),
                                v -> Instant.parse("2001-10-16T00:00:00Z")));
                    }
                    // Member i consents to partner 0 for NAME and EMAIL (so S1/S2 serve data) and three random others.
                    List<String> given = new ArrayList<>();
                    for (int k = 0; k < CONSENTS_PER_MEMBER; k++) {
                        int partner = k < 2 ? 0 : random.nextInt(PARTNERS);
                        String category = k < 2 ? categories[k] : categories[random.nextInt(categories.length)];
                        if (!given.add(partner + "/" + category) || given.subList(0, given.size() - 1).contains(partner + "/" + category)) {
                            continue;
                        }
                        c.setObject(1, UUID.randomUUID());
                        c.setObject(2, id);
                        c.setString(3, "bench-partner-" + partner);
                        c.setString(4, category);
                        c.setTimestamp(5, now);
                        c.setTimestamp(6, expires);
                        c.setString(7, "https://p" + partner + ".bench.example/privacy");
                        c.setLong(8, pairwise.sortKey("bench-partner-" + partner, id));
                        c.addBatch();
                    }
                    if (i % 1000 == 999) {
                        m.executeBatch();
                        c.executeBatch();
                        db.commit();
                        System.out.printf("seeded %d members%n", i + 1);
                    }
                }
            }
            db.commit();
        }
        return ids;
    }

    // ---- load

    /** The members S1 reads, in S1's order. */
    static List<UUID> s1Members(List<UUID> members) {
        List<UUID> chosen = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            chosen.add(members.get(i * 17 % members.size()));
        }
        return chosen;
    }

    List<String> s1Bodies(List<UUID> members) {
        PairwiseIds pairwise = new PairwiseIds(SECRET);
        List<String> bodies = new ArrayList<>();
        for (UUID member : s1Members(members)) {
            bodies.add(query("{ member(id: \\\"" + pairwise.toPairwise("bench-partner-0", member)
                    + "\\\", purpose: ORDER_FULFILLMENT) { " + ALL_FIELDS + " } }"));
        }
        return bodies;
    }

    /** S0-one: the same rows as S1, in the same order, as plain REST reads by member id. */
    static List<String> s0OnePaths(List<UUID> members) {
        return s1Members(members).stream().map(id -> "/bench/member/" + id).toList();
    }

    /** One HTTP request of a scenario: method, path, token (or null), body (or null). */
    record Req(String method, String path, String token, String body) {
    }

    /** Every combination of the paths and bodies given (one of either is usually a single element). */
    static List<Req> requests(String method, List<String> paths, List<String> bodies, String token) {
        List<Req> out = new ArrayList<>();
        for (String path : paths) {
            if (bodies == null) {
                out.add(new Req(method, path, token, null));
            } else {
                for (String body : bodies) {
                    out.add(new Req(method, path, token, body));
                }
            }
        }
        return out;
    }

    Scenario scenarioS3(List<UUID> members) throws Exception {
        // Each request is a grant or the revoke of that grant, by one of 200 members, each with their own token.
        List<Req> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String token = memberToken("bench-member-" + (MEMBERS - 1 - i));
            requests.add(new Req("POST", "/graphql", token, "{\"query\":\"mutation { grantConsent(input: {partnerId: \\\"bench-partner-1\\\", category: PHONE, purpose: ORDER_FULFILLMENT, level: FULL}) { receiptId } }\"}"));
            requests.add(new Req("POST", "/graphql", token, "{\"query\":\"mutation { revokeConsent(partnerId: \\\"bench-partner-1\\\", category: PHONE, purpose: ORDER_FULFILLMENT) { receiptId } }\"}"));
        }
        return scenario("S3 grant then revoke", "s3", requests,
                List.of("{\"data\":{\"grantConsent\":{\"receiptId\":\"", "{\"data\":{\"revokeConsent\":["));
    }

    /** A scenario's measured figures and how its warm-up ended. */
    record Scenario(String title, double rps, double p50, double p99, long checked, long failed, String warmup) {

        boolean ok() {
            return checked > 0 && failed == 0;
        }
    }

    Scenario scenario(String title, String name, List<Req> requests, List<String> shapes) throws Exception {
        return scenario(title, name, requests, shapes, null);
    }

    /**
     * Warms up until the throughput is steady, then measures at fixed concurrency, checking every response of every
     * round: HTTP 200, no {@code "errors"}, and a body that starts with one of {@code shapes}. Warm-up: rounds of
     * {@code bench.warmupSeconds} (5 s) until two consecutive rounds differ by less than {@code bench.steady} (5 %) of
     * the larger, at most {@code bench.warmupRounds} (8) rounds; then one measured run of {@code bench.seconds}. A
     * scenario with any failed response (or socket error) in any round is FAILED. With {@code profiled} (S2, when
     * {@code -Dbench.profile=true}) async-profiler runs in that process during the measured run only.
     */
    Scenario scenario(String title, String name, List<Req> requests, List<String> shapes, Process profiled) throws Exception {
        Path script = writeScript(name, requests, shapes);
        checkOnce(requests, shapes);
        StringBuilder warmLog = new StringBuilder();
        List<Double> rounds = new ArrayList<>();
        boolean steady = false;
        while (rounds.size() < WARMUP_ROUNDS && !steady) {
            String out = wrk(script, WARMUP_SECONDS);
            warmLog.append("---- warm-up round ").append(rounds.size() + 1).append('\n').append(out);
            rounds.add(rps(out));
            int n = rounds.size();
            steady = n >= 2 && Math.abs(rounds.get(n - 1) - rounds.get(n - 2))
                    < STEADY * Math.max(rounds.get(n - 1), rounds.get(n - 2));
        }
        Files.writeString(dir.resolve(name + "-warmup.txt"), warmLog);
        int n = rounds.size();
        String warmup = String.format(Locale.ROOT, "%s after %d x %ds; last two %.0f, %.0f (%+.1f%%)",
                steady ? "steady" : "NOT steady (cap)", n, WARMUP_SECONDS,
                n > 1 ? rounds.get(n - 2) : Double.NaN, rounds.get(n - 1),
                n > 1 ? 100 * (rounds.get(n - 1) - rounds.get(n - 2)) / rounds.get(n - 2) : Double.NaN);
        if (profiled != null) {
            profiler(profiled, "start,event=cpu,interval=2ms");
        }
        String out = wrk(script, SECONDS);
        if (profiled != null) {
            profiler(profiled, "dump,file=" + dir.toAbsolutePath().resolve(name + "-profile.html"));
            profiler(profiled, "stop,flat=40,traces=0,file=" + dir.toAbsolutePath().resolve(name + "-top-frames.txt"));
        }
        Files.writeString(dir.resolve(name + ".txt"), out);
        String all = warmLog + out;
        long checked = count(all, "Checked responses");
        long failed = count(all, "Failed responses") + socketErrors(all);
        Scenario result = new Scenario(title, rps(out), millis(find(out, "\\s50%\\s+([0-9.]+\\w+)")),
                millis(find(out, "\\s99%\\s+([0-9.]+\\w+)")), checked, failed, warmup);
        if (!result.ok()) {
            failedScenarios.add(name);
            System.out.printf("Scenario %s: %d of %d responses failed; the first: %s%n", name, failed, checked,
                    find(all, "First failed response: ([^\n]*)"));
        }
        System.out.printf("%s: %.0f req/s, warm-up %s%n", title, result.rps(), warmup);
        return result;
    }

    Path writeScript(String name, List<Req> requests, List<String> shapes) throws IOException {
        Path script = dir.resolve(name + ".lua");
        StringBuilder lua = new StringBuilder("local requests = {}\n");
        for (Req r : requests) {
            StringBuilder headers = new StringBuilder("{[\"Host\"]=\"localhost:" + port + "\", [\"Content-Type\"]=\"application/json\"");
            if (r.token() != null) {
                headers.append(", [\"Authorization\"]=\"Bearer ").append(r.token()).append('"');
            }
            headers.append('}');
            lua.append("table.insert(requests, wrk.format(\"").append(r.method()).append("\", \"").append(r.path()).append("\", ")
                    .append(headers).append(", ").append(r.body() == null ? "nil" : "[==[" + r.body() + "]==]").append("))\n");
        }
        lua.append("local shapes = {");
        for (String shape : shapes) {
            lua.append("[==[").append(shape).append("]==], ");
        }
        lua.append("}\n");
        lua.append(LUA_CHECKS);
        Files.writeString(script, lua);
        return script;
    }

    static final String LUA_CHECKS = """
            local counter = 0
            request = function()
              counter = counter + 1
              return requests[(counter % #requests) + 1]
            end

            -- Every response is checked; each thread counts, done() adds the counts up.
            local threads = {}
            function setup(thread)
              table.insert(threads, thread)
            end
            checked = 0
            failed = 0
            first_failure = ""
            function response(status, headers, body)
              checked = checked + 1
              local ok = status == 200 and body ~= nil and not string.find(body, '"errors"', 1, true)
              if ok then
                ok = false
                for _, shape in ipairs(shapes) do
                  if string.sub(body, 1, #shape) == shape then ok = true end
                end
              end
              if not ok then
                failed = failed + 1
                if first_failure == "" then
                  first_failure = "HTTP " .. status .. " " .. string.sub(body or "", 1, 300)
                end
              end
            end
            function done(summary, latency, requests)
              local c, f, first = 0, 0, ""
              for _, t in ipairs(threads) do
                c = c + t:get("checked")
                f = f + t:get("failed")
                if first == "" then first = t:get("first_failure") end
              end
              io.write(string.format("Checked responses: %d\\nFailed responses: %d\\n", c, f))
              if f > 0 then io.write("First failed response: " .. first .. "\\n") end
            end
            """;

    static double rps(String wrkOutput) {
        String rps = find(wrkOutput, "Requests/sec:\\s+([0-9.]+)");
        return rps.equals("?") ? 0 : Double.parseDouble(rps);
    }

    /** A wrk latency (850.00us, 12.34ms, 1.20s, 2.00m) in milliseconds. */
    static double millis(String latency) {
        Matcher m = Pattern.compile("([0-9.]+)(us|ms|s|m)").matcher(latency);
        if (!m.matches()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }

    /** The sum of every "label: n" line (one per wrk run: warm-up rounds and the measured run). */
    static long count(String wrkOutput, String label) {
        Matcher m = Pattern.compile(label + ": (\\d+)").matcher(wrkOutput);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /** Connect, read, write and timeout errors: requests that got no response at all. */
    static long socketErrors(String wrkOutput) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
                .matcher(wrkOutput);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                    + Long.parseLong(m.group(4));
        }
        return sum;
    }

    /** Every distinct request of a scenario once, before load: it must succeed, or the figures would mean nothing. */
    void checkOnce(List<Req> requests, List<String> shapes) throws Exception {
        for (Req r : requests.subList(0, Math.min(4, requests.size()))) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path())).header("Content-Type", "application/json");
            if (r.token() != null) {
                b.header("Authorization", "Bearer " + r.token());
            }
            b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(r.body()));
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"errors\"")
                    || shapes.stream().noneMatch(response.body()::startsWith)) {
                throw new IllegalStateException("scenario request failed before load: HTTP " + response.statusCode() + " "
                        + response.body().substring(0, Math.min(400, response.body().length())));
            }
        }
    }

    /**
     * Sends one async-profiler command to the gateway process: the agent library (from the async-profiler jar on the
     * bench class path) is loaded into it through the attach mechanism, as async-profiler's own launcher does.
     */
    void profiler(Process gateway, String command) throws Exception {
        Path lib = dir.toAbsolutePath().resolve("libasyncProfiler.so");
        if (!Files.exists(lib)) {
            try (var in = GatewayBench.class.getClassLoader().getResourceAsStream("linux-x64/libasyncProfiler.so")) {
                if (in == null) {
                    throw new IllegalStateException("async-profiler is not on the bench class path");
                }
                Files.copy(in, lib);
            }
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        // Quoted: jcmd would read the key=value pairs of the agent's options as its own named arguments.
        Process p = new ProcessBuilder(jcmd, String.valueOf(gateway.pid()), "JVMTI.agent_load", lib.toString(), '"' + command + '"')
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || out.contains("rror")) {
            throw new IllegalStateException("async-profiler " + command + ": " + out);
        }
    }

    String wrk(Path script, int seconds) throws Exception {
        // A response slower than 10 s counts as a failure (wrk's default of 2 s would fail correct but queued answers
        // on a loaded 2-core machine, which is a measurement of the machine, not of the gateway).
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "10s", "--latency", "-s",
                script.toString(), base).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    // ---- figures

    void statementFigures(String token, List<UUID> members) throws Exception {
        figures.put("SQL statements per request, S1 member(id)", statementsPer(token, s1Bodies(members).get(3)));
        for (int first : new int[] { 1, 50, 100 }) {
            figures.put("SQL statements per request, members(first: " + first + ")", statementsPer(token,
                    query("{ members(purpose: ORDER_FULFILLMENT, first: " + first + ") { edges { node { " + ALL_FIELDS + " } } } }")));
        }
    }

    String statementsPer(String token, String body) throws Exception {
        int n = 20;
        checked(post(token, body));
        String before = http.send(HttpRequest.newBuilder(URI.create(base + "/bench/sql")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (int i = 0; i < n; i++) {
            checked(post(token, body));
        }
        String stats = http.send(HttpRequest.newBuilder(URI.create(base + "/bench/sql")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long prepared = Long.parseLong(find(stats, "\"prepared\"\\s*:\\s*(\\d+)"))
                - Long.parseLong(find(before, "\"prepared\"\\s*:\\s*(\\d+)"));
        Files.writeString(dir.resolve("sql-stats.txt"), n + " requests: " + stats + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return String.format(Locale.ROOT, "%.1f", prepared / (double) n);
    }

    /** VmRSS, and its anonymous (heap, metaspace, code, stacks) and file-backed (jars, class-data archive) parts. */
    static String rss(Process process) throws IOException {
        Map<String, Long> kib = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:") || line.startsWith("RssShmem:")) {
                kib.put(line.substring(0, line.indexOf(':')), Long.parseLong(line.replaceAll("\\D", "")));
            }
        }
        return String.format(Locale.ROOT, "%d MiB (anonymous %d, file-backed %d)", kib.getOrDefault("VmRSS", -1L) >> 10,
                kib.getOrDefault("RssAnon", -1L) >> 10, kib.getOrDefault("RssFile", -1L) >> 10);
    }

    /** With -XX:NativeMemoryTracking (documented flags or -Dbench.jvmArgs): the JVM's own breakdown, to nmt.txt. */
    void nativeMemory(Process gateway, List<String> jvm) throws Exception {
        if (!(String.join(" ", jvm) + System.getProperty("bench.jvmArgs", "")).contains("NativeMemoryTracking")) {
            return;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, String.valueOf(gateway.pid()), "VM.native_memory", "summary")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nmt.txt").toFile()).start();
        p.waitFor();
    }

    static long rssMiB(Process process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    void decisionBenchmark() throws Exception {
        var options = new OptionsBuilder()
                .include(DecisionBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .build();
        for (RunResult r : new Runner(options).run()) {
            figures.put("Masking decision, one member, all six categories (JMH)",
                    String.format(Locale.ROOT, "%.0f ns ± %.0f", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
    }

    void printTable(Map<String, Scenario> scenarios) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%n%-52s | %9s | %9s | %9s | %7s | %8s | %6s | %-7s | %s%n",
                "scenario (" + CONNECTIONS + " connections, " + SECONDS + " s measured)", "req/s", "p50 ms", "p99 ms",
                "p99/p50", "checked", "failed", "verdict", "warm-up (req/s of the last two rounds)"));
        scenarios.values().forEach(s -> t.append(String.format(Locale.ROOT, "%-52s | %9.0f | %9.2f | %9.2f | %7.1f | %8d | %6d | %-7s | %s%n",
                s.title(), s.rps(), s.p50(), s.p99(), s.p99() / s.p50(), s.checked(), s.failed(), s.ok() ? "ok" : "FAILED",
                s.warmup())));
        t.append(String.format(Locale.ROOT, "%nWarm-up: %d s rounds until two consecutive rounds differ by < %.0f %% (at most %d rounds), then %d s measured.%n",
                WARMUP_SECONDS, STEADY * 100, WARMUP_ROUNDS, SECONDS));
        System.out.println(t);
        figures.put("table", t.toString());
        figures.put("S2 / S0 throughput (goal >= 0.5)", ratio(scenarios, "S2", "S0"));
        figures.put("S1 / S0-one throughput (goal >= 0.5)", ratio(scenarios, "S1", "S0-one"));
        figures.put("G0 / S0 throughput (generic graphql-java ceiling)", ratio(scenarios, "G0", "S0"));
        figures.put("S2 / G0 throughput", ratio(scenarios, "S2", "G0"));
        for (String k : List.of("S1", "S2")) {
            Scenario s = scenarios.get(k);
            figures.put(k + " p50 / p99 / p99:p50 (goal p99 <= 4 x p50)", String.format(Locale.ROOT, "%.2f ms / %.2f ms / %.1f",
                    s.p50(), s.p99(), s.p99() / s.p50()));
        }
    }

    static String ratio(Map<String, Scenario> scenarios, String a, String b) {
        return String.format(Locale.ROOT, "%.3f", scenarios.get(a).rps() / scenarios.get(b).rps());
    }

    void printFigures() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Machine: %d cores, %s; %s%n", Runtime.getRuntime().availableProcessors(),
                memTotal(), LocalDate.now()));
        figures.forEach((k, v) -> {
            if (k.equals("table")) {
                out.append(v);
            } else {
                out.append(String.format("%-60s %s%n", k, v));
            }
        });
        System.out.println(out);
        Files.writeString(dir.resolve("results.txt"), out);
    }

    static String memTotal() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return (Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024) + " GiB memory";
            }
        }
        return "? memory";
    }

    // ---- tokens and HTTP

    String token(String clientId) {
        return Jwt.issuer("privacy-gateway-bench").audience("privacy-gateway-api").subject("service-account-" + clientId)
                .claim("azp", clientId).claim("realm_access", Map.of("roles", List.of("partner")))
                .expiresIn(Duration.ofHours(2)).jws().keyId("bench").sign(keys.getPrivate());
    }

    String memberToken(String subject) {
        return Jwt.issuer("privacy-gateway-bench").audience("privacy-gateway-api").subject(subject)
                .claim("azp", "member-app").claim("realm_access", Map.of("roles", List.of("member")))
                .expiresIn(Duration.ofHours(2)).jws().keyId("bench").sign(keys.getPrivate());
    }

    static String query(String graphql) {
        return "{\"query\":\"" + graphql + "\"}";
    }

    HttpResponse<String> post(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/graphql")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A response of the statement count runs: a failure there fails the run as a failed scenario does. */
    static HttpResponse<String> checked(HttpResponse<String> response) {
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new AssertionError("statement count request failed: HTTP " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
