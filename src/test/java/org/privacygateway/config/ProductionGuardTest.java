package org.privacygateway.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

class ProductionGuardTest {

    @Test
    void productionRefusesTheDefaultPairwiseSecret() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ProductionGuard.check(LaunchMode.NORMAL, GatewayConfig.DEFAULT_PAIRWISE_SECRET));
        assertTrue(e.getMessage().contains("GATEWAY_PAIRWISE_SECRET"));
    }

    @Test
    void productionRefusesAShortSecret() {
        assertThrows(IllegalStateException.class, () -> ProductionGuard.check(LaunchMode.NORMAL, "short"));
    }

    @Test
    void productionAcceptsARealSecretAndDevAcceptsTheDefault() {
        assertDoesNotThrow(() -> ProductionGuard.check(LaunchMode.NORMAL, "k3Jx9vQ2mZ7pL0wR5tY8uB4nC6dF1gH3"));
        assertDoesNotThrow(() -> ProductionGuard.check(LaunchMode.DEVELOPMENT, GatewayConfig.DEFAULT_PAIRWISE_SECRET));
    }
}
