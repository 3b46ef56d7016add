package org.privacygateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.PHONE;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Management;
import org.privacygateway.support.Tokens;

/**
 * What an operator reads at {@code /q/metrics}: served and masked fields by partner, category and reason, requests
 * by operation, partner and outcome, rate-limited counts. Served on the management port only, and never a member's
 * id or value in it.
 */
@QuarkusTest
class OperationsMetricsTest {

    static final String PAGE = "{ members(purpose: ORDER_FULFILLMENT, first: 10) { edges { node { id email phone } } } }";

    @Inject
    Fixtures fixtures;

    static String scrape() {
        return Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of a meter's samples whose line has every one of {@code labels} (name="value"). */
    static double value(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") && List.of(labels).stream().allMatch(l::contains))
                .mapToDouble(OperationsMetricsTest::sample)
                .sum();
    }

    /** The value of one sample line: after the labels, before an exemplar ({@code # {trace_id=...}}) if any. */
    static double sample(String line) {
        String rest = line.substring(line.lastIndexOf('}', line.contains(" # ") ? line.indexOf(" # ") : line.length()) + 1)
                .strip();
        int exemplar = rest.indexOf(" # ");
        return Double.parseDouble((exemplar < 0 ? rest : rest.substring(0, exemplar)).strip());
    }

    static String label(String name, String value) {
        return name + "=\"" + value + "\"";
    }

    @Test
    void aMaskedReadIsCountedByCategoryAndReasonAndAServedOneAsServed() {
        Partner p = fixtures.partner(Fixtures.unique("metrics"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(PHONE, ORDER_FULFILLMENT, FULL));
        Member consented = fixtures.member("Metrics");
        fixtures.grant(consented, p, EMAIL, ORDER_FULFILLMENT, FULL);
        String token = Tokens.partner(p.clientId);
        String partner = label("partner", p.id);

        GraphQL.post(token, PAGE).statusCode(200);
        GraphQL.post(token, PAGE).statusCode(200);

        String metrics = scrape();
        // One member on the page (the only one with a consent to this partner), two requests: its EMAIL served
        // twice, its PHONE (asked for, never consented) masked twice.
        assertEquals(2.0, value(metrics, "gateway_fields_total", partner, label("category", "EMAIL"),
                label("decision", "served"), label("reason", "CONSENTED")), metrics);
        assertEquals(2.0, value(metrics, "gateway_fields_total", partner, label("category", "PHONE"),
                label("decision", "masked"), label("reason", "CONSENT_REQUIRED")), metrics);
        assertEquals(2.0, value(metrics, "gateway_requests_seconds_count", partner, label("operation", "members"),
                label("outcome", "ok")), metrics);
        assertTrue(value(metrics, "gateway_requests_seconds_bucket", partner, label("operation", "members"),
                "le=\"+Inf\"") == 2.0, "latency histogram buckets are published");

        assertFalse(metrics.contains(consented.id.toString()), "no member id in the metrics");
        assertFalse(metrics.contains(fixtures.pairwise(p, consented)), "no pairwise id in the metrics");
    }

    @Test
    void rateLimitedRequestsAndOtherOperationsAreCountedWithTheirOutcome() {
        Partner p = fixtures.partner(Fixtures.unique("metrics-rl"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.setRateLimit(p.id, 3);
        String token = Tokens.partner(p.clientId);
        String partner = label("partner", p.id);

        GraphQL.post(token, "{ consentChanges(first: 1) { edges { cursor } } }").statusCode(200);
        GraphQL.post(token, PAGE).statusCode(429);

        String metrics = scrape();
        assertEquals(1.0, value(metrics, "gateway_requests_seconds_count", partner,
                label("operation", "consentChanges"), label("outcome", "ok")), metrics);
        assertEquals(1.0, value(metrics, "gateway_requests_seconds_count", partner, label("operation", "members"),
                label("outcome", "rate_limited")), metrics);
        assertEquals(1.0, value(metrics, "gateway_rate_limited_total", partner, label("caller", "partner")), metrics);
    }

    @Test
    void metricsAreNotServedOnThePortPartnersReach() {
        int status = RestAssured.given().get("/q/metrics").statusCode();
        assertTrue(status == 404 || status == 401 || status == 403, "API port answered /q/metrics with " + status);
        int health = RestAssured.given().get("/q/health/ready").statusCode();
        assertTrue(health == 404 || health == 401 || health == 403, "API port answered /q/health with " + health);
    }
}
