package org.privacygateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class PairwiseIdsTest {

    final PairwiseIds ids = new PairwiseIds("a-test-secret-that-is-long-enough-0123456789");
    final UUID member = UUID.fromString("7d1f6a52-4f1e-4c0c-9c4e-2b0b8f6c1a11");

    @Test
    void roundTripsForTheSamePartner() {
        String id = ids.toPairwise("skyway-travel", member);
        assertTrue(PairwiseIds.wellFormed(id), id);
        assertEquals(25, id.length());
        assertEquals(member, ids.resolve("skyway-travel", id));
    }

    @Test
    void isStableAcrossInstancesWithTheSameSecret() {
        PairwiseIds restarted = new PairwiseIds("a-test-secret-that-is-long-enough-0123456789");
        assertEquals(ids.toPairwise("skyway-travel", member), restarted.toPairwise("skyway-travel", member));
    }

    @Test
    void differsAcrossPartnersAndDoesNotResolveForAnother() {
        String forA = ids.toPairwise("skyway-travel", member);
        String forB = ids.toPairwise("parcelpath-logistics", member);
        assertNotEquals(forA, forB);
        assertNotEquals(member, ids.resolve("parcelpath-logistics", forA));
    }

    @Test
    void differsAcrossSecrets() {
        assertNotEquals(ids.toPairwise("skyway-travel", member),
                new PairwiseIds("another-secret-that-is-long-enough-9876543210").toPairwise("skyway-travel", member));
    }

    @Test
    void malformedIdsAreRecognised() {
        assertFalse(PairwiseIds.wellFormed(null));
        assertFalse(PairwiseIds.wellFormed(member.toString()));
        assertFalse(PairwiseIds.wellFormed("pw_short"));
        assertFalse(PairwiseIds.wellFormed("pw_AAAAAAAAAAAAAAAAAAAAAB")); // last character carries only 2 bits
        assertFalse(PairwiseIds.wellFormed("xx_AAAAAAAAAAAAAAAAAAAAAA"));
        assertThrows(IllegalArgumentException.class, () -> ids.resolve("skyway-travel", "pw_!!"));
    }
}
