package org.privacygateway.audit;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.ops.ClusterJobs;

/**
 * Deletes access events older than {@code gateway.audit.retention}, every {@code gateway.audit.purge-every} (both in
 * {@link GatewayConfig}). Every replica schedules it; {@link ClusterJobs} lets one replica purge per period (deleting
 * is idempotent anyway: a second purge finds nothing older than its cutoff).
 */
@ApplicationScoped
public class RetentionJob {

    public static final String JOB = "access-retention";

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Inject
    ClusterJobs jobs;

    @Scheduled(identity = JOB, every = "${gateway.audit.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        jobs.run(JOB, execution, this::purge);
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
