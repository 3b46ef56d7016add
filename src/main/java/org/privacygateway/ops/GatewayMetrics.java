package org.privacygateway.ops;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's own meters, served by Micrometer's Prometheus registry at {@code /q/metrics} on the management port.
 * Every tag value comes from a closed set (an operation of the schema, a registered partner id, a category, a reason,
 * an error code, a job name): never a member id, a value, a client address or anything a caller can make up, so a
 * caller can neither read a member's data from the metrics nor grow them without bound.
 *
 * <ul>
 * <li>{@code gateway_requests_seconds} (histogram): every GraphQL request, by {@code operation} (the schema's root
 * field, {@code multiple}, or {@code none} when refused before execution), {@code partner} ({@code none} for
 * members, admins and anonymous callers) and {@code outcome} ({@code ok} or the error code, lower case);</li>
 * <li>{@code gateway_fields_total}: member fields decided, by {@code partner}, {@code category}, {@code decision}
 * ({@code served} or {@code masked}) and {@code reason} ({@code CONSENTED} or {@code PUBLIC} when served, else why it was masked), counted once the access-log
 * rows commit, so the counts match the log;</li>
 * <li>{@code gateway_rate_limited_total} by {@code caller} kind and {@code partner};
 * {@code gateway_fail_closed_total} by {@code cause} ({@code database}; {@code busy} and {@code busy_anonymous}: an
 * in-flight byte budget full); {@code gateway_job_runs_total} by {@code task} (the job; Prometheus keeps {@code job} for the scrape) and
 * {@code outcome}; {@code gateway_rate_limit_store_degraded} (gauge).</li>
 * </ul>
 */
@ApplicationScoped
public class GatewayMetrics {

    /** Tag value of no partner (a member, an admin, an anonymous caller, or a request refused before identity). */
    public static final String NONE = "none";

    /** Routing-context keys where a request's handlers leave its tags for the timer taken when the response ends. */
    public static final String OPERATION = "privacy-gateway.metrics.operation";
    public static final String PARTNER = "privacy-gateway.metrics.partner";
    public static final String OUTCOME = "privacy-gateway.metrics.outcome";

    /** Notes a root operation of the request: its name, or {@code multiple} when the document has several. */
    public static void operation(RoutingContext rc, String root) {
        if (rc != null && root != null) {
            String known = rc.get(OPERATION);
            rc.put(OPERATION, known == null || known.equals(root) ? root : "multiple");
        }
    }

    /** The outcome of a request whose answer had no error code of its own: from its status. */
    static String outcomeOf(int status) {
        return switch (status) {
            case 200 -> "ok";
            case 400, 405, 408, 413, 415 -> "validation";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> "http_" + (status / 100) + "xx";
        };
    }

    /** Times a GraphQL request from now to the start of its response, with the tags its handlers left. */
    public void timeRequest(RoutingContext rc) {
        long start = System.nanoTime();
        // When the response's headers go out: every handler has left its tags by then, and the gateway writes each
        // GraphQL response in one piece. (A routing context's end handler is not reliably called here: another
        // layer sets the response's own end handler.)
        rc.addHeadersEndHandler(v -> {
            String operation = rc.get(OPERATION);
            String partner = rc.get(PARTNER);
            String outcome = rc.get(OUTCOME);
            request(operation == null ? NONE : operation, partner == null ? NONE : partner,
                    outcome == null || rc.response().getStatusCode() != 200
                            ? outcomeOf(rc.response().getStatusCode()) : outcome,
                    System.nanoTime() - start);
        });
    }

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** One GraphQL request, timed from the moment the gateway admitted it to the end of its response. */
    public void request(String operation, String partner, String outcome, long nanos) {
        Timer.builder("gateway.requests")
                .description("GraphQL requests by operation, partner and outcome")
                .tags("operation", operation, "partner", partner, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Field decisions of one read, keyed by category, decision and reason; counted after the transaction commits. */
    public void fieldsAfterCommit(String partner, Map<FieldKey, Integer> counts) {
        if (counts.isEmpty()) {
            return;
        }
        Runnable count = () -> counts.forEach((key, n) -> Counter.builder("gateway.fields")
                .description("Member fields decided for partners, served or masked, by category and reason")
                .tags("partner", partner, "category", key.category(), "decision", key.decision(), "reason",
                        key.reason())
                .register(registry)
                .increment(n));
        if (transactions.getTransactionKey() == null) {
            count.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    count.run();
                }
            }
        });
    }

    /** A category's decision, as tagged: {@code decision} is served or masked; {@code reason} consented or why. */
    public record FieldKey(String category, String decision, String reason) {
    }

    public void rateLimited(String caller, String partner) {
        registry.counter("gateway.rate.limited", "caller", caller, "partner", partner).increment();
    }

    public void failClosed(String cause) {
        registry.counter("gateway.fail.closed", "cause", cause).increment();
    }
}
