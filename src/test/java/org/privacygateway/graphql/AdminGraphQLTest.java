package org.privacygateway.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.ArrayList;
import java.util.HashMap;
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

/** Admin operations: onboarding, changes, suspension, the audit trail; and the bad inputs that change nothing. */
@QuarkusTest
class AdminGraphQLTest {

    static final String ONBOARD = "mutation($input: PartnerInput!) { onboardPartner(input: $input) { id status policyUrl requests { category purpose level } } }";
    static final String UPDATE = "mutation($id: ID!, $input: PartnerInput!) { updatePartner(id: $id, input: $input) { partner { id requests { category purpose } } } }";
    static final String PARTNERS = "{ adminPartners { id status } }";

    @Inject
    Fixtures fixtures;

    final String admin = Tokens.admin("ada");

    static Map<String, Object> input(String id) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", id);
        input.put("displayName", "Nordic Rail");
        input.put("kind", "travel");
        input.put("clientId", id);
        input.put("hosts", List.of(id + ".marketplace.example"));
        input.put("policyUrl", "https://" + id + ".example/privacy");
        input.put("privacyContact", "privacy@" + id + ".example");
        input.put("rateLimitPerMinute", 120);
        List<Map<String, Object>> requests = new ArrayList<>();
        requests.add(Map.of("category", "EMAIL", "purpose", "ORDER_FULFILLMENT", "level", "FULL", "justification", "Tickets by email."));
        requests.add(Map.of("category", "NAME", "purpose", "ORDER_FULFILLMENT", "level", "FULL", "justification", "Name on the ticket."));
        input.put("requests", requests);
        return input;
    }

    private int partnerCount() {
        List<?> all = GraphQL.post(admin, PARTNERS).extract().path("data.adminPartners");
        return all.size();
    }

    private int adminActionCount() {
        List<?> all = GraphQL.post(admin, "{ adminActions(first: 100) { edges { cursor } } }").extract().path("data.adminActions.edges");
        return all.size();
    }

    @Test
    void onboardsAPartnerThatCanQueryAtOnce() {
        String id = Fixtures.unique("rail");
        GraphQL.post(admin, ONBOARD, Map.of("input", input(id)))
                .body("errors", nullValue())
                .body("data.onboardPartner.id", equalTo(id))
                .body("data.onboardPartner.status", equalTo("ACTIVE"));
        GraphQL.post(Tokens.partner(id), "{ partner { id } }").body("data.partner.id", equalTo(id));
        GraphQL.post(admin, PARTNERS).body("data.adminPartners.id", hasItem(id));
        GraphQL.post(admin, "{ adminActions(first: 5) { edges { node { actor action targetId before after } } } }")
                .body("data.adminActions.edges[0].node.actor", equalTo("ada"))
                .body("data.adminActions.edges[0].node.action", equalTo("ONBOARD_PARTNER"))
                .body("data.adminActions.edges[0].node.targetId", equalTo(id))
                .body("data.adminActions.edges[0].node.before", nullValue())
                .body("data.adminActions.edges[0].node.after", containsString("\"policyUrl\":\"https://" + id));
    }

    @Test
    void suspensionBlocksTheNextRequestAndReactivationLiftsIt() {
        Partner partner = fixtures.partner(Fixtures.unique("sus"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        GraphQL.post(Tokens.partner(partner.clientId), "{ partner { id } }").body("errors", nullValue());
        GraphQL.post(admin, "mutation { suspendPartner(id: \"" + partner.id + "\", reason: \"Breach report\") { status } }")
                .body("data.suspendPartner.status", equalTo("SUSPENDED"));
        GraphQL.post(Tokens.partner(partner.clientId), "{ partner { id } }")
                .body("errors[0].extensions.code", equalTo("PARTNER_SUSPENDED"));
        GraphQL.post(admin, "mutation { reactivatePartner(id: \"" + partner.id + "\") { status } }")
                .body("data.reactivatePartner.status", equalTo("ACTIVE"));
        GraphQL.post(Tokens.partner(partner.clientId), "{ partner { id } }").body("data.partner.id", equalTo(partner.id));
        GraphQL.post(admin, "{ adminActions(first: 2) { edges { node { action reason before after } } } }")
                .body("data.adminActions.edges[0].node.action", equalTo("REACTIVATE_PARTNER"))
                .body("data.adminActions.edges[1].node.action", equalTo("SUSPEND_PARTNER"))
                .body("data.adminActions.edges[1].node.reason", equalTo("Breach report"))
                .body("data.adminActions.edges[1].node.before", containsString("\"status\":\"ACTIVE\""))
                .body("data.adminActions.edges[1].node.after", containsString("\"status\":\"SUSPENDED\""));
    }

    /** The admin API has no webhook field: an update keeps the webhook the partner's file declared. */
    @Test
    void anUpdateThroughTheAdminApiKeepsThePartnersWebhook() {
        String id = Fixtures.unique("keephook");
        GraphQL.post(admin, ONBOARD, Map.of("input", input(id))).body("errors", nullValue());
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            Partner p = Partner.findById(id);
            p.webhookUrl = "https://hooks.example/privacy";
            p.webhookSecretRef = "env:SKYWAY_WEBHOOK_SECRET";
        });
        Map<String, Object> narrowed = input(id);
        narrowed.put("requests", List.of(Map.of("category", "NAME", "purpose", "ORDER_FULFILLMENT", "level", "FULL",
                "justification", "Name on the ticket.")));
        GraphQL.post(admin, UPDATE, Map.of("id", id, "input", narrowed)).body("errors", nullValue());
        Partner after = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> Partner.findById(id));
        org.junit.jupiter.api.Assertions.assertEquals("https://hooks.example/privacy", after.webhookUrl);
        org.junit.jupiter.api.Assertions.assertEquals("env:SKYWAY_WEBHOOK_SECRET", after.webhookSecretRef);
    }

    @Test
    void narrowingRequestsMakesConsentsBeyondThemIneffectiveAtOnce() {
        String id = Fixtures.unique("narrow");
        GraphQL.post(admin, ONBOARD, Map.of("input", input(id))).body("errors", nullValue());
        Partner partner = new Partner();
        partner.id = id;
        Member member = fixtures.member("Nar");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(member, partner, NAME, ORDER_FULFILLMENT, FULL);
        String read = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email name { given } access { category reason } } }";
        Map<String, Object> vars = Map.of("id", fixtures.pairwise(partner, member));
        GraphQL.post(Tokens.partner(id), read, vars).body("data.member.email", equalTo("nar@mail.example"));

        Map<String, Object> narrowed = input(id);
        narrowed.put("requests", List.of(Map.of("category", "NAME", "purpose", "ORDER_FULFILLMENT", "level", "FULL",
                "justification", "Name on the ticket.")));
        GraphQL.post(admin, UPDATE, Map.of("id", id, "input", narrowed)).body("errors", nullValue());

        GraphQL.post(Tokens.partner(id), read, vars)
                .body("data.member.email", nullValue())
                .body("data.member.name.given", equalTo("GivenNar"))
                .body("data.member.access.find { it.category == 'EMAIL' }.reason", equalTo("NOT_REQUESTED"));
    }

    @Test
    void theAuditLogListsReadsNewestFirstWithPaging() {
        Partner partner = fixtures.partner(Fixtures.unique("aud"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Aud");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        for (int i = 0; i < 3; i++) {
            GraphQL.post(Tokens.partner(partner.clientId), "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email phone } }",
                    Map.of("id", fixtures.pairwise(partner, member))).body("errors", nullValue());
        }
        String query = "query($p: ID, $after: String) { auditLog(partnerId: $p, first: 2, after: $after) { edges { node { partnerId memberId purpose operation served { category level } masked { category reason } } } pageInfo { hasNextPage endCursor } } }";
        Map<String, Object> vars = new HashMap<>();
        vars.put("p", partner.id);
        var first = GraphQL.post(admin, query, vars)
                .body("errors", nullValue())
                .body("data.auditLog.edges.size()", equalTo(2))
                .body("data.auditLog.pageInfo.hasNextPage", equalTo(true))
                .body("data.auditLog.edges[0].node.memberId", equalTo(member.id.toString()))
                .body("data.auditLog.edges[0].node.served[0].category", equalTo("EMAIL"))
                .body("data.auditLog.edges[0].node.masked[0].reason", equalTo("NOT_REQUESTED"));
        vars.put("after", first.extract().path("data.auditLog.pageInfo.endCursor"));
        GraphQL.post(admin, query, vars)
                .body("data.auditLog.edges.size()", equalTo(1))
                .body("data.auditLog.pageInfo.hasNextPage", equalTo(false));
        GraphQL.post(admin, "query($m: ID) { auditLog(memberId: $m) { edges { node { partnerId } } } }",
                Map.of("m", member.id.toString())).body("data.auditLog.edges.size()", equalTo(3));
    }

    // ---- bad input: VALIDATION, and nothing changed

    private void refusedAndNothingChanged(Map<String, Object> input, String mentioned) {
        int partners = partnerCount();
        int actions = adminActionCount();
        GraphQL.post(admin, ONBOARD, Map.of("input", input))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString(mentioned));
        assertEquals(partners, partnerCount(), "a refused onboarding created a partner");
        assertEquals(actions, adminActionCount(), "a refused onboarding left an admin action");
    }

    @Test
    void anHttpPolicyUrlIsRefused() {
        Map<String, Object> input = input(Fixtures.unique("http"));
        input.put("policyUrl", "http://insecure.example/privacy");
        refusedAndNothingChanged(input, "policyUrl");
    }

    /** Names members read must say what they show: no direction overrides or isolates, no invisible characters. */
    @Test
    void invisibleAndDirectionCharactersInADisplayNameAreRefused() {
        for (String bad : List.of("Nordic \u202ERail", "Nordic \u202ARail\u202C", "Nordic \u2066Rail\u2069",
                "Nordic\u200BRail", "Nordic\u200DRail", "Nordic\u200ERail", "\uFEFFNordic Rail", "Nordic\u2060Rail",
                "Nordic\u00ADRail", "\u3164", "Nordic Rail\uDB40\uDC20")) {
            Map<String, Object> input = input(Fixtures.unique("bidi"));
            input.put("displayName", bad);
            refusedAndNothingChanged(input, "Field 'displayName'");
        }
        // Scripts that run right to left need no control character: they are names like any other.
        Map<String, Object> input = input(Fixtures.unique("rtl"));
        input.put("displayName", "\u05E8\u05DB\u05D1\u05EA \u05E6\u05E4\u05D5\u05DF Nordic");
        GraphQL.post(admin, ONBOARD, Map.of("input", input)).body("errors", nullValue());
    }

    /** A URL's port is a port: 1 to 65535, written without leading zeros. */
    @Test
    void aPortOutsideOneTo65535IsRefused() {
        for (String field : List.of("policyUrl", "logoUrl")) {
            for (String url : List.of("https://nordic.example:99999/privacy", "https://nordic.example:65536/",
                    "https://nordic.example:0/privacy", "https://nordic.example:/privacy",
                    "https://nordic.example:08080/", "https://nordic.example:443:443/", "https://nordic.example:-1/",
                    "https://nordic.example:2147483648/")) {
                Map<String, Object> input = input(Fixtures.unique("port"));
                input.put(field, url);
                refusedAndNothingChanged(input, "Field '" + field + "'");
            }
        }
        Map<String, Object> input = input(Fixtures.unique("port"));
        input.put("policyUrl", "https://nordic.example:65535/privacy");
        input.put("logoUrl", "https://[2001:db8::1]:8443/logo.png");
        GraphQL.post(admin, ONBOARD, Map.of("input", input)).body("errors", nullValue());
    }

    /** Twenty co-brand hosts at most, as the partner schema says. */
    @Test
    void aPartnerHasAtMostTwentyHosts() {
        String id = Fixtures.unique("hosts");
        Map<String, Object> input = input(id);
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hosts.add("h" + i + "." + id + ".example");
        }
        input.put("hosts", hosts);
        refusedAndNothingChanged(input, "Field 'hosts'");
        input.put("hosts", hosts.subList(0, 21));
        refusedAndNothingChanged(input, "Field 'hosts'");
        input.put("hosts", hosts.subList(0, 20));
        GraphQL.post(admin, ONBOARD, Map.of("input", input)).body("errors", nullValue());
    }

    @Test
    void aDuplicateIdIsRefused() {
        Partner existing = fixtures.partner(Fixtures.unique("dup"));
        Map<String, Object> input = input(existing.id);
        input.put("clientId", Fixtures.unique("other-client"));
        input.put("hosts", List.of(Fixtures.unique("other") + ".marketplace.example"));
        refusedAndNothingChanged(input, "'id'");
    }

    @Test
    void aDuplicateClientIdIsRefused() {
        Partner existing = fixtures.partner(Fixtures.unique("dupc"));
        Map<String, Object> input = input(Fixtures.unique("fresh"));
        input.put("clientId", existing.clientId);
        refusedAndNothingChanged(input, "clientId");
    }

    @Test
    void aHostOfAnotherPartnerIsRefused() {
        Partner existing = fixtures.partner(Fixtures.unique("duph"));
        Map<String, Object> input = input(Fixtures.unique("fresh"));
        input.put("hosts", List.of(existing.id + ".marketplace.example"));
        refusedAndNothingChanged(input, "hosts");
    }

    @Test
    void anUnknownCategoryIsRefused() {
        Map<String, Object> input = input(Fixtures.unique("cat"));
        input.put("requests", List.of(Map.of("category", "SHOE_SIZE", "purpose", "ORDER_FULFILLMENT", "level", "FULL",
                "justification", "Shoes.")));
        refusedAndNothingChanged(input, "SHOE_SIZE");
    }

    @Test
    void aCardAtFullForANonProcessorIsRefused() {
        Map<String, Object> input = input(Fixtures.unique("card"));
        input.put("requests", List.of(Map.of("category", "PAYMENT_CARD", "purpose", "PAYMENT_PROCESSING", "level", "FULL",
                "justification", "Payments.")));
        refusedAndNothingChanged(input, "requests[0].level");
    }

    @Test
    void aSuspensionWithoutReasonIsRefused() {
        Partner partner = fixtures.partner(Fixtures.unique("nor"));
        GraphQL.post(admin, "mutation { suspendPartner(id: \"" + partner.id + "\", reason: \" \") { status } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        GraphQL.post(Tokens.partner(partner.clientId), "{ partner { status } }").body("data.partner.status", equalTo("ACTIVE"));
    }

    @Test
    void anUnknownPartnerIsRefused() {
        GraphQL.post(admin, "mutation { suspendPartner(id: \"no-such-partner\", reason: \"x\") { status } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void nonAdminsAreForbiddenAndAnonymousUnauthenticated() {
        Partner partner = fixtures.partner(Fixtures.unique("nonadm"));
        for (String token : List.of(Tokens.partner(partner.clientId), Tokens.member("someone"))) {
            GraphQL.post(token, PARTNERS).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
            GraphQL.post(token, "mutation { suspendPartner(id: \"" + partner.id + "\", reason: \"x\") { status } }")
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        }
        GraphQL.post(null, "{ auditLog { edges { cursor } } }").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        GraphQL.post(Tokens.partner(partner.clientId), "{ partner { status } }").body("data.partner.status", equalTo("ACTIVE"));
    }

    @Test
    void aMalformedCursorIsRefused() {
        GraphQL.post(admin, "{ adminActions(after: \"not-a-cursor\") { edges { cursor } } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("'after'"));
        GraphQL.post(admin, "{ auditLog(memberId: \"not-a-uuid\") { edges { cursor } } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("'memberId'"));
    }
}
