package org.privacygateway.audit;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.ops.ClusterJobs;

/**
 * Deletes access events older than {@code gateway.audit.retention}, every {@code gateway.audit.purge-every} (both in
 * {@link GatewayConfig}), and with them every other record kept for a bounded time ({@link ExpiringRecords}: the
 * markers that keep a child's protection after erasure, deleted once it ends). Every replica schedules it; {@link ClusterJobs} lets one replica purge per period (deleting
 * is idempotent anyway: a second purge finds nothing older than its cutoff). Sealed events may be purged: the
 * checkpoints recorded each event's time, so {@code verify-audit} tells a purge past the retention from a deletion.
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

    @Inject
    Checkpoints checkpoints;

    @Inject
    @Any
    Instance<ExpiringRecords> expiring;

    @Scheduled(identity = JOB, every = "${gateway.audit.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        jobs.run(JOB, execution, this::purge);
    }

    @Transactional
    public long purge() {
        Instant now = clock.instant();
        for (ExpiringRecords records : expiring) {
            long gone = records.purgeExpired(now);
            if (gone > 0) {
                Log.infof("Purged %d %s", gone, records.description());
            }
        }
        Instant cutoff = now.minus(config.audit().retention());
        long deleted = AccessEvent.delete("occurredAt < ?1", cutoff);
        // A checkpoint whose events are all past the cutoff keeps its signed statement and loses its leaf index; the
        // verifier then knows the range was purged. Events of a partly purged checkpoint are told apart by the time
        // its index recorded for each.
        checkpoints.forgetPurged(cutoff);
        if (deleted > 0) {
            Log.infof("Purged %d access events older than %s", deleted, cutoff);
        }
        return deleted;
    }
}
