package org.privacygateway.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

import org.privacygateway.ops.ClusterJobs;

/**
 * Notices consents that ran out, so partners learn of them in their change feed within a minute (the period is
 * {@code gateway.consent.expiry-check} in {@link org.privacygateway.config.GatewayConfig}). Every replica schedules
 * it; {@link ClusterJobs} lets one run at a time, and {@link ConsentLedger#recordExpiries} writes each EXPIRE event
 * once whatever runs it.
 */
@ApplicationScoped
public class ExpiryWatch {

    public static final String JOB = "consent-expiry";

    @Inject
    ConsentLedger ledger;

    @Inject
    ClusterJobs jobs;

    @Scheduled(identity = JOB, every = "${gateway.consent.expiry-check}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check(ScheduledExecution execution) {
        jobs.run(JOB, execution, () -> {
            int recorded = ledger.recordExpiries();
            if (recorded > 0) {
                Log.infof("Recorded %d consent expiries", recorded);
            }
            return recorded;
        });
    }
}
