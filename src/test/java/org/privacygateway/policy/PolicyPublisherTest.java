package org.privacygateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.support.Fixtures;

/** PolicyPublisher as a service: the notice period, version order and what members are told is coming. */
@QuarkusTest
class PolicyPublisherTest {

    @Inject
    PolicyPublisher publisher;

    @Inject
    Fixtures fixtures;

    PolicyPublisher.Draft draft(int version, Instant effectiveAt) {
        return new PolicyPublisher.Draft(version, "https://privacy-gateway.example/policy/v" + version,
                "Test draft " + version, effectiveAt, fixtures.matrixOf(1));
    }

    @Test
    void aVersionTakingEffectBeforeTheNoticePeriodIsRefused() {
        int next = fixtures.maxPolicyVersion() + 1;
        long before = fixtures.policyVersionCount();
        GatewayException e = assertThrows(GatewayException.class,
                () -> publisher.publish("admin:test", draft(next, Instant.now().plus(Duration.ofDays(29)))));
        assertEquals(ErrorCode.NOTICE_PERIOD_TOO_SHORT, e.code());
        assertEquals(before, fixtures.policyVersionCount(), "a refused version writes nothing");
    }

    @Test
    void versionsOnlyGoUp() {
        int latest = fixtures.maxPolicyVersion();
        Instant later = Instant.now().plus(Duration.ofDays(40));
        GatewayException existing = assertThrows(GatewayException.class,
                () -> publisher.publish("admin:test", draft(latest, later)));
        assertEquals(ErrorCode.VALIDATION, existing.code());
        assertTrue(existing.getMessage().contains("already exists"), existing.getMessage());
    }

    @Test
    void aPublishedVersionIsUpcomingUntilItTakesEffect() {
        int next = fixtures.maxPolicyVersion() + 1;
        Instant effective = Instant.now().plus(Duration.ofDays(31));
        try {
            PolicyVersion v = publisher.publish("admin:test", draft(next, effective));
            assertEquals(next, v.version);
            assertTrue(publisher.upcoming().stream().anyMatch(u -> u.version == next));
        } finally {
            fixtures.deletePolicy(next);
        }
        assertTrue(publisher.upcoming().stream().noneMatch(u -> u.version == next));
    }
}
