package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.Tokens;

/** 32 concurrent partner clients × 60 requests: the stored access events match the member reads served, exactly. */
@QuarkusTest
class AuditCompletenessTest {

    static final int CLIENTS = 32;
    static final int REQUESTS = 60;

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/graphql")
    URL graphql;

    @Test
    void everyServedReadIsRecordedOnceUnderConcurrency() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("load"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.setRateLimit(partner.id, 100_000);
        for (int i = 0; i < 4; i++) {
            fixtures.grant(fixtures.member("Load" + i), partner, EMAIL, ORDER_FULFILLMENT, FULL);
        }
        String token = Tokens.partner(partner.clientId);
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<int[]>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            final int client = c;
            results.add(pool.submit(() -> {
                int served = 0;
                int failed = 0;
                for (int r = 0; r < REQUESTS; r++) {
                    // Alternate page sizes so each request serves 1 to 4 member reads.
                    String body = "{\"query\":\"{ members(purpose: ORDER_FULFILLMENT, first: " + (1 + (client + r) % 4)
                            + ") { edges { node { email } } } }\"}";
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(graphql.toString()))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && !response.body().contains("\"errors\"")) {
                        served += new JsonPath(response.body()).getList("data.members.edges").size();
                    } else {
                        failed++;
                    }
                }
                return new int[] { served, failed };
            }));
        }
        int served = 0;
        int failed = 0;
        for (Future<int[]> f : results) {
            int[] r = f.get(5, TimeUnit.MINUTES);
            served += r[0];
            failed += r[1];
        }
        pool.shutdown();
        System.out.printf("Audit completeness: %d requests, %d member reads served, %d failed%n", CLIENTS * REQUESTS, served,
                failed);
        assertEquals(0, failed, "requests failed under load");
        assertEquals(served, fixtures.accessEvents(partner.id).size(), "stored access events differ from reads served");
    }
}
