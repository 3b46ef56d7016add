package org.privacygateway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.COMPANY;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DataCategory.PHONE;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;
import static org.privacygateway.masking.Purpose.CUSTOMER_SUPPORT;
import static org.privacygateway.masking.Purpose.MARKETING;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.DeclarationChange.Kind;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerSource;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.support.Fixtures;

/**
 * The plan of partner file changes against a seeded database: each kind of change, with the members it masks counted
 * as the masking decision would, and {@code plan-partners}' output and exit status. Nothing is written by a plan.
 */
@QuarkusTest
class PlanPartnersTest {

    @Inject
    Fixtures fixtures;

    @Inject
    DeclarationPlanner planner;

    @Inject
    PlanPartnersCommand command;

    @Inject
    EntityManager em;

    @TempDir
    Path folder;

    Partner partner;

    /**
     * A file partner asking EMAIL, NAME and ADDRESS for order fulfilment and PHONE for marketing, and its members:
     * two served in full, others whose consents are not in force (revoked, expired), a child, an opted-out member,
     * and one who made NAME public.
     */
    @BeforeEach
    void seed() throws IOException {
        partner = fixtures.partner(Fixtures.unique("plan"),
                request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, FULL),
                request(ADDRESS, ORDER_FULFILLMENT, PARTIAL),
                request(PHONE, MARKETING, PARTIAL));
        String id = partner.id;
        QuarkusTransaction.requiringNew().run(() -> em.find(Partner.class, id).source = PartnerSource.FILE);

