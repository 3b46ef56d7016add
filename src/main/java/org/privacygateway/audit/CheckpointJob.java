package org.privacygateway.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import org.privacygateway.ops.ClusterJobs;

/**
 * Seals new access events every {@code gateway.audit.checkpoint-every}. Every replica schedules it; {@link ClusterJobs}
 * lets one run at a time, and checkpoint ids (each the previous one plus one, a primary key) make a second writer of
 * the same checkpoint fail rather than fork the chain.
 */
@ApplicationScoped
public class CheckpointJob {

    public static final String JOB = "audit-checkpoint";

    @Inject
    Checkpoints checkpoints;

    @Inject
    ClusterJobs jobs;

    @Scheduled(identity = JOB, every = "${gateway.audit.checkpoint-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        jobs.run(JOB, execution, () -> {
            int written = checkpoints.seal();
            if (written > 0) {
                Log.infof("Sealed %d access-log checkpoint(s)", written);
            }
            return written;
        });
    }
}
