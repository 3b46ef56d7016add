package org.privacygateway.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Notices consents that ran out, so partners learn of them in their change feed within a minute (the period is
 * {@code gateway.consent.expiry-check} in {@link org.privacygateway.config.GatewayConfig}).
 */
@ApplicationScoped
public class ExpiryWatch {

    @Inject
    ConsentLedger ledger;

    @Scheduled(every = "${gateway.consent.expiry-check}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        int recorded = ledger.recordExpiries();
        if (recorded > 0) {
            Log.infof("Recorded %d consent expiries", recorded);
        }
    }
}