        Member full = fixtures.member("PlanFull");
        fixtures.grant(full, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(full, partner, NAME, ORDER_FULFILLMENT, FULL);
        fixtures.grant(full, partner, ADDRESS, ORDER_FULFILLMENT, PARTIAL);
        fixtures.grant(full, partner, PHONE, MARKETING, PARTIAL);
        Member partial = fixtures.member("PlanPartial");
        fixtures.grant(partial, partner, EMAIL, ORDER_FULFILLMENT, PARTIAL);
        fixtures.grant(partial, partner, NAME, ORDER_FULFILLMENT, FULL);
        Member revoked = fixtures.member("PlanRevoked");
        fixtures.grant(revoked, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(revoked, partner, NAME, ORDER_FULFILLMENT, FULL);
        fixtures.revoke(revoked, partner, null, null);
        Member expired = fixtures.member("PlanExpired");
        fixtures.grantExpired(expired, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grantExpired(expired, partner, NAME, ORDER_FULFILLMENT, FULL);
        Member child = fixtures.member("PlanChild");
        fixtures.update(child.id, m -> m.birthDate = LocalDate.now().minusYears(10));
        fixtures.grant(child, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(child, partner, NAME, ORDER_FULFILLMENT, FULL);
        Member optedOut = fixtures.member("PlanOptOut");
        fixtures.grant(optedOut, partner, PHONE, MARKETING, PARTIAL);
        fixtures.update(optedOut.id, m -> m.marketingOptOut = true);
        // No consent in force, but NAME public: served to this partner, which holds their id from an earlier consent.
        Member publicName = fixtures.member("PlanPublic");
        fixtures.grant(publicName, partner, COMPANY, CUSTOMER_SUPPORT, FULL);
        fixtures.revoke(publicName, partner, null, null);
        fixtures.update(publicName.id, m -> m.setPublicCategorySet(Set.of(NAME)));

        // Every other active file partner as the database holds it, so only this test's partner differs.
        writeUnchangedFilePartners();
    }

    @Test
    void removedAndNarrowedRequestsCountTheMembersServedThemNow() throws IOException {
        write(partner.id, List.of(
                req(EMAIL, ORDER_FULFILLMENT, PARTIAL, "Needed for ORDER_FULFILLMENT"),     // narrowed
                req(ADDRESS, ORDER_FULFILLMENT, PARTIAL, "Needed for ORDER_FULFILLMENT"),   // unchanged
                req(COMPANY, ORDER_FULFILLMENT, PARTIAL, "Invoices to a business")));       // added
        // removed: NAME for ORDER_FULFILLMENT, PHONE for MARKETING

        DeclarationPlan plan = planOf(partner.id);
        assertEquals(DeclarationPlan.Status.CHANGED, plan.status());
        assertFalse(plan.refused());
        assertTrue(plan.masksFieldsInUse());
        // EMAIL FULL -> PARTIAL: only the member served in full is narrowed (the other consented at PARTIAL); the
        // revoked, expired and child members are served nothing now.
        assertRow(plan, Kind.LEVEL_NARROWED, EMAIL, ORDER_FULFILLMENT, 0, 1);
        // NAME removed: the two consenting adults, and the member who made NAME public.
        assertRow(plan, Kind.REQUEST_REMOVED, NAME, ORDER_FULFILLMENT, 3, 0);
        // PHONE for MARKETING removed: one member served; the opted-out one is served nothing already.
        assertRow(plan, Kind.REQUEST_REMOVED, PHONE, MARKETING, 1, 0);
        // A new request affects nobody until members consent.
        assertRow(plan, Kind.REQUEST_ADDED, COMPANY, ORDER_FULFILLMENT, 0, 0);
        assertEquals(4, plan.rows().size(), "ADDRESS is unchanged: " + plan.rows());
    }

    @Test
    void aRaisedLevelIsRefusedAndAJustificationChangeAffectsNobody() throws IOException {
        write(partner.id, List.of(
                req(EMAIL, ORDER_FULFILLMENT, FULL, "We email your tickets and receipts."),  // reworded
                req(NAME, ORDER_FULFILLMENT, FULL, "Needed for ORDER_FULFILLMENT"),
                req(ADDRESS, ORDER_FULFILLMENT, FULL, "Needed for ORDER_FULFILLMENT"),       // widened
                req(PHONE, MARKETING, PARTIAL, "Needed for MARKETING")));

        DeclarationPlan plan = planOf(partner.id);
        assertTrue(plan.refused());
        assertFalse(plan.masksFieldsInUse());
        assertRow(plan, Kind.LEVEL_WIDENED, ADDRESS, ORDER_FULFILLMENT, 0, 0);
        assertRow(plan, Kind.JUSTIFICATION_CHANGED, EMAIL, ORDER_FULFILLMENT, 0, 0);
        assertTrue(plan.problems().get(0).contains("ADDRESS for ORDER_FULFILLMENT would widen from PARTIAL to FULL"),
                plan.problems().toString());

        Run run = run();
        assertEquals(PlanPartnersCommand.REFUSED, run.status(), run.toString());
        assertTrue(run.err().contains("refused " + partner.id + ".yaml: field 'requests[2].level'"), run.err());
    }

    @Test
    void theCommandExitsNonZeroWhenFieldsInUseWouldBeMaskedUnlessAccepted() throws IOException {
        write(partner.id, List.of(
                req(EMAIL, ORDER_FULFILLMENT, FULL, "Needed for ORDER_FULFILLMENT"),
                req(ADDRESS, ORDER_FULFILLMENT, PARTIAL, "Needed for ORDER_FULFILLMENT"),
                req(PHONE, MARKETING, PARTIAL, "Needed for MARKETING")));
        long consents = count("select count(c) from Consent c");
        long actions = count("select count(a) from AdminAction a");

        Run run = run();
        assertEquals(PlanPartnersCommand.MASKS_FIELDS_IN_USE, run.status(), run.toString());
        assertTrue(run.out().contains(partner.id + "  CHANGED"), run.out());
        assertTrue(run.out().matches("(?s).*request removed\\s+NAME\\s+ORDER_FULFILLMENT\\s+FULL -> -\\s+3\\s+0\\n.*"),
                run.out());
        assertTrue(run.err().contains("run again with --accept"), run.err());
        // Counts only: no member's value or id appears.
        assertFalse(run.out().contains("GivenPlan") || run.out().contains("@mail.example") || run.out().contains("pw_"),
                run.out());

        Run accepted = run("--accept");
        assertEquals(PlanPartnersCommand.OK, accepted.status(), accepted.toString());
        assertTrue(accepted.out().contains("Accepted"), accepted.out());

        // A plan writes nothing.
        assertEquals(consents, count("select count(c) from Consent c"));
        assertEquals(actions, count("select count(a) from AdminAction a"));
        assertEquals(4, QuarkusTransaction.requiringNew().call(() -> em.find(Partner.class, partner.id).requests.size()));
    }

    @Test
    void aGoneFileSuspendsThePartnerAndMasksEverythingItIsServed() throws IOException {
        DeclarationPlan plan = planOf(partner.id);
        assertEquals(DeclarationPlan.Status.SUSPENDED, plan.status());
        assertRow(plan, Kind.PARTNER_SUSPENDED, null, null, 0, 0);
        assertRow(plan, Kind.REQUEST_REMOVED, EMAIL, ORDER_FULFILLMENT, 2, 0);
        assertRow(plan, Kind.REQUEST_REMOVED, NAME, ORDER_FULFILLMENT, 3, 0);
        assertRow(plan, Kind.REQUEST_REMOVED, ADDRESS, ORDER_FULFILLMENT, 1, 0);
        assertRow(plan, Kind.REQUEST_REMOVED, PHONE, MARKETING, 1, 0);
    }

    @Test
    void aNewFileAndAnUnchangedOneAffectNobody() throws IOException {
        write(partner.id, List.of(
                req(EMAIL, ORDER_FULFILLMENT, FULL, "Needed for ORDER_FULFILLMENT"),
                req(NAME, ORDER_FULFILLMENT, FULL, "Needed for ORDER_FULFILLMENT"),
                req(ADDRESS, ORDER_FULFILLMENT, PARTIAL, "Needed for ORDER_FULFILLMENT"),
                req(PHONE, MARKETING, PARTIAL, "Needed for MARKETING")));
        String fresh = Fixtures.unique("plannew");
        writeFile(fresh, fresh, List.of(req(EMAIL, ORDER_FULFILLMENT, FULL, "Tickets by email")), Map.of());

        assertEquals(DeclarationPlan.Status.UNCHANGED, planOf(partner.id).status());
        DeclarationPlan added = planOf(fresh);
        assertEquals(DeclarationPlan.Status.NEW, added.status());
        assertRow(added, Kind.PARTNER_ADDED, null, null, 0, 0);
        assertRow(added, Kind.REQUEST_ADDED, EMAIL, ORDER_FULFILLMENT, 0, 0);

        Run run = run();
        assertEquals(PlanPartnersCommand.OK, run.status(), run.toString());
        assertTrue(run.out().contains(partner.id + "  UNCHANGED"), run.out());
    }

    @Test
    void otherSettingsAreListedWithoutMemberCounts() throws IOException {
        writeFile(partner.id, "Renamed Partner", List.of(
                req(EMAIL, ORDER_FULFILLMENT, FULL, "Needed for ORDER_FULFILLMENT"),
                req(NAME, ORDER_FULFILLMENT, FULL, "Needed for ORDER_FULFILLMENT"),
                req(ADDRESS, ORDER_FULFILLMENT, PARTIAL, "Needed for ORDER_FULFILLMENT"),
                req(PHONE, MARKETING, PARTIAL, "Needed for MARKETING")), Map.of("rateLimitPerMinute", 50));
        DeclarationPlan plan = planOf(partner.id);
        assertEquals(List.of("displayName", "rateLimitPerMinute"),
                plan.rows().stream().map(r -> r.change().detail()).toList());
        assertFalse(plan.masksFieldsInUse());
    }

    @Test
    void invalidFilesAndWrongUsageHaveTheirOwnStatus() throws IOException {
        Files.writeString(folder.resolve(partner.id + ".yaml"), "id: " + partner.id + "\nkind: [\n");
        Run invalid = run();
        assertEquals(PlanPartnersCommand.REFUSED, invalid.status(), invalid.toString());
        assertTrue(invalid.err().contains("invalid "), invalid.err());
        assertEquals(PlanPartnersCommand.USAGE_ERROR, run("--force").status());
        Run help = run("--help");
        assertEquals(PlanPartnersCommand.OK, help.status());
        assertTrue(help.out().startsWith("Usage: "), help.out());
    }

    // ---- helpers

    private DeclarationPlan planOf(String id) {
        return planner.planFolder(folder).stream().filter(p -> p.partnerId().equals(id)).findFirst().orElseThrow();
    }

    private static void assertRow(DeclarationPlan plan, Kind kind, DataCategory category, Purpose purpose, int masked,
            int narrowed) {
        DeclarationPlan.Row row = plan.rows().stream()
                .filter(r -> r.change().kind() == kind && r.change().category() == category
                        && r.change().purpose() == purpose)
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + category + " " + purpose
                        + " in " + plan.rows()));
        assertEquals(masked, row.membersMasked(), "masked, " + row);
        assertEquals(narrowed, row.membersNarrowed(), "narrowed, " + row);
    }

    record Run(int status, String out, String err) {
    }

    private Run run(String... flags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(flags));
        args.add(folder.toString());
        int status = command.main(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long count(String jpql) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(jpql, Long.class).getSingleResult());
    }

