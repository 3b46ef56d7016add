package org.privacygateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The scheduled jobs name their periods as {@code ${gateway....}} expressions with no fallback of their own: the
 * defaults declared in GatewayConfig must be what those expressions see. And no job runs in the test suite.
 */
@QuarkusTest
class GatewayConfigTest {

    @Inject
    GatewayConfig config;

    @Inject
    Config raw;

    @Test
    void theJobsPeriodsComeFromGatewayConfigDefaults() {
        assertEquals("6h", config.audit().purgeEvery());
        assertEquals("60s", config.consent().expiryCheck());
        assertEquals(config.audit().purgeEvery(), raw.getValue("gateway.audit.purge-every", String.class));
        assertEquals(config.consent().expiryCheck(), raw.getValue("gateway.consent.expiry-check", String.class));
        assertEquals(config.stats().snapshotCheck(), raw.getValue("gateway.stats.snapshot-check", String.class));
    }

    @Test
    void theSchedulerIsOffInTests() {
        assertFalse(raw.getValue("quarkus.scheduler.enabled", Boolean.class));
    }
}
