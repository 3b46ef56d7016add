package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** The gate against an adversary: fragment bombs, anonymous budgets, and memory that requests cannot fill. */
@QuarkusTest
class AdmissionTest {

    @Inject
    Fixtures fixtures;

    @Inject
    GraphQLGate gate;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/graphql")
    URI graphql;

    @TestHTTPResource(value = "/q/health/live", management = true)
    URI live;

    Partner partner() {
        Partner p = fixtures.partner(Fixtures.unique("gate"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.setRateLimit(p.id, 1_000_000);
        return p;
    }

    static String doublingBomb(int levels) {
        StringBuilder q = new StringBuilder("{ ...F0 }");
        for (int i = 0; i < levels; i++) {
            q.append(" fragment F").append(i).append(" on Query { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }");
        }
        return q.append(" fragment F").append(levels).append(" on Query { ...Undefined }").toString();
    }

    @Test
    void anAnonymousFragmentBombIsRefusedAtOnceAndTheServerStaysResponsive() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> bombs = new ArrayList<>();
            for (int levels : new int[] { 26, 40, 60, 60, 60, 60 }) {
                String body = json.writeValueAsString(Map.of("query", doublingBomb(levels)));
                bombs.add(pool.submit(() -> client.send(HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
            // Liveness answers while the bombs are in flight (the old gate held the event loop and a global lock).
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            for (Future<HttpResponse<String>> bomb : bombs) {
                HttpResponse<String> response = bomb.get();
                assertTrue(response.body().contains("QUERY_TOO_COMPLEX") || response.body().contains("VALIDATION"),
                        response.statusCode() + " " + response.body());
                assertTrue(!response.body().contains("\"data\":{"), response.body());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsWithoutATokenGetTheTighterAnonymousBudget() {
        Partner p = partner();
        String wide = "{ a: privacyPolicy { current { version url } } b: privacyPolicy { current { version } }"
                + " c: privacyPolicy { current { version } } d: privacyPolicy { current { version } }"
                + " e: privacyPolicy { current { version } } }";
        GraphQL.post(null, wide)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("more than 4 aliases"));
        // The same query with a valid token is within the authenticated budget.
        GraphQL.post(Tokens.partner(p.clientId), wide).body("errors", nullValue());
        // The public operations themselves fit the anonymous budget.
        GraphQL.post(null, "{ privacyPolicy { current { version url summary } upcoming { version url } } }")
                .body("errors", nullValue());
        // A body over the anonymous size is refused before it is read.
        given().contentType(ContentType.JSON).body(Map.of("query", "{ __typename }" + " ".repeat(5000)))
                .post("/graphql").then().statusCode(413);
        // A header that only claims a token buys nothing: the token is checked before the query is looked at.
        given().contentType(ContentType.JSON).header("Authorization", "Bearer not-a-token")
                .body(Map.of("query", doublingBomb(60))).post("/graphql").then().statusCode(401);
    }

    @Test
    void distinctMaximumSizeQueriesCannotFillTheHeap() throws Exception {
        Partner p = partner();
        String token = Tokens.partner(p.clientId);
        HttpClient client = HttpClient.newHttpClient();
        // Warm up whatever the first requests load, then measure what filling the caches retains.
        send(client, token, 100, 15_000);
        long before = usedAfterGc();
        // Over-long queries (refused: 60 KiB, past the 16 KiB query limit but within the 64 KiB body limit) and
        // admitted ones of the largest admitted size, each distinct, more of the admitted ones than any cache has entries.
        send(client, token, 1_200, 60_000);
        send(client, token, 1_200, 16_000);
        long after = usedAfterGc();
        long retainedMiB = (after - before) >> 20;
        // Before the fix, the gate kept each query string and SmallRye each parsed document: hundreds of MiB.
        assertTrue(retainedMiB < 24, "the heap kept " + retainedMiB + " MiB after 2,400 distinct large queries");
        assertTrue(gate.rememberedVerdicts() <= 4096);
        assertEquals(0, gate.inFlightBytes(), "request bytes still reserved after every response");
        GraphQL.post(token, "{ partner { id } }").statusCode(200).body("data.partner.id", equalTo(p.id));
    }

    private void send(HttpClient client, String token, int count, int size) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(pool.submit(() -> {
                    // A host string of random letters: each query distinct, few tokens, many characters.
                    StringBuilder host = new StringBuilder(size);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String prefix = "{ coBrand(host: \"";
                    String suffix = "\") { partnerName } }";
                    for (int c = 0; c < size - prefix.length() - suffix.length(); c++) {
                        host.append((char) ('a' + random.nextInt(26)));
                    }
                    String body = json.writeValueAsString(Map.of("query", prefix + host + suffix));
                    return client.send(HttpRequest.newBuilder(graphql).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                }));
            }
            for (Future<Integer> f : sent) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
