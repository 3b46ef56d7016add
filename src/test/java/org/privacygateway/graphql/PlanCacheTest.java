package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The byte accounting and eviction of {@link PlanCache}, without the application. */
class PlanCacheTest {

    static final long E = PlanCache.ENTRY_BYTES;

    @Test
    void eachValueIsChargedItsSizeAndTheEntryAndTheTotalsAddUp() {
        PlanCache<String, String> cache = new PlanCache<>(100_000, 50_000, 10_000);
        assertTrue(cache.put("a", "A", "p1", 1_000));
        assertTrue(cache.put("b", "B", "p1", 2_000));
        assertTrue(cache.put("c", "C", "p2", 500));
        assertEquals(3_000 + 2 * E, cache.bytes("p1"));
        assertEquals(500 + E, cache.bytes("p2"));
        assertEquals(3_500 + 3 * E, cache.bytes());
        assertEquals("B", cache.get("b").value());
        assertEquals(2_000 + E, cache.get("b").bytes());
        // The same key again is neither charged nor replaced.
        assertTrue(cache.put("b", "other", "p2", 2_000));
        assertEquals("B", cache.get("b").value());
        assertEquals(3_500 + 3 * E, cache.bytes());
    }

    @Test
    void aValueOverThePerEntryBoundIsNotKeptAndEvictsNothing() {
        PlanCache<String, String> cache = new PlanCache<>(100_000, 50_000, 10_000);
        cache.put("a", "A", "p1", 1_000);
        assertFalse(cache.put("big", "X", "p1", 10_000 - E + 1));
        assertNull(cache.get("big"));
        assertNotNull(cache.get("a"));
        assertTrue(cache.put("fits", "X", "p1", 10_000 - E));
    }

    @Test
    void anOwnerOverItsShareLosesItsOwnOldestValuesOnly() {
        PlanCache<String, String> cache = new PlanCache<>(100_000, 10_000, 5_000);
        for (int i = 0; i < 5; i++) {
            cache.put("other" + i, "O", "p2", 1_000);
        }
        for (int i = 0; i < 1_000; i++) {
            cache.put("flood" + i, "F", "p1", 1_000);
            assertTrue(cache.bytes("p1") <= 10_000, "p1 holds " + cache.bytes("p1"));
        }
        assertEquals(10_000 / (1_000 + E), cache.size("p1"));
        assertNotNull(cache.get("flood999"), "the newest is kept");
        assertNull(cache.get("flood0"), "the oldest went first");
        for (int i = 0; i < 5; i++) {
            assertNotNull(cache.get("other" + i), "another owner's value was evicted");
        }
    }

    @Test
    void whenAllIsFullTheOwnerHoldingTheMostLosesFirst() {
        // Four owners, each allowed half of the whole: together they could hold twice what may be kept.
        long max = 40 * (1_000 + E);
        PlanCache<String, String> cache = new PlanCache<>(max, max / 2, 5_000);
        for (int i = 0; i < 5; i++) {
            cache.put("small" + i, "S", "small", 1_000);
        }
        for (int round = 0; round < 200; round++) {
            for (String owner : new String[] { "a", "b", "c" }) {
                cache.put(owner + round, "V", owner, 1_000);
                assertTrue(cache.bytes() <= max, "kept " + cache.bytes() + " of " + max);
                assertTrue(cache.bytes(owner) <= max / 2);
            }
        }
        assertEquals(5, cache.size("small"), "the owner holding least kept all it had");
        // The three heavy owners share what remains evenly (within two values: ties are broken either way).
        long share = (max - cache.bytes("small")) / 3;
        for (String owner : new String[] { "a", "b", "c" }) {
            assertTrue(Math.abs(cache.bytes(owner) - share) <= 2 * (1_000 + E), owner + " holds " + cache.bytes(owner));
            assertNotNull(cache.get(owner + 199), "the newest of " + owner + " is kept");
        }
    }

    @Test
    void anOwnerWhoseValuesAreAllGoneIsForgottenAndMayComeBack() {
        PlanCache<String, String> cache = new PlanCache<>(2 * (1_000 + E), 2 * (1_000 + E), 5_000);
        cache.put("a", "A", "p1", 1_000);
        cache.put("b", "B", "p2", 1_000);
        cache.put("c", "C", "p3", 1_000);
        // p1 and p2 held as much: one of them lost its only value.
        assertEquals(1, cache.size("p1") + cache.size("p2"));
        String gone = cache.size("p1") == 0 ? "p1" : "p2";
        assertEquals(0, cache.bytes(gone));
        assertEquals(2, cache.size());
        assertEquals(2 * (1_000 + E), cache.bytes());
        assertTrue(cache.put("again", "A", gone, 1_000));
        assertEquals(1, cache.size(gone));
        assertEquals(2 * (1_000 + E), cache.bytes());
    }
}
