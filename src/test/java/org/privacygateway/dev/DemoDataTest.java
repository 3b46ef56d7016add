package org.privacygateway.dev;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.privacygateway.masking.DisclosureDecision;

/** The dev run's demo data keeps the product's rules: the demo minor has no consent. */
class DemoDataTest {

    @Test
    void theDemoMinorHasNoConsent() {
        Instant now = Instant.now();
        assertTrue(DisclosureDecision.isMinor(LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(DemoData.CHLOE_AGE), now),
                "chloe is the demo minor");
        assertFalse(DemoData.GRANTS.stream().anyMatch(g -> g.member().equals("chloe")), "a minor cannot consent");
        assertFalse(DemoData.GRANTS.isEmpty());
    }
}
