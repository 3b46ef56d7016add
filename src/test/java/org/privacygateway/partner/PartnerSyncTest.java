package org.privacygateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.support.Fixtures;

/** The start-up sync of partner files against the database. */
@QuarkusTest
class PartnerSyncTest {

    @Inject
    PartnerSync sync;

    @Inject
    PartnerAdmin admin;

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    static PartnerFile file(String id, String policyUrl) {
        return new PartnerFile(id, "Sync " + id, "travel", id, List.of(id + ".sync.example"), policyUrl, null,
                "privacy@" + id + ".example", 60,
                List.of(new PartnerFile.Request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL,
                        "Booking confirmations.")));
    }

    @Transactional
    Partner load(String id) {
        Partner p = em.find(Partner.class, id);
        p.hosts.size();
        p.requests.size();
        em.detach(p);
        return p;
    }

    /** The shipped files stay in every apply, so the sync never suspends them on other tests' behalf. */
    static List<PartnerFile> withShipped(PartnerFile... extra) {
        List<PartnerFile> files = new java.util.ArrayList<>(PartnerFiles.readFolder(java.nio.file.Path.of("partners")));
        files.addAll(List.of(extra));
        return files;
    }

    @Test
    void aFileThatRaisesALevelIsRefusedAndNothingIsApplied() {
        String id = Fixtures.unique("syncwiden");
        PartnerFile partial = new PartnerFile(id, "Sync " + id, "travel", id, List.of(id + ".sync.example"),
                "https://" + id + ".example/privacy", null, "privacy@" + id + ".example", 60,
                List.of(new PartnerFile.Request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.PARTIAL,
                        "Booking confirmations.")));
        sync.apply(withShipped(partial));
        String other = Fixtures.unique("syncother");

        PartnerFileException refused = org.junit.jupiter.api.Assertions.assertThrows(PartnerFileException.class,
                () -> sync.apply(withShipped(file(id, "https://" + id + ".example/privacy-v2"),
                        file(other, "https://" + other + ".example/privacy"))));
        assertEquals("requests[0].level", refused.field());
        org.junit.jupiter.api.Assertions.assertTrue(refused.reason().contains("would widen from PARTIAL to FULL"),
                refused.reason());
        // Checked before anything is applied: the partner keeps its level and policy link, the other file is not created.
        Partner kept = load(id);
        assertEquals(DisclosureLevel.PARTIAL, kept.requests.iterator().next().level);
        assertEquals("https://" + id + ".example/privacy", kept.policyUrl);
        assertEquals(null, io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> em.find(Partner.class, other)));
    }

    @Test
    void createsUpdatesAndSuspendsWhenTheFileIsGone() {
        String id = Fixtures.unique("sync");
        sync.apply(withShipped(file(id, "https://" + id + ".example/privacy")));
        Partner created = load(id);
        assertEquals(PartnerStatus.ACTIVE, created.status);
        assertEquals(PartnerSource.FILE, created.source);

        PartnerSync.Summary changed = sync.apply(withShipped(file(id, "https://" + id + ".example/privacy-v2")));
        assertEquals(1, changed.updated());
        assertEquals("https://" + id + ".example/privacy-v2", load(id).policyUrl);

        PartnerSync.Summary gone = sync.apply(withShipped());
        assertEquals(1, gone.suspended());
        Partner suspended = load(id);
        assertEquals(PartnerStatus.SUSPENDED, suspended.status);
        assertFalse(suspended.suspendedByAdmin);

        sync.apply(withShipped(file(id, "https://" + id + ".example/privacy-v2")));
        assertEquals(PartnerStatus.ACTIVE, load(id).status, "a file that is back lifts the sync's own suspension");
    }

    @Test
    void anAdminSuspensionSurvivesTheSync() {
        String id = Fixtures.unique("held");
        sync.apply(withShipped(file(id, "https://" + id + ".example/privacy")));
        admin.suspend("test-admin", id, "Data breach under investigation");
        sync.apply(withShipped(file(id, "https://" + id + ".example/privacy-new")));
        Partner p = load(id);
        assertEquals(PartnerStatus.SUSPENDED, p.status);
        assertTrue(p.suspendedByAdmin);
        assertEquals("https://" + id + ".example/privacy-new", p.policyUrl, "the file's other changes still apply");
    }

    @Test
    void partnersOnboardedThroughTheApiAreLeftAlone() {
        Partner api = fixtures.partner(Fixtures.unique("api"));
        sync.apply(withShipped());
        assertEquals(PartnerStatus.ACTIVE, load(api.id).status);
    }

    @Test
    void aFileMayNotTakeOverAnApiPartner() {
        Partner api = fixtures.partner(Fixtures.unique("api"));
        PartnerFileException e = assertThrows(PartnerFileException.class,
                () -> sync.apply(withShipped(file(api.id, "https://" + api.id + ".example/privacy"))));
        assertEquals("id", e.field());
    }
}
