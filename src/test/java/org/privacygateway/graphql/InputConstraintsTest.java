package org.privacygateway.graphql;

import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * The rules of GraphQL inputs are Bean Validation constraints on the inputs; a broken one reaches the caller as a
 * VALIDATION error that names the argument or field, in the gateway's words, with nothing of the validator in it.
 */
@QuarkusTest
class InputConstraintsTest {

    static final String PROFILE = "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { email } }";
    static final String PUBLISH = "mutation($in: PolicyVersionInput!) { publishPolicyVersion(input: $in) { version } }";
    static final String SUSPEND = "mutation($id: ID!, $r: String!) { suspendPartner(id: $id, reason: $r) { status } }";

    @Inject
    Fixtures fixtures;

    final String admin = Tokens.admin("ada");

    private static ValidatableResponse refused(ValidatableResponse response, String named, String why) {
        return response
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions", aMapWithSize(1))
                .body("errors[0].message", containsString(named))
                .body("errors[0].message", containsString(why))
                .body("errors[0].message", not(containsString("jakarta")))
                .body("errors[0].message", not(containsString("Constraint")))
                .body("errors[0].message", not(containsString("arg")));
    }

    private String member() {
        Member m = fixtures.member("Rules");
        return Tokens.member(m.subject);
    }

    @Test
    void aMemberEmailMustBeAnEmailAddress() {
        refused(GraphQL.post(member(), PROFILE, Map.of("in", Map.of("email", "not-an-address"))),
                "Field 'email'", "is not an email address");
    }

    @Test
    void aNestedFieldIsNamedByItsPath() {
        refused(GraphQL.post(member(), PROFILE, Map.of("in", Map.of("address", Map.of("country", "ZZ")))),
                "Field 'address.country'", "ISO 3166");
        refused(GraphQL.post(member(), PROFILE, Map.of("in", Map.of("company", Map.of("name", "x".repeat(201))))),
                "Field 'company.name'", "longer than 200 characters");
    }

    @Test
    void controlCharactersAreRefusedBySafeText() {
        refused(GraphQL.post(member(), PROFILE, Map.of("in", Map.of("name", Map.of("given", "A\u0000da")))),
                "Field 'name.given'", "control characters");
    }

    /**
     * A one-line value carries no invisible or direction-changing character; free text may carry the joiners and
     * marks that scripts and emoji need, but no override or isolate.
     */
    @Test
    void invisibleAndDirectionCharactersAreRefusedBySafeText() {
        for (String bad : List.of("A\u202Eda", "A\u200Bda", "A\u2067da", "\uFEFFAda", "A\u200Dda")) {
            refused(GraphQL.post(member(), PROFILE, Map.of("in", Map.of("name", Map.of("given", bad)))),
                    "Field 'name.given'", "invisible");
        }
        Partner p = fixtures.partner(Fixtures.unique("prose"));
        for (String bad : List.of("Breach \u202Eof terms", "Breach \u2066of\u2069 terms", "Breach\u200Bof terms")) {
            refused(GraphQL.post(admin, SUSPEND, Map.of("id", p.id, "r", bad)), "Argument 'reason'", "invisible");
        }
        GraphQL.post(admin, SUSPEND, Map.of("id", p.id, "r", "Breach \uD83D\uDC69\u200D\uD83D\uDCBB \u05D0\u200F"))
                .body("errors", nullValue());
    }

    @Test
    void aBlankValueStillClearsAField() {
        GraphQL.post(member(), PROFILE, Map.of("in", Map.of("email", "", "phone", " ")))
                .body("errors", nullValue());
    }

    @Test
    void aPolicyVersionNeedsASummaryAndAnHttpsUrl() {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("version", 9200, "url", "https://privacy-gateway.example/p",
                "summary", "  ", "effectiveAt", Instant.now().plus(Duration.ofDays(60)).toString(),
                "matrix", List.of(Map.of("category", "EMAIL", "purposes", List.of("ORDER_FULFILLMENT")))));
        refused(GraphQL.post(admin, PUBLISH, Map.of("in", input)), "Field 'summary'", "is required");
        input.put("summary", "A summary.");
        input.put("url", "http://privacy-gateway.example/p");
        refused(GraphQL.post(admin, PUBLISH, Map.of("in", input)), "Field 'url'", "https://");
    }

    @Test
    void aSuspensionNeedsAReason() {
        Partner p = fixtures.partner(Fixtures.unique("rules"));
        refused(GraphQL.post(admin, SUSPEND, Map.of("id", p.id, "r", " ")), "Argument 'reason'", "is required");
        refused(GraphQL.post(admin, SUSPEND, Map.of("id", p.id, "r", "x".repeat(2001))), "Argument 'reason'",
                "longer than 2000 characters");
    }

    @Test
    void disclosuresAndGuardianRecordsNeedTheirFieldsInPlainText() {
        Member m = fixtures.member("Disclosed");
        String disclose = "mutation($in: DisclosureInput!) { recordDisclosure(input: $in) { kind } }";
        Map<String, Object> input = new java.util.HashMap<>(Map.of("memberId", m.id.toString(), "categories", List.of("EMAIL"),
                "recipient", "Court", "legalBasis", " ", "reference", "R-1"));
        refused(GraphQL.post(admin, disclose, Map.of("in", input)), "Field 'legalBasis'", "legal basis");
        input.put("legalBasis", "Order\u0000");
        refused(GraphQL.post(admin, disclose, Map.of("in", input)), "Field 'legalBasis'", "");
        String guardian = "mutation($in: GuardianRequestInput!) { recordGuardianRequest(input: $in) { kind } }";
        refused(GraphQL.post(admin, guardian, Map.of("in", Map.of("memberId", m.id.toString(), "reference", "x".repeat(201)))),
                "Field 'reference'", "");
        String correct = "mutation($in: BirthDateCorrectionInput!) { correctMemberBirthDate(input: $in) { kind } }";
        refused(GraphQL.post(admin, correct, Map.of("in", Map.of("memberId", m.id.toString(), "birthDate", "1990-01-01",
                "verificationReference", ""))), "Field 'verificationReference'", "is required");
    }
}
