package org.privacygateway.audit;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import org.privacygateway.config.GatewayConfig;

/**
 * Deletes access events older than {@code gateway.audit.retention}, every {@code gateway.audit.purge-every} (both in
 * {@link GatewayConfig}).
 */
@ApplicationScoped
public class RetentionJob {

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${gateway.audit.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    @Transactional
    public long purge() {
        Instant cutoff = clock.instant().minus(config.audit().retention());
        long deleted = AccessEvent.delete("occurredAt < ?1", cutoff);
        if (deleted > 0) {
            Log.infof("Purged %d access events older than %s", deleted, cutoff);
        }
        return deleted;
    }
}
