package org.privacygateway.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.ops.ClusterJobs;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.WebhookSecrets;

/**
 * Delivers the webhook outbox. Every {@code gateway.webhooks.deliver-every} one replica at a time runs it (through
 * {@link ClusterJobs}); each batch of due rows is claimed with {@code FOR UPDATE SKIP LOCKED} in a short transaction
 * that also pushes the row's next attempt a lease ahead, so even two replicas delivering at once never send one row
 * concurrently, and a replica that dies mid-send leaves the row due again when its lease runs out (so a notice is
 * delivered at least once; partners deduplicate on {@code webhook-id}). Requests go out with no transaction open,
 * at most {@code max-concurrent} at once. A failure is retried with exponential backoff and jitter until
 * {@code give-up-after} (a day) has passed since the notice was written, then the row is parked as FAILED.
 */
@ApplicationScoped
public class WebhookDelivery {

    public static final String JOB = "webhook-delivery";

    /** How long a claimed row stays claimed: past it, a row whose sender vanished is due again. */
    static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    WebhookSecrets secrets;

    @Inject
    ClusterJobs jobs;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private volatile ExecutorService senders;

    /** One claimed row and what its send needs. */
    record Claim(UUID id, String partnerId, String payload, int attempt, Instant giveUpAt) {
    }

    @Scheduled(identity = JOB, every = "${gateway.webhooks.deliver-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        // No gap: the job is frequent, and a replica that finds nothing due is done in one statement.
        jobs.run(JOB, Duration.ZERO, this::deliverDue);
    }

    /** Sends what is due now, batch by batch, until nothing is or the run's time budget is spent; returns the sends. */
    public int deliverDue() {
        Instant stopClaiming = clock.instant().plus(config.webhooks().runBudget());
        int sent = 0;
        while (clock.instant().isBefore(stopClaiming) && sent < config.webhooks().batchSize()) {
            List<Claim> batch = QuarkusTransaction.requiringNew().call(() -> claim(config.webhooks().maxConcurrent()));
            if (batch.isEmpty()) {
                break;
            }
            List<Future<WebhookSender.Result>> results = new ArrayList<>();
            for (Claim c : batch) {
                // Read and signed here, sent on the pool: the pool's threads never touch the database.
                Prepared p = QuarkusTransaction.requiringNew().call(() -> prepare(c));
                results.add(p.skip() != null ? java.util.concurrent.CompletableFuture.completedFuture(p.skip())
                        : executor().submit(() -> sender().send(p.url(), p.headers(), c.payload())));
            }
            for (int i = 0; i < batch.size(); i++) {
                WebhookSender.Result result;
                try {
                    result = results.get(i).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return sent;
                } catch (ExecutionException e) {
                    result = new WebhookSender.Result(false, "send failed");
                }
                Claim c = batch.get(i);
                WebhookSender.Result r = result;
                QuarkusTransaction.requiringNew().run(() -> record(c, r));
                sent++;
            }
        }
        return sent;
    }

