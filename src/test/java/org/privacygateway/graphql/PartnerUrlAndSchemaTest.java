package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.net.URL;
import java.util.Map;

import jakarta.inject.Inject;

import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** Policy links name their real host (no user information); the schema file is for partners and admins only. */
@QuarkusTest
class PartnerUrlAndSchemaTest {

    static final String ONBOARD = "mutation($input: PartnerInput!) { onboardPartner(input: $input) { id } }";
    static final String UPDATE = "mutation($id: ID!, $input: PartnerInput!) { updatePartner(id: $id, input: $input) { partner { id } } }";
    static final String PUBLISH = "mutation($in: PolicyVersionInput!) { publishPolicyVersion(input: $in) { version } }";

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/consent")
    URL consentUrl;

    @io.quarkus.test.oidc.server.OidcWireMock
    com.github.tomakehurst.wiremock.WireMockServer oidc;

    final String admin = Tokens.admin("ada");

    @Test
    void theAdminApiRefusesUrlsWithUserInformation() {
        String id = Fixtures.unique("userinfo");
        for (String field : new String[] {"policyUrl", "logoUrl"}) {
            for (String bad : new String[] {"https://www.skyway-travel.example@evil.example/",
                    "https://user:secret@evil.example/privacy"}) {
                Map<String, Object> input = new java.util.HashMap<>(AdminGraphQLTest.input(id));
                input.put(field, bad);
                GraphQL.post(admin, ONBOARD, Map.of("input", input))
                        .body("errors[0].extensions.code", equalTo("VALIDATION"))
                        .body("errors[0].message", containsString("'" + field + "'"))
                        .body("errors[0].message", containsString("user information"));
            }
        }
        GraphQL.post(admin, ONBOARD, Map.of("input", AdminGraphQLTest.input(id))).body("errors", org.hamcrest.Matchers.nullValue());
        Map<String, Object> input = new java.util.HashMap<>(AdminGraphQLTest.input(id));
        input.put("policyUrl", "https://www.skyway-travel.example@evil.example/");
        GraphQL.post(admin, UPDATE, Map.of("id", id, "input", input))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("'policyUrl'"));
        GraphQL.post(admin, PUBLISH, Map.of("in", Map.of("version", 9100,
                "url", "https://privacy-gateway.example@evil.example/policy", "summary", "A summary.",
                "effectiveAt", java.time.Instant.now().plus(java.time.Duration.ofDays(60)).toString(),
                "matrix", java.util.List.of(Map.of("category", "EMAIL", "purposes", java.util.List.of("ORDER_FULFILLMENT"))))))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("'url'"));
    }

    @Test
    void membersSeeThePolicyHostBesideTheLink() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("host"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        // The test OIDC server's login page signs in a member (realm role, as Keycloak issues it).
        org.privacygateway.support.ConsentLogin.onCode(oidc, org.privacygateway.support.ConsentLogin.LOGIN_PAGE_CODE,
                "123456", Tokens.realmRoles("member"));
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            browser.setCssErrorHandler(new SilentCssErrorHandler());
            HtmlPage loginPage = browser.getPage(consentUrl);
            HtmlForm form = loginPage.getForms().get(0);
            form.getInputByName("username").setValue("member");
            form.getInputByName("password").setValue("secret");
            form.getInputByValue("login").click();
            // The partner's own page in the consent center (the overview is paged once there are many partners).
            HtmlPage page = browser.getPage(new URL(consentUrl, "/consent/partners/" + p.id));
            String card = page.getElementById("main").asNormalizedText();
            assertTrue(card.contains("Read the privacy policy of " + p.displayName + " on " + p.id + ".example"), card);
        }
    }

    @Test
    void theSchemaFileIsForPartnersAndAdminsOnly() {
        Partner p = fixtures.partner(Fixtures.unique("schema"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        given().get("/graphql/schema.graphql").then().statusCode(401);
        given().auth().oauth2(Tokens.member(Fixtures.unique("schema-member"))).get("/graphql/schema.graphql").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.clientWithoutPartnerRole(p.clientId)).get("/graphql/schema.graphql").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.partner(p.clientId)).get("/graphql/schema.graphql").then().statusCode(200)
                .body(containsString("consentChanges"));
        given().auth().oauth2(admin).get("/graphql/schema.graphql").then().statusCode(200)
                .body(containsString("onboardPartner"));
    }
}
