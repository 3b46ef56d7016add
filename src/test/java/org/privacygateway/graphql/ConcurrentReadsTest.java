package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DataCategory.PHONE;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.ErrorHygiene;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * Many clients at once on a real PostgreSQL: partners reading {@code member} and {@code members} while members grant
 * and revoke and anyone reads the policy, and a few impatient clients that hang up mid-request (as a load generator
 * does when its run ends). Every complete response must be a success of the expected shape, and no request, complete
 * or abandoned, may fail on the database: no request may see another's statement, connection or session, nor a
 * session closed under it.
 */
@QuarkusTest
class ConcurrentReadsTest {

    static final int THREADS = 12;
    static final int IMPATIENT = 3;
    /** Hang-ups per impatient client per round, paced: enough to hit requests mid-flight, not to flood the gateway. */
    static final int HANG_UPS = 12;
    static final int MEMBERS = 24;
    static final int MIN_ROUNDS = 2;
    static final int MAX_ROUNDS = 10;
    static final int REQUESTS_PER_THREAD_PER_ROUND = 36;
    static final Duration BUDGET = Duration.ofSeconds(15);
    /** A round that takes this long means the gateway is wedged (as it was when sessions were shared). */
    static final Duration STUCK = Duration.ofSeconds(60);

    static final String MEMBER = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { " + GraphQL.ALL_FIELDS + " } }";
    static final String MEMBERS_PAGE = "{ members(purpose: ORDER_FULFILLMENT, first: 20) { edges { cursor node { id name { given } email phone access { category level reason } } } pageInfo { hasNextPage endCursor } } }";
    static final String GRANT = "mutation($p: ID!) { grantConsent(input: {partnerId: $p, category: PHONE, purpose: ORDER_FULFILLMENT, level: FULL}) { receiptId action } }";
    static final String REVOKE = "mutation($p: ID!) { revokeConsent(partnerId: $p, category: PHONE, purpose: ORDER_FULFILLMENT) { receiptId action } }";
    static final String POLICY = "{ privacyPolicy { current { version url matrix { category purposes } } upcoming { version } } }";
    static final String PARTNER = "{ partner { id displayName } }";
    static final String CO_BRAND = "query($h: String!) { coBrand(host: $h) { partnerName gatewayPolicyVersion } }";

    @Inject
    Fixtures fixtures;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/graphql")
    URI graphql;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void concurrentReadsGrantsRevocationsAndPolicyReadsAllSucceed() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("load"), request(NAME, ORDER_FULFILLMENT, FULL),
                request(EMAIL, ORDER_FULFILLMENT, FULL), request(PHONE, ORDER_FULFILLMENT, FULL));
        // The load is the point here, not the partner's rate limit (charged per member read).
        fixtures.setRateLimit(partner.id, 1_000_000);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            Member m = fixtures.member("Load" + i);
            fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
            fixtures.grant(m, partner, NAME, ORDER_FULFILLMENT, FULL);
            members.add(m);
        }
        String partnerToken = Tokens.partner(partner.clientId);
        List<String> memberTokens = members.stream().map(m -> Tokens.member(m.subject)).toList();
        List<String> pairwise = members.stream().map(m -> fixtures.pairwise(partner, m)).toList();
        String host = partner.hosts.iterator().next();

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + IMPATIENT);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int rounds = 0;
        DatabaseFailures logged = DatabaseFailures.install();
        try {
            while (rounds < MAX_ROUNDS && (rounds < MIN_ROUNDS || System.nanoTime() < deadline)) {
                int round = rounds++;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < REQUESTS_PER_THREAD_PER_ROUND; i++) {
                            int n = round * 7919 + thread * 101 + i;
                            // Each thread changes the consents of its own members: this test is about reads
                            // beside writes, not about two writes of the same consent (see ConcurrentConsentTest).
                            int own = thread * 2 + (i / 12) % 2;
                            boolean grant = (i / 6) % 2 == 0;
                            Call call = switch (i % 6) {
                                case 0, 3 -> new Call("member", partnerToken, MEMBER,
                                        Map.of("id", pairwise.get(n % MEMBERS)));
                                case 1 -> new Call("members", partnerToken, MEMBERS_PAGE, Map.of());
                                case 2 -> new Call(grant ? "grantConsent" : "revokeConsent",
                                        memberTokens.get(own % MEMBERS), grant ? GRANT : REVOKE,
                                        Map.of("p", partner.id));
                                case 4 -> new Call("privacyPolicy", null, POLICY, Map.of());
                                default -> n % 2 == 0 ? new Call("partner", partnerToken, PARTNER, Map.of())
                                        : new Call("coBrand", null, CO_BRAND, Map.of("h", host));
                            };
                            sent.incrementAndGet();
                            String failure = send(call);
                            if (failure != null) {
                                failures.add(failure);
                            }
                        }
                        return null;
                    }));
                }
                CountDownLatch finished = new CountDownLatch(THREADS);
                List<Future<?>> impatient = new ArrayList<>();
                for (int t = 0; t < IMPATIENT; t++) {
                    int thread = t;
                    impatient.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < HANG_UPS && finished.getCount() > 0; i++) {
                            int n = round * 7919 + thread * 101 + i;
                            Call call = switch (i % 4) {
                                case 0 -> new Call("member", partnerToken, MEMBER, Map.of("id", pairwise.get(n % MEMBERS)));
                                case 1 -> new Call("members", partnerToken, MEMBERS_PAGE, Map.of());
                                case 2 -> new Call("partner", partnerToken, PARTNER, Map.of());
                                default -> new Call("privacyPolicy", null, POLICY, Map.of());
                            };
                            // Hangs up after 1 to 40 ms, usually while the request is still being resolved.
                            if (sendAndHangUp(call, Duration.ofMillis(1 + (n * 13) % 40))) {
                                abandoned.incrementAndGet();
                            }
                            Thread.sleep(25);
                        }
                        return null;
                    }));
                }
                start.countDown();
                try {
                    for (Future<?> f : done) {
                        f.get(STUCK.toSeconds(), TimeUnit.SECONDS);
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    failures.add("the gateway stopped answering: a client waited more than " + STUCK.toSeconds() + " s");
                    break;
                } finally {
                    for (int t = 0; t < THREADS; t++) {
                        finished.countDown();
                    }
                }
                for (Future<?> f : impatient) {
                    f.get(STUCK.toSeconds(), TimeUnit.SECONDS);
                }
            }
            // Abandoned requests finish on the server after their client left: give them the time to.
            Thread.sleep(1500);
        } finally {
            pool.shutdownNow();
            logged.uninstall();
        }
        System.out.printf("Concurrent load: %d rounds, %d requests on %d threads (%d failed), %d abandoned by %d"
                + " impatient clients, %d database failures logged%n", rounds, sent.get(), THREADS, failures.size(),
                abandoned.get(), IMPATIENT, logged.count());
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + sent.get() + " concurrent requests failed; the first: "
                    + failures.stream().limit(5).toList());
        }
        if (logged.count() > 0) {
            fail(logged.count() + " requests failed on the database while others ran or after their client left;"
                    + " the first: " + logged.first(5));
        }
        assertTrue(sent.get() >= MIN_ROUNDS * THREADS * REQUESTS_PER_THREAD_PER_ROUND);
    }

    record Call(String field, String token, String query, Map<String, Object> variables) {
    }

    /** Sends and gives up after {@code patience}, closing the connection; true when it gave up. */
    boolean sendAndHangUp(Call call, Duration patience) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(graphql).timeout(patience)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            json.writeValueAsString(Map.of("query", call.query(), "variables", call.variables()))));
            if (call.token() != null) {
                request.header("Authorization", "Bearer " + call.token());
            }
            // A client of its own, so that hanging up never disturbs the patient clients' connections.
            HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (java.net.http.HttpTimeoutException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Collects what the gateway logs about requests that failed on the database (an SQL error anywhere in the cause,
     * or a session or statement found closed), including requests whose client is gone and got no response.
     */
    static final class DatabaseFailures extends java.util.logging.Handler {
        private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

        static DatabaseFailures install() {
            DatabaseFailures handler = new DatabaseFailures();
            java.util.logging.Logger.getLogger("").addHandler(handler);
            return handler;
        }

        void uninstall() {
            java.util.logging.Logger.getLogger("").removeHandler(this);
        }

        int count() {
            return seen.size();
        }

        List<String> first(int n) {
            return seen.stream().limit(n).toList();
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (record.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()) {
                return;
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                String message = String.valueOf(t.getMessage());
                if (t instanceof java.sql.SQLException
                        || (message.contains("closed") && (message.contains("Session") || message.contains("EntityManager")))) {
                    seen.add(t.getClass().getSimpleName() + ": " + message);
                    return;
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Null when the response is a success of the expected shape, else what was wrong. */
    String send(Call call) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            json.writeValueAsString(Map.of("query", call.query(), "variables", call.variables()))));
            if (call.token() != null) {
                request.header("Authorization", "Bearer " + call.token());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ErrorHygiene.check(response.statusCode(), response.body());
            if (response.statusCode() != 200) {
                return call.field() + ": HTTP " + response.statusCode() + " " + response.body();
            }
            JsonNode body = json.readTree(response.body());
            if (body.has("errors")) {
                return call.field() + ": " + body.get("errors");
            }
            JsonNode value = body.path("data").path(call.field());
            boolean shaped = switch (call.field()) {
                case "member" -> value.path("id").isTextual() && value.path("email").isTextual()
                        && value.path("access").size() == 6;
                case "members" -> value.path("edges").isArray() && value.path("edges").size() > 0
                        && value.path("pageInfo").has("hasNextPage");
                case "grantConsent" -> value.path("receiptId").isTextual() && "GRANT".equals(value.path("action").asText());
                case "revokeConsent" -> value.isArray();
                case "privacyPolicy" -> value.path("current").path("version").isInt();
                case "partner" -> value.path("id").isTextual();
                case "coBrand" -> value.path("partnerName").isTextual();
                default -> false;
            };
            return shaped ? null : call.field() + ": unexpected shape " + response.body();
        } catch (Exception e) {
            return call.field() + ": " + e;
        }
    }
}
