package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.LogCapture;
import org.privacygateway.support.Tokens;

/**
 * Every text input of every mutation, sent over-long and with control characters (NUL, ESC): each is refused as
 * VALIDATION naming the field, and none of the values appears anywhere in the server log.
 */
@QuarkusTest
class PersonalDataLogTest {

    @Inject
    Fixtures fixtures;

    final String admin = Tokens.admin("ada");
    final List<String> canaries = new ArrayList<>();

    /** A value unique to one case, searchable in the log: lower-case letters and digits only. */
    String canary() {
        String c = "cnry" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        canaries.add(c);
        return c;
    }

    /** The bad values of a field: one just over its limit, and two with a control character in the middle. */
    List<String> badValues(int limit, Function<String, String> shape) {
        List<String> values = new ArrayList<>();
        String longOne = shape.apply(canary());
        values.add(longOne + "x".repeat(Math.max(1, limit + 1 - longOne.length())));
        values.add(shape.apply(canary() + "\u0000" + canary()));
        values.add(shape.apply(canary() + "\u001b[2J" + canary()));
        return values;
    }

    List<String> badValues(int limit) {
        return badValues(limit, v -> v);
    }

    void refused(String token, String query, Map<String, Object> variables, String field) {
        var response = GraphQL.post(token, query, variables).extract();
        assertEquals("VALIDATION", response.path("errors[0].extensions.code"), field + ": " + response.asString());
        String message = response.path("errors[0].message");
        assertTrue(message.contains("'" + field + "'"), field + ": the message must name the field: " + message);
        for (String c : canaries) {
            assertTrue(!response.asString().contains(c) || field.equals("id") || field.equals("partnerId"),
                    field + ": the answer repeats the value");
        }
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    @Test
    void noMutationInputReachesTheLog() {
        try (LogCapture log = LogCapture.start()) {
            memberMutations();
            adminMutations();
            publicQueries();
            // The capture works: the one valid onboarding of the run was logged.
            assertTrue(log.entries().stream().anyMatch(e -> e.text().contains("onboarded")), "nothing was captured");
            List<LogCapture.Entry> leaks = log.mentioning(canaries);
            assertTrue(leaks.isEmpty(), "values of the requests in the log: " + leaks);
        }
    }

    void memberMutations() {
        Partner partner = fixtures.partner(Fixtures.unique("logp"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Log");
        String token = Tokens.member(member.subject);
        String update = "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { id } }";
        for (String field : List.of("given", "family")) {
            for (String bad : badValues(200)) {
                refused(token, update, Map.of("in", Map.of("name", Map.of(field, bad))), "name." + field);
            }
        }
        for (String bad : badValues(320, v -> v + "@mail.example")) {
            refused(token, update, Map.of("in", Map.of("email", bad)), "email");
        }
        for (String bad : badValues(320, v -> "someone@" + v + ".example")) {
            refused(token, update, Map.of("in", Map.of("email", bad)), "email");
        }
        for (String bad : badValues(32, v -> "+46 70" + v)) {
            refused(token, update, Map.of("in", Map.of("phone", bad)), "phone");
        }
        Map<String, Integer> addressLimits = Map.of("street", 400, "city", 200, "region", 200, "postalCode", 32,
                "country", 200);
        addressLimits.forEach((field, limit) -> {
            for (String bad : badValues(limit)) {
                refused(token, update, Map.of("in", Map.of("address", Map.of(field, bad))), "address." + field);
                refused(token, update, Map.of("in", Map.of("company", Map.of("name", "Acme", "address", Map.of(field, bad)))),
                        "company.address." + field);
            }
        });
        for (String bad : badValues(200)) {
            refused(token, update, Map.of("in", Map.of("company", Map.of("name", bad))), "company.name");
        }
        String grant = "mutation($in: GrantConsentInput!) { grantConsent(input: $in) { receiptId } }";
        String revoke = "mutation($p: ID!) { revokeConsent(partnerId: $p) { receiptId } }";
        for (String bad : badValues(64)) {
            refused(token, grant, Map.of("in", Map.of("partnerId", bad, "category", "EMAIL", "purpose", "ORDER_FULFILLMENT",
                    "level", "FULL")), "partnerId");
            refused(token, revoke, Map.of("p", bad), "partnerId");
        }
        // The member's data is as it was.
        Member after = fixtures.reload(member.id);
        assertEquals(member.givenName, after.givenName);
        assertEquals(member.email, after.email);
        assertTrue(fixtures.consents(member.id).isEmpty(), "nothing was granted to " + partner.id);
    }

    void adminMutations() {
        String onboard = "mutation($input: PartnerInput!) { onboardPartner(input: $input) { id } }";
        String update = "mutation($id: ID!, $input: PartnerInput!) { updatePartner(id: $id, input: $input) { partner { id } } }";
        String id = Fixtures.unique("logpart");
        Map<String, Object> valid = AdminGraphQLTest.input(id);
        Map<String, Integer> limits = Map.of("displayName", 200, "clientId", 200, "kind", 64, "id", 64,
                "privacyContact", 320);
        limits.forEach((field, limit) -> {
            for (String bad : badValues(limit)) {
                refused(admin, onboard, Map.of("input", with(valid, field, bad)), field);
            }
        });
        for (String bad : badValues(2000, v -> "https://" + id + ".example/" + v)) {
            refused(admin, onboard, Map.of("input", with(valid, "policyUrl", bad)), "policyUrl");
            refused(admin, onboard, Map.of("input", with(valid, "logoUrl", bad)), "logoUrl");
        }
        for (String bad : badValues(253, v -> v + ".marketplace.example")) {
            refused(admin, onboard, Map.of("input", with(valid, "hosts", List.of(bad))), "hosts[0]");
        }
        for (String bad : badValues(2000)) {
            refused(admin, onboard, Map.of("input", with(valid, "requests", List.of(Map.of("category", "EMAIL",
                    "purpose", "ORDER_FULFILLMENT", "level", "FULL", "justification", bad)))), "requests[0].justification");
        }
        GraphQL.post(admin, onboard, Map.of("input", valid)).body("errors", org.hamcrest.Matchers.nullValue());
        for (String bad : badValues(200)) {
            refused(admin, update, Map.of("id", id, "input", with(valid, "displayName", bad)), "displayName");
        }
        for (String bad : badValues(64)) {
            refused(admin, update, Map.of("id", bad, "input", valid), "id");
            refused(admin, "mutation($id: ID!) { suspendPartner(id: $id, reason: \"Breach\") { id } }", Map.of("id", bad), "id");
            refused(admin, "mutation($id: ID!) { reactivatePartner(id: $id) { id } }", Map.of("id", bad), "id");
        }
        for (String bad : badValues(2000)) {
            refused(admin, "mutation($id: ID!, $r: String!) { suspendPartner(id: $id, reason: $r) { id } }",
                    Map.of("id", id, "r", bad), "reason");
        }
        String publish = "mutation($in: PolicyVersionInput!) { publishPolicyVersion(input: $in) { version } }";
        Map<String, Object> draft = Map.of("version", 9000, "url", "https://privacy-gateway.example/policy/v9000",
                "summary", "A summary.", "effectiveAt", java.time.Instant.now().plus(java.time.Duration.ofDays(60)).toString(),
                "matrix", List.of(Map.of("category", "EMAIL", "purposes", List.of("ORDER_FULFILLMENT"))));
        for (String bad : badValues(2000, v -> "https://privacy-gateway.example/" + v)) {
            refused(admin, publish, Map.of("in", with(draft, "url", bad)), "url");
        }
        for (String bad : badValues(4000)) {
            refused(admin, publish, Map.of("in", with(draft, "summary", bad)), "summary");
        }
        Member member = fixtures.member("Disc");
        String disclose = "mutation($in: DisclosureInput!) { recordDisclosure(input: $in) { kind } }";
        Map<String, Object> disclosure = Map.of("memberId", member.id.toString(), "categories", List.of("NAME"),
                "recipient", "A court", "legalBasis", "Court order", "reference", "T 1-26");
        for (String field : List.of("recipient", "legalBasis", "reference")) {
            for (String bad : badValues(200)) {
                refused(admin, disclose, Map.of("in", with(disclosure, field, bad)), field);
            }
        }
        for (String bad : badValues(200)) {
            refused(admin, "mutation($in: GuardianRequestInput!) { recordGuardianRequest(input: $in) { kind } }",
                    Map.of("in", Map.of("memberId", member.id.toString(), "reference", bad)), "reference");
        }
    }

    void publicQueries() {
        String coBrand = "query($h: String!) { coBrand(host: $h) { partnerName } }";
        for (String bad : badValues(253, v -> v + ".marketplace.example")) {
            refused(null, coBrand, Map.of("h", bad), "host");
        }
    }
}
