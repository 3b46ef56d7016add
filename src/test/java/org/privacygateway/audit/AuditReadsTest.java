package org.privacygateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.support.Fixtures;

/** AuditReads' keyset pages and RetentionJob's purge, as services. */
@QuarkusTest
class AuditReadsTest {

    @Inject
    AuditReads reads;

    @Inject
    RetentionJob retention;

    @Inject
    Fixtures fixtures;

    @Test
    void pagesAreNewestFirstAndContinueStrictlyAfterTheCursor() {
        String partner = fixtures.partner(Fixtures.unique("audit")).id;
        Member m = fixtures.member("Audit");
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            fixtures.accessEventAt(partner, m.id, base.plusSeconds(i));
        }
        // Two events at the same instant: the id breaks the tie.
        fixtures.accessEventAt(partner, m.id, base.plusSeconds(4));

        List<AccessEvent> first = reads.accessEvents(m.id, partner, null, null, 4);
        assertEquals(4, first.size());
        for (int i = 1; i < first.size(); i++) {
            assertFalse(first.get(i).occurredAt.isAfter(first.get(i - 1).occurredAt), "newest first");
        }
        AccessEvent last = first.get(3);
        List<AccessEvent> rest = reads.accessEvents(m.id, partner, last.occurredAt, last.id, 4);
        assertEquals(2, rest.size());
        assertTrue(rest.stream().noneMatch(e -> first.stream().anyMatch(f -> f.id.equals(e.id))), "no repeats");
        assertEquals(6, reads.accessEvents(null, partner, null, null, 100).size());
        assertEquals(6, reads.accessEvents(m.id, null, null, null, 100).size());
    }

    @Test
    void adminActionsPageByTheSameKeyset() {
        List<AdminAction> first = reads.adminActions(null, null, 2);
        if (first.size() == 2) {
            AdminAction last = first.get(1);
            reads.adminActions(last.occurredAt, last.id, 2).forEach(a -> {
                assertFalse(a.occurredAt.isAfter(last.occurredAt), "older than the cursor");
                assertTrue(first.stream().noneMatch(f -> f.id.equals(a.id)), "no repeats");
            });
        }
    }

    @Test
    void thePurgeDeletesOnlyEventsOlderThanTheRetention() {
        String partner = fixtures.partner(Fixtures.unique("purge")).id;
        Member m = fixtures.member("Purge");
        AccessEvent old = fixtures.accessEventAt(partner, m.id, Instant.now().minus(Duration.ofDays(401)));
        AccessEvent recent = fixtures.accessEventAt(partner, m.id, Instant.now().minus(Duration.ofDays(399)));
        assertTrue(retention.purge() >= 1);
        assertFalse(fixtures.accessEventExists(old.id));
        assertTrue(fixtures.accessEventExists(recent.id));
    }
}
