package org.privacygateway.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * With tracing turned on, a partner read makes spans for its database reads, its decisions and its access-log write,
 * and no span attribute holds anything of a member: no id, no pairwise id, no value.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No collector in tests: the batch exporter waits an hour, so it never sends; spans are read here.
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "PT1H");
        }
    }

    /** Collects every span as it ends, with its attributes. */
    @ApplicationScoped
    public static class Collector implements SpanProcessor {
        final List<ReadableSpan> ended = new ArrayList<>();

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public synchronized void onEnd(ReadableSpan span) {
            ended.add(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        synchronized List<ReadableSpan> spans() {
            return List.copyOf(ended);
        }
    }

    @Inject
    Fixtures fixtures;

    @Inject
    Collector collector;

    @Test
    void aReadIsTracedWithoutAnyMemberValue() {
        Partner p = fixtures.partner(Fixtures.unique("trace"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Traceable");
        fixtures.grant(m, p, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(m, p, NAME, ORDER_FULFILLMENT, FULL);
        String token = Tokens.partner(p.clientId);
        String pairwise = fixtures.pairwise(p, m);

        GraphQL.post(token, "{ members(purpose: ORDER_FULFILLMENT, first: 5) { edges { node { id email } } } }")
                .statusCode(200);
        GraphQL.post(token, "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }",
                Map.of("id", pairwise)).statusCode(200);

        List<ReadableSpan> spans = collector.spans();
        Set<String> names = spans.stream().map(ReadableSpan::getName).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("gateway.read.members", "gateway.read.member", "gateway.decide",
                "gateway.access-log.write")), "spans: " + names);

        Member stored = fixtures.reload(m.id);
        List<String> secrets = new ArrayList<>(List.of(m.id.toString(), pairwise, stored.email));
        for (ReadableSpan span : spans) {
            String attributes = span.toSpanData().getAttributes().asMap().toString() + span.getName();
            for (String secret : secrets) {
                assertFalse(secret != null && attributes.contains(secret),
                        "span " + span.getName() + " holds a member's data: " + attributes);
            }
        }
        assertTrue(spans.stream().anyMatch(s -> s.getName().equals("gateway.decide")
                && p.id.equals(s.toSpanData().getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("gateway.partner"))
                        .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null))),
                "the decision span names the partner");
    }
}
