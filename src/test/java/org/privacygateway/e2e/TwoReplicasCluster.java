package org.privacygateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two packaged gateways behind haproxy, one PostgreSQL, Redis and Keycloak ({@link ClusterStack}): what holds when
 * there are two replicas. Each test adds its figures to {@code target/cluster/figures.txt}. The replica kill comes
 * last, as nothing after it would have two replicas.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasCluster {

    static final String READ = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { id name { given family } email phone } }";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> FIGURES = new LinkedHashMap<>();

    static ClusterStack stack;
    static HttpClient http;
    /** The member every load request reads: NAME and EMAIL consented to Skyway, PHONE not. */
    static String loadMemberId;

    @BeforeAll
    static void start() throws Exception {
        stack = new ClusterStack();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(stack.clientTls)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (Connection db = stack.database()) {
            UUID member = SeededData.member(db, "cluster-load-member", "Lena", "Lindqvist", "lena.cluster@mail.example",
                    "+46 70 555 03 04");
            for (String category : List.of("NAME", "EMAIL")) {
                SeededData.skywayConsent(db, member, category, Instant.now().plus(Duration.ofDays(30)));
            }
        }
        JsonNode edges = graphql(stack.balancer(), clientToken("skyway-travel"),
                "{ members(purpose: ORDER_FULFILLMENT, first: 100) { edges { node { id email } } } }", Map.of())
                .body.at("/data/members/edges");
        for (JsonNode edge : edges) {
            if ("lena.cluster@mail.example".equals(edge.at("/node/email").asText())) {
                loadMemberId = edge.at("/node/id").asText();
            }
        }
        assertTrue(loadMemberId != null, "the seeded member is not in Skyway's list: " + edges);
    }

    @AfterAll
    static void report() throws IOException {
        if (FIGURES.isEmpty()) {
            return;
        }
        int width = FIGURES.keySet().stream().mapToInt(String::length).max().orElse(10);
        String table = FIGURES.entrySet().stream()
                .map(e -> String.format("%-" + width + "s  %s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n", "Two replicas behind haproxy (" + Instant.now() + ")\n", "\n"));
        System.out.println(table);
        Files.writeString(stack.dir.resolve("figures.txt"), table);
    }

    /** One answer: HTTP status, parsed body (empty object when none), and which replica haproxy chose, if any. */
    record Answer(int status, JsonNode body, String replica) {
        String errorCode() {
            return body.at("/errors/0/extensions/code").asText(null);
        }

        String requestId() {
            return body.at("/extensions/privacy/requestId").asText(null);
        }

        boolean hasData() {
            JsonNode data = body.get("data");
            return data != null && !data.isNull();
        }

        /** No data at all, or only nulls where the operations' answers would be. */
        boolean servedNothing() {
            JsonNode data = body.get("data");
            if (data == null || data.isNull()) {
                return true;
            }
            for (JsonNode field : data) {
                if (!field.isNull()) {
                    return false;
                }
            }
            return true;
        }
    }

    static Answer graphql(String base, String token, String query, Map<String, Object> variables) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() || !response.body().startsWith("{") ? JSON.createObjectNode()
                : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body, response.headers().firstValue("X-Replica").orElse(null));
    }

    static Answer read(String base, String token) throws Exception {
        return graphql(base, token, READ, Map.of("id", loadMemberId));
    }

    /** What the load member's read must show: name and email (consented), phone masked. Null when it does. */
    static String wrongIn(Answer answer) {
        JsonNode m = answer.body.at("/data/member");
        boolean right = loadMemberId.equals(m.path("id").asText()) && "Lena".equals(m.at("/name/given").asText())
                && "Lindqvist".equals(m.at("/name/family").asText())
                && "lena.cluster@mail.example".equals(m.path("email").asText()) && m.path("phone").isNull()
                && !answer.body.has("errors");
        return right ? null : answer.body.toString();
    }

    static String clientToken(String clientId) throws Exception {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientId + "-dev-secret"));
    }

    /** A member's token through the realm's password-grant client (dev and test only), as the member app would hold. */
    static String memberToken(String user) throws Exception {
        return token(Map.of("grant_type", "password", "client_id", "gateway-admin-cli", "username", user,
                "password", user + "-dev-password"));
    }

    static String token(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(stack.keycloak.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    static String millis(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return String.format("min %.1f ms, median %.1f ms, max %.1f ms (%d revocations)", sorted.get(0) / 1e6,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() - 1) / 1e6, sorted.size());
    }

    @Test
    @Order(1)
    void aRevocationThroughReplicaAIsMaskedOnTheVeryNextRequestThroughReplicaB() throws Exception {
        String alice = memberToken("alice");
        String skyway = clientToken("skyway-travel");
        String a = stack.a.url();
        String b = stack.b.url();
        Answer profile = graphql(a, alice, "mutation($input: ProfileInput!) { updateMyProfile(input: $input) { email } }",
                Map.of("input", Map.of("email", "alice.cluster@mail.example", "name", Map.of("given", "Alice", "family", "Aalto"))));
        assertEquals("alice.cluster@mail.example", profile.body.at("/data/updateMyProfile/email").asText(), profile.body.toString());
        String grant = "mutation($c: DataCategory!) { grantConsent(input: {partnerId: \"skyway-travel\", category: $c, "
                + "purpose: ORDER_FULFILLMENT, level: FULL}) { category } }";
        String revoke = "mutation { revokeConsent(partnerId: \"skyway-travel\", category: EMAIL, purpose: ORDER_FULFILLMENT) { category } }";
        // NAME stays granted, so Alice stays visible to Skyway with her email masked or not.
        assertTrue(graphql(a, alice, grant, Map.of("c", "NAME")).hasData());
        assertTrue(graphql(a, alice, grant, Map.of("c", "EMAIL")).hasData());
        String aliceId = null;
        for (JsonNode edge : graphql(b, skyway, "{ members(purpose: ORDER_FULFILLMENT, first: 100) { edges { node { id email } } } }",
                Map.of()).body.at("/data/members/edges")) {
            if ("alice.cluster@mail.example".equals(edge.at("/node/email").asText())) {
                aliceId = edge.at("/node/id").asText();
            }
        }
        assertTrue(aliceId != null, "the grant through A is not seen through B");
        String aliceRead = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { name { family } email } }";

        List<Long> latencies = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                Answer granted = graphql(a, alice, grant, Map.of("c", "EMAIL"));
                assertTrue(granted.hasData(), granted.body.toString());
                Answer seen = graphql(b, skyway, aliceRead, Map.of("id", aliceId));
                assertEquals("alice.cluster@mail.example", seen.body.at("/data/member/email").asText(),
                        "round " + round + ": the grant through A is not seen on the next request through B: " + seen.body);
            }
            Answer revoked = graphql(a, alice, revoke, Map.of());
            assertEquals(200, revoked.status, revoked.body.toString());
            assertEquals("EMAIL", revoked.body.at("/data/revokeConsent/0/category").asText(), revoked.body.toString());
            long revokedAt = System.nanoTime();
            Answer next = graphql(b, skyway, aliceRead, Map.of("id", aliceId));
            latencies.add(System.nanoTime() - revokedAt);
            assertEquals(200, next.status, next.body.toString());
            assertEquals("Aalto", next.body.at("/data/member/name/family").asText(), next.body.toString());
            assertTrue(next.body.at("/data/member/email").isNull(),
                    "round " + round + ": the email revoked through A is still served through B: " + next.body);
        }
        FIGURES.put("revocation (A) to masked answer (B), the very next request", millis(latencies));
    }

    @Test
    @Order(2)
    void thePartnerRateLimitHoldsAcrossBothReplicas() throws Exception {
        String clearpay = clientToken("clearpay-payments");
        int limit = ClusterStack.CLEARPAY_LIMIT;
        int served = 0;
        int refused = 0;
        int refusedInARow = 0;
        Set<String> servedBy = new HashSet<>();
        Set<String> refusedBy = new HashSet<>();
        long started = System.nanoTime();
        // One unit per request ({ partner { id } } resolves one partner field); stop once the limit clearly holds.
        for (int i = 0; i < 4 * limit && refusedInARow < 20; i++) {
            Answer answer = graphql(stack.balancer(), clearpay, "{ partner { id } }", Map.of());
            if (answer.status == 200 && "clearpay-payments".equals(answer.body.at("/data/partner/id").asText())) {
                served++;
                refusedInARow = 0;
                servedBy.add(answer.replica);
            } else {
                assertEquals(429, answer.status, answer.body.toString());
                assertEquals("RATE_LIMITED", answer.errorCode(), answer.body.toString());
                refused++;
                refusedInARow++;
                refusedBy.add(answer.replica);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // The bucket starts full and refills at limit/60 per second while the test runs.
        double allowed = limit + Math.ceil(seconds * limit / 60.0);
        FIGURES.put("rate limit: units served vs allowed, both replicas",
                String.format("%d served, %d refused (429) in %.1f s; limit %d/min, allowed with refill %.0f; served by %s",
                        served, refused, seconds, limit, allowed, new java.util.TreeSet<>(servedBy)));
        Map<String, Double> refusedByMeters = new java.util.TreeMap<>();
        for (GatewayServer replica : List.of(stack.a, stack.b)) {
            List<String> metrics = metrics(replica);
            refusedByMeters.put(replica.name, metrics.stream()
                    .filter(l -> l.startsWith("gateway_rate_limited_total{") && l.contains("partner=\"clearpay-payments\""))
                    .mapToDouble(TwoReplicasCluster::value).sum());
            // Redis answered throughout: no replica fell back to its own buckets.
            assertEquals(List.of(0.0), metrics.stream().filter(l -> l.startsWith("gateway_rate_limit_store_degraded"))
                    .map(TwoReplicasCluster::value).toList(), replica.name + ": rate-limit store degraded");
        }
        FIGURES.put("rate limit: 429s in the replicas' meters (gateway_rate_limited_total)", refusedByMeters.toString());
        assertEquals(Set.of("a", "b"), servedBy, "round robin should have used both replicas");
        assertEquals(Set.of("a", "b"), refusedBy, "both replicas should refuse once the shared budget is spent");
        assertTrue(served >= limit, "fewer than a full bucket served: " + served);
        assertTrue(served <= allowed, "the replicas served " + served + " units against a limit of " + limit
                + " (+ refill " + (allowed - limit) + "): each replica is counting on its own");
    }

    /** The replica's Prometheus metrics, from its management interface. */
    static List<String> metrics(GatewayServer replica) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + replica.managementPort + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body().lines().toList();
    }

    /** The sample's value: the first field after the name and labels (a timestamp or exemplar may follow). */
    static double value(String metricLine) {
        int labelsEnd = metricLine.indexOf('}');
        String rest = labelsEnd >= 0 ? metricLine.substring(labelsEnd + 1) : metricLine.substring(metricLine.indexOf(' '));
        return Double.parseDouble(rest.trim().split("\\s+")[0]);
    }

    @Test
    @Order(3)
    void everyExpiredConsentGetsExactlyOneExpireEventWithBothReplicasRunningTheJob() throws Exception {
        int count = 400;
        List<UUID> members = new ArrayList<>();
        try (Connection db = stack.database()) {
            db.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                UUID member = SeededData.member(db, "cluster-expiry-" + i, "Exp", "Iry", "expiry" + i + "@mail.example", null);
                SeededData.skywayConsent(db, member, "EMAIL", Instant.now().plus(Duration.ofDays(30)));
                members.add(member);
            }
            db.commit();
            // All run out at once, so both replicas' jobs find the whole batch.
            try (PreparedStatement s = db.prepareStatement(
                    "update consent set expires_at = now() - interval '1 second' where member_id = any(?)")) {
                s.setArray(1, db.createArrayOf("uuid", members.toArray()));
                assertEquals(count, s.executeUpdate());
            }
            db.commit();
            long expired = System.nanoTime();
            E2EStack.await("every expiry recorded", Duration.ofSeconds(60), () -> unrecorded(db, members) == 0);
            double recordedAfter = (System.nanoTime() - expired) / 1e9;
            // Both replicas keep running the job: a duplicate would come from a later run as much as from a race.
            Thread.sleep(3 * ClusterStack.EXPIRY_CHECK.toMillis());
            Map<Integer, Integer> consentsByEvents = new java.util.TreeMap<>();
            try (PreparedStatement s = db.prepareStatement("""
                    select c.id, (select count(*) from consent_event e where e.member_id = c.member_id
                      and e.partner_id = c.partner_id and e.category = c.category and e.purpose = c.purpose
                      and e.action = 'EXPIRE') from consent c where c.member_id = any(?)
                    """)) {
                s.setArray(1, db.createArrayOf("uuid", members.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        consentsByEvents.merge(rs.getInt(2), 1, Integer::sum);
                    }
                }
            }
            db.commit();
            FIGURES.put("EXPIRE events per expired consent",
                    String.format("%s (events=consents) for %d consents; all recorded %.1f s after they ran out",
                            consentsByEvents, count, recordedAfter));
            assertEquals(Map.of(1, count), consentsByEvents, "each expired consent must have exactly one EXPIRE event");
        }
    }

    static int unrecorded(Connection db, List<UUID> members) {
        try (PreparedStatement s = db.prepareStatement(
                "select count(*) from consent where member_id = any(?) and not expiry_recorded")) {
            s.setArray(1, db.createArrayOf("uuid", members.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int left = rs.getInt(1);
                db.commit();
                return left;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(4)
    void withPostgresqlDownBothReplicasAnswer503AndBothRecover() throws Exception {
        String skyway = clientToken("skyway-travel");
        Map<String, GatewayServer> replicas = new java.util.TreeMap<>(Map.of("a", stack.a, "b", stack.b));
        for (GatewayServer replica : replicas.values()) {
            assertEquals(null, wrongIn(read(replica.url(), skyway)));
        }
        Map<String, Call> reads = new LinkedHashMap<>();
        Map<String, Call> readiness = new LinkedHashMap<>();
        replicas.forEach((name, replica) -> {
            reads.put("replica " + name, () -> read(replica.url(), skyway));
            readiness.put("replica " + name + " readiness", () -> health(replica));
        });
        reads.put("haproxy", () -> read(stack.balancer(), skyway));

        stack.postgres.stop();
        Map<String, Double> refusing;
        Map<String, Double> notReady;
        try {
            long stopped = System.nanoTime();
            refusing = firstTimes(reads, 503, stopped, Duration.ofSeconds(60));
            notReady = firstTimes(readiness, 503, stopped, Duration.ofSeconds(60));
            for (var replica : replicas.values()) {
                Answer answer = read(replica.url(), skyway);
                assertEquals(503, answer.status, answer.body.toString());
                assertEquals("UNAVAILABLE", answer.errorCode(), answer.body.toString());
                assertTrue(answer.servedNothing(), "data served without a database: " + answer.body);
                assertEquals(503, health(replica));
            }
        } finally {
            stack.postgres.start();
        }
        long restarted = System.nanoTime();
        Map<String, Double> serving = firstTimes(reads, 200, restarted, Duration.ofSeconds(60));
        for (var replica : replicas.values()) {
            assertEquals(null, wrongIn(read(replica.url(), skyway)));
            assertEquals(200, health(replica));
        }
        FIGURES.put("PostgreSQL stopped: first 503 UNAVAILABLE (no data) after the stop", seconds(refusing));
        FIGURES.put("PostgreSQL stopped: readiness DOWN after the stop", seconds(notReady));
        FIGURES.put("PostgreSQL back: first 200 with the right data after the restart", seconds(serving));
    }

    /**
     * Polls every call in turn until each has answered {@code status} once, and returns when each did, in seconds
     * from {@code since}; fails when one has not within {@code timeout}.
     */
    static Map<String, Double> firstTimes(Map<String, Call> calls, int status, long since, Duration timeout) {
        Map<String, Double> first = new LinkedHashMap<>();
        E2EStack.await(calls.keySet() + " answering " + status, timeout, () -> {
            calls.forEach((name, call) -> {
                if (!first.containsKey(name) && status(call) == status) {
                    first.put(name, (System.nanoTime() - since) / 1e9);
                }
            });
            return first.size() == calls.size();
        });
        Map<String, Double> ordered = new LinkedHashMap<>();
        calls.keySet().forEach(name -> ordered.put(name, first.get(name)));
        return ordered;
    }

    static String seconds(Map<String, Double> times) {
        return times.entrySet().stream().map(e -> String.format("%s %.1f s", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    interface Call {
        Object call() throws Exception;
    }

    /** The HTTP status a call got, or -1 when it got none. */
    static int status(Call call) {
        try {
            Object result = call.call();
            return result instanceof Answer a ? a.status : (Integer) result;
        } catch (Exception e) {
            return -1;
        }
    }

    /** The replica's readiness status, from its management interface. */
    static int health(GatewayServer replica) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(replica.readiness())).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What one load request got: {@code wrong} is the body of a 200 whose data is not what the consents allow. */
    record Outcome(long sentAt, int status, boolean data, String replica, String requestId, String wrong, String failure) {

        boolean answered() {
            return status == 200 && data && wrong == null;
        }
    }

    @Test
    @Order(5)
    void killingAReplicaUnderLoadLosesNoCommittedAccessEventAndAnswersNothingWrong() throws Exception {
        String skyway = clientToken("skyway-travel");
        Map<String, String> before = stack.balancerCounters();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        int clients = 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            pool.submit(() -> {
                while (running.get()) {
                    long sentAt = System.nanoTime();
                    try {
                        Answer answer = read(stack.balancer(), skyway);
                        boolean data = answer.status == 200 && answer.hasData();
                        outcomes.add(new Outcome(sentAt, answer.status, data, answer.replica, answer.requestId(),
                                data ? wrongIn(answer) : null, null));
                    } catch (Exception e) {
                        outcomes.add(new Outcome(sentAt, -1, false, null, null, null, e.getClass().getSimpleName()));
                    }
                }
                return null;
            });
        }
        E2EStack.await("both replicas serving the load", Duration.ofSeconds(30), () -> outcomes.stream()
                .filter(Outcome::answered).map(Outcome::replica).collect(Collectors.toSet()).size() == 2
                && outcomes.size() > 100);
        long killedAt = System.nanoTime();
        stack.processes.kill(stack.b.process());
        E2EStack.await("200 load answers after the kill", Duration.ofSeconds(30),
                () -> outcomes.stream().filter(o -> o.sentAt > killedAt && o.answered()).count() >= 200);
        running.set(false);
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        Map<String, String> after = stack.balancerCounters();

        List<Outcome> all = new ArrayList<>(outcomes);
        List<Outcome> answered = all.stream().filter(Outcome::answered).toList();
        List<Outcome> wrong = all.stream().filter(o -> o.wrong != null).toList();
        // Refused: an error status, a 200 without data, or no answer at all (the connection dropped).
        List<Outcome> refused = all.stream().filter(o -> !o.answered() && o.wrong == null).toList();
        Map<String, Long> refusedHow = refused.stream().collect(Collectors.groupingBy(
                o -> o.failure != null ? o.failure : "HTTP " + o.status + (o.status == 200 ? " without data" : ""),
                java.util.TreeMap::new, Collectors.counting()));
        long retried = delta(before, after, "wretr");
        long redispatched = delta(before, after, "wredis");
        Set<String> logged = loggedRequests(answered.stream().map(Outcome::requestId).toList());
        List<String> lost = answered.stream().map(Outcome::requestId).filter(id -> !logged.contains(id)).toList();
        Map<String, Long> byReplica = answered.stream().collect(Collectors.groupingBy(Outcome::replica, java.util.TreeMap::new,
                Collectors.counting()));

        FIGURES.put("replica b killed (SIGKILL) under load: requests sent", String.valueOf(all.size()));
        FIGURES.put("  answered 200, data as consented", answered.size() + " " + byReplica + ", "
                + answered.stream().filter(o -> o.sentAt > killedAt).count() + " of them after the kill");
        FIGURES.put("  refused", refused.size() + (refusedHow.isEmpty() ? "" : " " + refusedHow));
        FIGURES.put("  haproxy retries (wretr) / redispatches to the other replica (wredis)", retried + " / " + redispatched);
        FIGURES.put("  wrong answers", String.valueOf(wrong.size()));
        FIGURES.put("  answered without their access events", String.valueOf(lost.size()));
        assertEquals(List.of(), wrong.stream().map(Outcome::wrong).limit(5).toList(), "answers that differ from the consents");
        assertEquals(List.of(), lost, "answered requests whose access events are not in the database");
        assertTrue(byReplica.getOrDefault("a", 0L) > 0 && byReplica.getOrDefault("b", 0L) > 0,
                "both replicas should have answered before the kill: " + byReplica);
    }

    static long delta(Map<String, String> before, Map<String, String> after, String column) {
        return parse(after.get(column)) - parse(before.get(column));
    }

    private static long parse(String value) {
        return value == null || value.isBlank() ? 0 : Long.parseLong(value);
    }

    /** The request ids among {@code requestIds} that have access events in the database. */
    static Set<String> loggedRequests(List<String> requestIds) throws Exception {
        Set<String> found = new HashSet<>();
        try (Connection db = stack.database();
                PreparedStatement s = db.prepareStatement("select distinct request_id from access_event where request_id = any(?)")) {
            s.setArray(1, db.createArrayOf("varchar", requestIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
