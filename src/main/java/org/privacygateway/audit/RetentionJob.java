package org.privacygateway.audit;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import org.privacygateway.config.GatewayConfig;

/** Deletes access events older than the configured retention. */
@ApplicationScoped
public class RetentionJob {

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${gateway.audit.purge-every:6h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    @Transactional
    public int purge() {
        Instant cutoff = clock.instant().minus(config.audit().retention());
        int deleted = em.createQuery("delete from AccessEvent e where e.occurredAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
        if (deleted > 0) {
            Log.infof("Purged %d access events older than %s", deleted, cutoff);
        }
        return deleted;
    }
}
