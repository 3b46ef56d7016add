package org.privacygateway.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** updatePartner's plan: the dry run changes and records nothing; a raised level is refused, not applied. */
@QuarkusTest
class PartnerPlanAdminTest {

    static final String UPDATE = """
            mutation($id: ID!, $input: PartnerInput!, $dryRun: Boolean!) {
              updatePartner(id: $id, input: $input, dryRun: $dryRun) {
                applied
                partner { id requests { category purpose level } }
                plan { partnerId status masksFieldsInUse problems
                       changes { kind category purpose before after setting membersMasked membersNarrowed } }
              }
            }""";
    static final String ACTIONS = "{ adminActions(first: 1) { edges { node { id action targetId } } } }";

    @Inject
    Fixtures fixtures;

    final String admin = Tokens.admin("ada");

    private Partner onboarded(String id) {
        GraphQL.post(admin, AdminGraphQLTest.ONBOARD, Map.of("input", AdminGraphQLTest.input(id))).body("errors", nullValue());
        Partner partner = new Partner();
        partner.id = id;
        return partner;
    }

    private static Map<String, Object> withRequests(String id, List<Map<String, Object>> requests) {
        Map<String, Object> input = AdminGraphQLTest.input(id);
        input.put("requests", requests);
        return input;
    }

    @Test
    void aDryRunReturnsThePlanAndLeavesEverythingAsItWas() {
        String id = Fixtures.unique("dry");
        Partner partner = onboarded(id);
        Member a = fixtures.member("DryA");
        Member b = fixtures.member("DryB");
        fixtures.grant(a, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(a, partner, NAME, ORDER_FULFILLMENT, FULL);
        fixtures.grant(b, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        String lastAction = GraphQL.post(admin, ACTIONS).extract().path("data.adminActions.edges[0].node.id");
        // EMAIL narrowed to PARTIAL, NAME removed.
        Map<String, Object> input = withRequests(id, List.of(Map.of("category", "EMAIL", "purpose", "ORDER_FULFILLMENT",
                "level", "PARTIAL", "justification", "Tickets by email.")));

        GraphQL.post(admin, UPDATE, Map.of("id", id, "input", input, "dryRun", true))
                .body("errors", nullValue())
                .body("data.updatePartner.applied", equalTo(false))
                .body("data.updatePartner.partner.requests", hasSize(2))
                .body("data.updatePartner.plan.status", equalTo("CHANGED"))
                .body("data.updatePartner.plan.masksFieldsInUse", equalTo(true))
                .body("data.updatePartner.plan.changes.find { it.kind == 'LEVEL_NARROWED' }.membersNarrowed", equalTo(2))
                .body("data.updatePartner.plan.changes.find { it.kind == 'REQUEST_REMOVED' }.category", equalTo("NAME"))
                .body("data.updatePartner.plan.changes.find { it.kind == 'REQUEST_REMOVED' }.membersMasked", equalTo(1));

        // Nothing applied, nothing recorded: the partner still serves NAME in full, the admin audit has no new row.
        String read = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email name { given } } }";
        GraphQL.post(Tokens.partner(id), read, Map.of("id", fixtures.pairwise(partner, a)))
                .body("data.member.email", equalTo("drya@mail.example"))
                .body("data.member.name.given", equalTo("GivenDryA"));
        assertEquals(lastAction, GraphQL.post(admin, ACTIONS).extract().path("data.adminActions.edges[0].node.id"));

        // Applied: the same plan, and the change is made and audited.
        GraphQL.post(admin, UPDATE, Map.of("id", id, "input", input, "dryRun", false))
                .body("errors", nullValue())
                .body("data.updatePartner.applied", equalTo(true))
                .body("data.updatePartner.partner.requests", hasSize(1))
                .body("data.updatePartner.plan.changes.find { it.kind == 'REQUEST_REMOVED' }.membersMasked", equalTo(1));
        GraphQL.post(admin, ACTIONS).body("data.adminActions.edges[0].node.action", equalTo("UPDATE_PARTNER"))
                .body("data.adminActions.edges[0].node.targetId", equalTo(id));
        GraphQL.post(Tokens.partner(id), read, Map.of("id", fixtures.pairwise(partner, a)))
                .body("data.member.email", equalTo("d***@mail.example"))
                .body("data.member.name", nullValue());
    }

    @Test
    void aRaisedLevelIsListedByTheDryRunAndRefusedByTheUpdate() {
        String id = Fixtures.unique("widen");
        onboarded(id);
        Map<String, Object> narrowed = withRequests(id, List.of(Map.of("category", "EMAIL", "purpose",
                "ORDER_FULFILLMENT", "level", "PARTIAL", "justification", "Tickets by email.")));
        GraphQL.post(admin, UPDATE, Map.of("id", id, "input", narrowed, "dryRun", false)).body("errors", nullValue());
        Map<String, Object> widened = withRequests(id, List.of(Map.of("category", "EMAIL", "purpose",
                "ORDER_FULFILLMENT", "level", "FULL", "justification", "Tickets by email.")));

        GraphQL.post(admin, UPDATE, Map.of("id", id, "input", widened, "dryRun", true))
                .body("errors", nullValue())
                .body("data.updatePartner.plan.changes[0].kind", equalTo("LEVEL_WIDENED"))
                .body("data.updatePartner.plan.problems[0]", containsString("would widen from PARTIAL to FULL"));
        GraphQL.post(admin, UPDATE, Map.of("id", id, "input", widened, "dryRun", false))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("fresh consent"));
        GraphQL.post(admin, "{ adminPartners { id requests { level } } }")
                .body("data.adminPartners.find { it.id == '" + id + "' }.requests[0].level", equalTo(PARTIAL.name()));
    }

    @Test
    void aDryRunIsForAdminsOnly() {
        String id = Fixtures.unique("drypartner");
        onboarded(id);
        GraphQL.post(Tokens.partner(id), UPDATE, Map.of("id", id, "input", AdminGraphQLTest.input(id), "dryRun", true))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }
}
