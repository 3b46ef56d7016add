package org.privacygateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

import org.privacygateway.member.Member;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** The profile page loses nothing, and says everything that is wrong at once, in plain words, keeping what was typed. */
@QuarkusTest
class ProfilePageTest {

    @TestHTTPResource("/")
    URL base;

    @OidcWireMock
    WireMockServer oidc;

    @Inject
    Fixtures fixtures;

    PageBrowser browser;

    @BeforeEach
    void signIn() throws Exception {
        browser = PageBrowser.signedIn(oidc, base, null);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    Member me() {
        return fixtures.memberBySubject(browser.subject);
    }

    JsonNode export() throws Exception {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(
                browser.client.getPage(new URL(base, "/consent/export")).getWebResponse().getContentAsString());
        doc.remove("exportedAt");
        return doc;
    }

    @Test
    void savingThePageUnchangedChangesNothing() throws Exception {
        me();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", Map.of("given", "Bob", "family", "Okafor"));
        input.put("email", "bob.okafor@mail.example");
        input.put("phone", "+44 20 7946 0958");
        input.put("address", Map.of("street", "14 Canal Street", "city", "Manchester", "region", "Greater Manchester",
                "postalCode", "M1 3HE", "country", "GB"));
        input.put("company", Map.of("name", "Okafor Joinery Ltd", "address", Map.of("street", "3 Mill Lane",
                "city", "Salford", "region", "Greater Manchester", "postalCode", "M5 4WT", "country", "GB")));
        input.put("birthDate", "1985-06-15");
        GraphQL.post(Tokens.member(browser.subject), "mutation($input: ProfileInput!) { updateMyProfile(input: $input) { id } }",
                Map.of("input", input)).statusCode(200).body("errors", org.hamcrest.Matchers.nullValue());
        JsonNode before = export();

        HtmlPage profile = browser.open("/consent/profile");
        assertEquals("3 Mill Lane", profile.<HtmlInput>getHtmlElementById("companyStreet").getValue());
        HtmlPage saved = PageBrowser.submit(PageBrowser.form(profile, "/consent/profile"));
        assertEquals(200, saved.getWebResponse().getStatusCode(), saved.asNormalizedText());
        assertEquals(before, export(), "saving the page unchanged must change nothing");
        Member m = me();
        assertEquals("3 Mill Lane", m.companyStreet);
        assertEquals("Salford", m.companyCity);
        assertEquals("M5 4WT", m.companyPostalCode);
    }

    @Test
    void theCompanyAddressIsEditableAndOtherSectionsStayAsTheyWere() throws Exception {
        fixtures.update(me().id, x -> {
            x.companyName = "Keep AB";
            x.companyStreet = "Old Street 1";
            x.companyCity = "Lund";
            x.companyCountry = "SE";
            x.email = "keep@mail.example";
            x.emailPolicyVersion = 1;
        });
        HtmlPage profile = browser.open("/consent/profile");
        HtmlForm form = PageBrowser.form(profile, "/consent/profile");
        form.getInputByName("companyStreet").setValue("New Street 2");
        form.getInputByName("companyPostalCode").setValue("222 22");
        HtmlPage saved = PageBrowser.submit(form);
        assertTrue(saved.asNormalizedText().contains("Your profile was saved."), saved.asNormalizedText());
        Member m = me();
        assertEquals("Keep AB", m.companyName);
        assertEquals("New Street 2", m.companyStreet);
        assertEquals("222 22", m.companyPostalCode);
        assertEquals("Lund", m.companyCity);
        assertEquals("SE", m.companyCountry);
        assertEquals("keep@mail.example", m.email);
    }

    @Test
    void everyErrorIsShownAtOnceInPlainWordsBesideItsMarkedFieldWithTheTypedValuesKept() throws Exception {
        fixtures.update(me().id, x -> x.email = "kept@mail.example");
        HtmlForm form = PageBrowser.form(browser.open("/consent/profile"), "/consent/profile");
        form.getInputByName("email").setValue("not an email");
        form.getInputByName("phone").setValue("call me maybe");
        form.getInputByName("country").setValue("Sweden");
        form.getInputByName("companyCountry").setValue("XYZ");
        form.getInputByName("given").setValue("Typed Name");
        HtmlPage result = PageBrowser.submit(form);
        assertEquals(400, result.getWebResponse().getStatusCode());

        DomElement summary = result.getElementById("error-summary");
        assertNotNull(summary, result.asNormalizedText());
        assertEquals("alert", summary.getAttribute("role"));
        assertTrue(summary.asNormalizedText().contains("There are problems with 4 fields"), summary.asNormalizedText());
        Map<String, String> expected = Map.of("email", "Enter an email address such as name@example.com.",
                "phone", "Enter a phone number", "country", "Enter a two-letter country code",
                "companyCountry", "Enter a two-letter country code");
        expected.forEach((field, words) -> {
            HtmlInput input = result.getHtmlElementById(field);
            assertEquals("true", input.getAttribute("aria-invalid"), field);
            String describedBy = input.getAttribute("aria-describedby");
            DomElement message = result.getElementById(describedBy);
            assertNotNull(message, field + " has no message");
            assertTrue(message.asNormalizedText().startsWith(words), field + ": " + message.asNormalizedText());
        });
        assertEquals("not an email", result.<HtmlInput>getHtmlElementById("email").getValue());
        assertEquals("Typed Name", result.<HtmlInput>getHtmlElementById("given").getValue());
        assertFalse(result.<HtmlInput>getHtmlElementById("given").hasAttribute("aria-invalid"));
        String text = result.asNormalizedText();
        assertFalse(text.contains("Field '") || text.contains("Argument") || text.contains("address."), text);
        assertEquals("kept@mail.example", me().email, "nothing is saved while anything is wrong");
        // The form's answer has the address of a post: the language switch leads to the profile page itself.
        assertEquals("/consent/profile?lang=zh", result.getAnchorByText("简体中文").getHrefAttribute());
    }
}