    private static Map<String, Object> req(DataCategory category, Purpose purpose, DisclosureLevel level,
            String justification) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("category", category.name());
        r.put("purpose", purpose.name());
        r.put("level", level.name());
        r.put("justification", justification);
        return r;
    }

    private void write(String id, List<Map<String, Object>> requests) throws IOException {
        writeFile(id, "Partner " + id, requests, Map.of());
    }

    /** A file as {@code Fixtures.partner} stores the partner, with these requests and overrides. */
    private void writeFile(String id, String displayName, List<Map<String, Object>> requests,
            Map<String, Object> overrides) throws IOException {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("id", id);
        file.put("displayName", displayName);
        file.put("kind", "travel");
        file.put("clientId", id);
        file.put("hosts", List.of(id + ".marketplace.example"));
        file.put("policyUrl", "https://" + id + ".example/privacy");
        file.put("privacyContact", "privacy@" + id + ".example");
        file.put("rateLimitPerMinute", 6000);
        file.put("requests", requests);
        file.putAll(overrides);
        YAML.writeValue(folder.resolve(id + ".yaml").toFile(), file);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private void writeUnchangedFilePartners() throws IOException {
        List<Partner> others = QuarkusTransaction.requiringNew().call(() -> {
            List<Partner> all = em.createQuery("select distinct p from Partner p left join fetch p.requests"
                    + " where p.source = :file and p.status = :active", Partner.class)
                    .setParameter("file", PartnerSource.FILE).setParameter("active", PartnerStatus.ACTIVE)
                    .getResultList();
            all.forEach(p -> org.hibernate.Hibernate.initialize(p.hosts));
            return all;
        });
        for (Partner p : others) {
            if (p.id.equals(partner.id)) {
                continue;
            }
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("id", p.id);
            file.put("displayName", p.displayName);
            file.put("kind", p.kind);
            file.put("clientId", p.clientId);
            file.put("hosts", List.copyOf(p.hosts));
            file.put("policyUrl", p.policyUrl);
            if (p.logoUrl != null) {
                file.put("logoUrl", p.logoUrl);
            }
            file.put("privacyContact", p.privacyContact);
            file.put("rateLimitPerMinute", p.rateLimitPerMinute);
            List<Map<String, Object>> requests = new ArrayList<>();
            for (DeclaredRequest r : p.requests) {
                requests.add(req(r.category, r.purpose, r.level, r.justification));
            }
            file.put("requests", requests);
            YAML.writeValue(folder.resolve(p.id + ".yaml").toFile(), file);
        }
    }
}