    private List<Claim> claim(int limit) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, partner_id, payload, attempts, give_up_at from webhook_delivery
                where status = 'PENDING' and next_attempt_at <= ?1
                order by next_attempt_at
                limit ?2
                for update skip locked
                """).setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, limit).getResultList();
        List<Claim> claims = new ArrayList<>();
        for (Object[] row : rows) {
            UUID id = uuid(row[0]);
            int attempt = ((Number) row[3]).intValue() + 1;
            em.createNativeQuery("""
                    update webhook_delivery set attempts = ?2, last_attempt_at = ?3, next_attempt_at = ?4 where id = ?1
                    """).setParameter(1, id).setParameter(2, attempt).setParameter(3, now.atOffset(ZoneOffset.UTC))
                    .setParameter(4, now.plus(LEASE).atOffset(ZoneOffset.UTC)).executeUpdate();
            claims.add(new Claim(id, (String) row[1], (String) row[2], attempt, instant(row[4])));
        }
        return claims;
    }

    /** A send ready to go (URL and signed headers), or the result of not sending it. */
    record Prepared(String url, List<String[]> headers, WebhookSender.Result skip) {
    }

    /** The partner as it is now: a suspended one, or one that dropped its webhook, gets nothing. */
    private Prepared prepare(Claim c) {
        Partner partner = em.find(Partner.class, c.partnerId());
        if (partner == null || !partner.active()) {
            return new Prepared(null, null, new WebhookSender.Result(false, Outcome.SKIPPED_SUSPENDED));
        }
        if (partner.webhookUrl == null) {
            return new Prepared(null, null, new WebhookSender.Result(false, Outcome.SKIPPED_NO_WEBHOOK));
        }
        Optional<byte[]> key = secrets.resolve(partner.webhookSecretRef);
        if (key.isEmpty()) {
            return new Prepared(null, null, new WebhookSender.Result(false, "the signing secret is not configured"));
        }
        long timestamp = clock.instant().getEpochSecond();
        String id = c.id().toString();
        List<String[]> headers = List.of(new String[] { "webhook-id", id },
                new String[] { "webhook-timestamp", Long.toString(timestamp) },
                new String[] { "webhook-signature", WebhookSignature.sign(key.get(), id, timestamp, c.payload()) });
        return new Prepared(partner.webhookUrl, headers, null);
    }

    /** Words stored as the outcome of a row that was not sent, and why. */
    static final class Outcome {
        static final String SKIPPED_SUSPENDED = "not sent: the partner is suspended";
        static final String SKIPPED_NO_WEBHOOK = "not sent: the partner has no webhook any more";

        private Outcome() {
        }
    }

    private void record(Claim c, WebhookSender.Result r) {
        Instant now = clock.instant();
        String status;
        Instant next = now;
        if (r.delivered()) {
            status = "DELIVERED";
        } else if (r.outcome().startsWith("not sent:")) {
            status = "SKIPPED";
        } else if (!now.isBefore(c.giveUpAt())) {
            status = "FAILED";
        } else {
            status = "PENDING";
            next = now.plus(backoff(c.attempt()));
        }
        em.createNativeQuery("""
                update webhook_delivery set status = ?2, next_attempt_at = ?3, last_outcome = ?4,
                    delivered_at = ?5 where id = ?1
                """).setParameter(1, c.id()).setParameter(2, status).setParameter(3, next.atOffset(ZoneOffset.UTC))
                .setParameter(4, r.outcome())
                .setParameter(5, r.delivered() ? now.atOffset(ZoneOffset.UTC) : null)
                .executeUpdate();
        String meter = switch (status) {
            case "DELIVERED" -> "delivered";
            case "SKIPPED" -> "skipped";
            case "FAILED" -> "failed";
            default -> "retry";
        };
        metrics.counter("gateway.webhook.deliveries", "partner", c.partnerId(), "outcome", meter).increment();
        if (status.equals("FAILED")) {
            Log.warnf("Webhook delivery %s to partner %s parked after %d attempts (%s)", c.id(), c.partnerId(),
                    c.attempt(), r.outcome());
        }
    }

    /** Exponential from {@code first-backoff}, capped at {@code max-backoff}, with half of it random (jitter). */
    Duration backoff(int attempt) {
        long first = config.webhooks().firstBackoff().toMillis();
        long cap = config.webhooks().maxBackoff().toMillis();
        long exp = attempt >= 30 ? cap : Math.min(cap, first << Math.max(0, attempt - 1));
        return Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
    }

    private WebhookSender sender() {
        return new WebhookSender(config.webhooks().allowLocalReceivers(), config.webhooks().connectTimeout(),
                config.webhooks().readTimeout());
    }

    private ExecutorService executor() {
        ExecutorService e = senders;
        if (e == null) {
            synchronized (this) {
                if (senders == null) {
                    senders = Executors.newFixedThreadPool(config.webhooks().maxConcurrent(), r -> {
                        Thread t = new Thread(r, "webhook-sender");
                        t.setDaemon(true);
                        return t;
                    });
                }
                e = senders;
            }
        }
        return e;
    }

    @PreDestroy
    void stop() {
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    /** A UUID column as a native query returns it: a UUID on PostgreSQL, 16 bytes on H2. */
    static UUID uuid(Object value) {
        if (value instanceof UUID u) {
            return u;
        }
        if (value instanceof byte[] b && b.length == 16) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return UUID.fromString(value.toString());
    }

    static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getSimpleName());
    }
}
