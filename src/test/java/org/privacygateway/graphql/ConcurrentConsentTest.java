package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.consent.Consent;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.Tokens;

/**
 * Consent changes of one member sent at the same time, for real, to the gateway on PostgreSQL. Granting is
 * idempotent: concurrent grants of one consent all succeed, leave one live consent and issue one receipt each. A
 * grant racing a revoke ends as one of the two orders would have left it.
 */
@QuarkusTest
class ConcurrentConsentTest {

    static final int SAME_TIME = 8;
    static final int ROUNDS = 6;

    static final String GRANT = "mutation($p: ID!, $l: DisclosureLevel!) { grantConsent(input: {partnerId: $p, category: EMAIL, purpose: ORDER_FULFILLMENT, level: $l}) { receiptId action level } }";
    static final String REVOKE = "mutation($p: ID!) { revokeConsent(partnerId: $p, category: EMAIL, purpose: ORDER_FULFILLMENT) { receiptId action level } }";
    static final String STATE = "{ myConsents { partnerId category purpose level status } myReceipts { receiptId action level } }";

    @Inject
    Fixtures fixtures;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/graphql")
    URI graphql;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ExecutorService pool = Executors.newFixedThreadPool(SAME_TIME);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void concurrentGrantsOfOneConsentLeaveOneLiveConsentAndAReceiptPerCall() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("grants"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        for (int round = 0; round < ROUNDS; round++) {
            // A new member each round: the first grants race to create the consent row.
            Member m = fixtures.member("Cg" + round);
            String token = Tokens.member(m.subject);
            List<JsonNode> responses = together(SAME_TIME, i -> send(token, GRANT, Map.of("p", partner.id, "l", "FULL")));

            Set<String> receiptIds = new HashSet<>();
            for (JsonNode r : responses) {
                assertTrue(!r.has("errors"), "a concurrent grant failed: " + r);
                assertEquals("GRANT", r.path("data").path("grantConsent").path("action").asText(), r.toString());
                receiptIds.add(r.path("data").path("grantConsent").path("receiptId").asText());
            }
            assertEquals(SAME_TIME, receiptIds.size(), "one receipt per successful call");

            List<Consent> rows = fixtures.consents(m.id);
            assertEquals(1, rows.size(), "one consent row");
            assertEquals(null, rows.get(0).revokedAt, "the consent is live");
            JsonNode state = send(token, STATE, Map.of());
            assertEquals(SAME_TIME, state.path("data").path("myReceipts").size(), state.toString());
            Set<String> stored = new HashSet<>();
            state.path("data").path("myReceipts").forEach(r -> stored.add(r.path("receiptId").asText()));
            assertEquals(receiptIds, stored, "the receipts returned are the receipts stored");
            assertEquals("ACTIVE", state.path("data").path("myConsents").path(0).path("status").asText());
        }
    }

    @Test
    void aGrantRacingARevokeEndsAsOneOfTheTwoOrders() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("race"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        int[] outcomes = new int[2];
        for (int round = 0; round < ROUNDS * 2; round++) {
            Member m = fixtures.member("Cr" + round);
            String token = Tokens.member(m.subject);
            // Before: a live FULL grant. Then, at the same time: a PARTIAL grant and a revoke.
            JsonNode first = send(token, GRANT, Map.of("p", partner.id, "l", "FULL"));
            assertTrue(!first.has("errors"), first.toString());

            List<JsonNode> responses = together(2, i -> i == 0
                    ? send(token, GRANT, Map.of("p", partner.id, "l", "PARTIAL"))
                    : send(token, REVOKE, Map.of("p", partner.id)));
            JsonNode grant = responses.get(0);
            JsonNode revoke = responses.get(1);
            assertTrue(!grant.has("errors"), "the grant failed: " + grant);
            assertTrue(!revoke.has("errors"), "the revoke failed: " + revoke);
            // Either order finds a live consent to revoke: exactly one revocation receipt.
            assertEquals(1, revoke.path("data").path("revokeConsent").size(), revoke.toString());
            String revokedLevel = revoke.path("data").path("revokeConsent").path(0).path("level").asText();

            JsonNode state = send(token, STATE, Map.of());
            JsonNode consent = state.path("data").path("myConsents").path(0);
            List<String> receipts = new ArrayList<>();
            state.path("data").path("myReceipts").forEach(r -> receipts.add(r.path("action").asText() + " " + r.path("level").asText()));
            receipts.sort(null);
            // Grant then revoke: the PARTIAL grant is what was revoked, and the consent ends revoked at PARTIAL.
            // Revoke then grant: the FULL grant was revoked, and the consent ends live at PARTIAL.
            // Anything else (a revoked FULL consent, a live one whose revocation revoked PARTIAL) is no serial order.
            assertEquals("PARTIAL", consent.path("level").asText(), "the consent keeps the later grant's level: " + state);
            if (consent.path("status").asText().equals("REVOKED")) {
                assertEquals("PARTIAL", revokedLevel, "grant then revoke: " + state);
                assertEquals(List.of("GRANT FULL", "GRANT PARTIAL", "REVOKE PARTIAL"), receipts, state.toString());
                outcomes[0]++;
            } else {
                assertEquals("ACTIVE", consent.path("status").asText(), state.toString());
                assertEquals("FULL", revokedLevel, "revoke then grant: " + state);
                assertEquals(List.of("GRANT FULL", "GRANT PARTIAL", "REVOKE FULL"), receipts, state.toString());
                outcomes[1]++;
            }
            assertEquals(1, fixtures.consents(m.id).size(), "one consent row");
        }
        System.out.printf("Grant racing revoke: %d ended revoked (grant first), %d live (revoke first)%n", outcomes[0],
                outcomes[1]);
    }

    interface Request {
        JsonNode send(int index) throws Exception;
    }

    /** Sends {@code n} requests released at the same instant; their responses in request order. */
    List<JsonNode> together(int n, Request request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                return request.send(index);
            }));
        }
        start.countDown();
        List<JsonNode> responses = new ArrayList<>();
        for (Future<JsonNode> f : futures) {
            responses.add(f.get(2, TimeUnit.MINUTES));
        }
        return responses;
    }

    JsonNode send(String token, String query, Map<String, Object> variables) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", query, "variables", variables))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            fail("HTTP " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
