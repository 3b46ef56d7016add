package org.privacygateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Refuses to start a production run with settings only fit for development. */
@ApplicationScoped
public class ProductionGuard {

    void onStart(@Observes StartupEvent event, GatewayConfig config) {
        check(LaunchMode.current(), config.pairwise().secret());
    }

    static void check(LaunchMode mode, String pairwiseSecret) {
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        if (GatewayConfig.DEFAULT_PAIRWISE_SECRET.equals(pairwiseSecret)) {
            throw new IllegalStateException(
                    "gateway.pairwise.secret still has its development default; set GATEWAY_PAIRWISE_SECRET to a random secret of at least 32 characters");
        }
        if (pairwiseSecret.length() < 32) {
            throw new IllegalStateException("gateway.pairwise.secret must be at least 32 characters long");
        }
    }
}
