package org.privacygateway.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the heap is nearly full after garbage collection: a replica in that state answers slowly or with
 * errors, so traffic should go elsewhere until it recovers (or, with {@code -XX:+ExitOnOutOfMemoryError} as the
 * container sets, until it is replaced). Measured on the long-lived pool's usage right after its last collection, so a
 * heap that is merely full of garbage does not count.
 */
@Readiness
@ApplicationScoped
public class HeapReadiness implements HealthCheck {

    /** Share of a pool's maximum still in use after collection above which the replica is not ready. */
    static final double LIMIT = 0.90;

    @Override
    public HealthCheckResponse call() {
        double worst = worstShareAfterCollection(ManagementFactory.getMemoryPoolMXBeans());
        return HealthCheckResponse.named("heap")
                .status(worst < LIMIT)
                .withData("usedAfterLastCollectionPercent", Math.round(worst * 100))
                .build();
    }

    /** The long-lived pool (the heap pool with the largest maximum: old or tenured generation, whatever the GC). */
    static double worstShareAfterCollection(List<MemoryPoolMXBean> pools) {
        MemoryUsage oldest = null;
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) {
                continue;
            }
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null && afterGc.getMax() > 0 && (oldest == null || afterGc.getMax() > oldest.getMax())) {
                oldest = afterGc;
            }
        }
        return oldest == null ? 0 : (double) oldest.getUsed() / oldest.getMax();
    }
}
