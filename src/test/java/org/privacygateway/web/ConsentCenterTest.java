package org.privacygateway.web;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.net.URL;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.ConsentLogin;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * The consent center driven as a browser would, without JavaScript: log in through the OIDC login page, grant,
 * see the preview change, revoke, read the history, correct the profile, erase.
 */
@QuarkusTest
class ConsentCenterTest {

    /** The subject the test OIDC server's login page signs in. */
    static final String SUBJECT = "123456";

    @TestHTTPResource("/consent")
    URL consentUrl;

    @Inject
    Fixtures fixtures;

    WebClient browser;

    @OidcWireMock
    WireMockServer oidc;

    @BeforeEach
    void openBrowser() {
        // The test OIDC server's login page signs in SUBJECT, a member (realm role, as Keycloak issues it).
        ConsentLogin.onCode(oidc, ConsentLogin.LOGIN_PAGE_CODE, SUBJECT, Tokens.realmRoles("member"));
        browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setRedirectEnabled(true);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.setCssErrorHandler(new SilentCssErrorHandler());
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    HtmlPage login() throws Exception {
        HtmlPage loginPage = browser.getPage(consentUrl);
        HtmlForm form = loginPage.getForms().get(0);
        form.getInputByName("username").setValue("member");
        form.getInputByName("password").setValue("secret");
        HtmlPage page = form.getInputByValue("login").click();
        assertEquals(200, page.getWebResponse().getStatusCode(), page.asNormalizedText());
        assertTrue(page.getTitleText().contains("Your data and our partners"), page.getTitleText());
        return page;
    }

    Member me() {
        return fixtures.memberBySubject(SUBJECT);
    }

    /** The form posting to {@code action}: every page also has the sign-out form in its header. */
    static HtmlForm form(HtmlPage page, String action) {
        for (HtmlForm f : page.getForms()) {
            if (action.equals(f.getActionAttribute())) {
                return f;
            }
        }
        throw new AssertionError("no form posting to " + action + " on " + page.getUrl());
    }

    static HtmlButton button(HtmlPage page, String ariaLabel) {
        for (DomElement b : page.getElementsByTagName("button")) {
            if (ariaLabel.equals(b.getAttribute("aria-label"))) {
                return (HtmlButton) b;
            }
        }
        throw new AssertionError("no button '" + ariaLabel + "' on " + page.getUrl());
    }

    String partnerEmail(Partner p, Member m) {
        return GraphQL.post(Tokens.partner(p.clientId), "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }",
                Map.of("id", fixtures.pairwise(p, m))).extract().path("data.member.email");
    }

    @Test
    void grantSeeThePreviewChangeRevokeAndSeeTheReadInTheHistory() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("web"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, PARTIAL));
        login();
        Member m = me();
        fixtures.update(m.id, x -> {
            x.email = "web.member@mail.example";
            x.givenName = "Wendy";
            x.familyName = "Webster";
            x.stamp(EMAIL, 1);
            x.stamp(NAME, 1);
        });
        // The partner's page, from the overview: the policy link comes before any control.
        HtmlPage page = browser.getPage(new URL(consentUrl, "/consent/partners/" + p.id));
        assertEquals(200, page.getWebResponse().getStatusCode());
        String html = page.getElementById("main").asXml();
        int policyLink = html.indexOf("Read the privacy policy of " + p.displayName);
        int firstButton = html.indexOf("<button");
        assertTrue(policyLink > 0 && policyLink < firstButton, "the policy link must come before any control");
        assertTrue(html.contains(p.policyUrl));
        assertTrue(html.contains(p.id + ".marketplace.example"));
        assertTrue(page.asNormalizedText().contains("Not allowed"));

        String control = p.id + "-EMAIL-ORDER_FULFILLMENT";
        page = button(page, "Allow " + p.displayName + " to see your email address to deliver what you order").click();
        String row = page.getElementById(control).asNormalizedText();
        assertTrue(row.contains(p.displayName + " can now see your email address to deliver what you order"), row);
        String preview = page.getElementById("preview").asNormalizedText();
        assertTrue(preview.contains("web.member@mail.example"), preview);
        assertTrue(preview.contains("you allowed it"), preview);
        assertEquals("web.member@mail.example", partnerEmail(p, m));

        // The receipt downloads as JSON.
        String receiptHref = page.getAnchorByText("Download the receipt").getHrefAttribute();
        Page receipt = browser.getPage(new URL(consentUrl, receiptHref));
        assertTrue(receipt.getWebResponse().getContentAsString().contains("\"privacyPolicyUrl\" : \"" + p.policyUrl + "\""));

        page = button(page, "Stop sharing your email address with " + p.displayName + " to deliver what you order").click();
        assertTrue(page.getElementById(control).asNormalizedText().contains(p.displayName + " can no longer see your email address"));
        assertNull(partnerEmail(p, m), "the revocation must mask the very next partner request");

        HtmlPage history = browser.getPage(new URL(consentUrl, "/consent/history"));
        String historyText = history.asNormalizedText();
        assertTrue(historyText.contains(p.displayName), historyText);
        assertTrue(historyText.contains("your email address (in full)"), historyText);
        assertTrue(historyText.contains("to deliver what you order"), historyText);
        assertTrue(historyText.contains("kept for 400 days"), historyText);
        // The partner's own page lists its reads too.
        assertTrue(browser.<HtmlPage>getPage(new URL(consentUrl, "/consent/partners/" + p.id)).getElementById("history")
                .asNormalizedText().contains("your email address (in full)"));
    }

    @Test
    void narrowedRequestsShowAsNotInEffect() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("narrow"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, FULL));
        login();
        fixtures.grant(me(), p, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.setRequests(p.id, request(NAME, ORDER_FULFILLMENT, FULL));
        String text = browser.<HtmlPage>getPage(new URL(consentUrl, "/consent/partners/" + p.id)).asNormalizedText();
        assertTrue(text.contains("no longer asks for it, so nothing is shared"), text);
    }

    @Test
    void theProfileFormCannotLiftAMinorsProtection() throws Exception {
        login();
        java.time.LocalDate recorded = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(11);
        fixtures.update(me().id, x -> x.birthDate = recorded);
        try {
            HtmlPage profile = browser.getPage(new URL(consentUrl, "/consent/profile"));
            assertTrue(profile.asNormalizedText().contains("a parent or guardian must contact our support"),
                    profile.asNormalizedText());
            // The layout's sign-out form comes first on every page: take the profile form by its action.
            HtmlForm form = profile.getForms().stream()
                    .filter(f -> f.getActionAttribute().equals("/consent/profile")).findFirst().orElseThrow();
            form.getInputByName("birthDate").setValue("1990-01-01");
            HtmlPage result = form.getOneHtmlElementByAttribute("button", "type", "submit").click();
            assertEquals(400, result.getWebResponse().getStatusCode());
            assertNotNull(result.getElementById("birthDate-error"), result.asNormalizedText());
            assertEquals(recorded, me().birthDate);
        } finally {
            fixtures.update(me().id, x -> x.birthDate = null);
        }
    }

    @Test
    void theEraseSectionTellsAChildWhatErasureKeeps() throws Exception {
        login();
        String keeps = "erasing keeps one thing more: a coded marker of your login";
        assertFalse(browser.<HtmlPage>getPage(new URL(consentUrl, "/consent/data")).asNormalizedText().contains(keeps));
        fixtures.update(me().id, x -> x.birthDate = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(9));
        try {
            String text = browser.<HtmlPage>getPage(new URL(consentUrl, "/consent/data")).asNormalizedText();
            assertTrue(text.contains(keeps), text);
        } finally {
            fixtures.update(me().id, x -> x.birthDate = null);
        }
    }

    @Test
    void aBadProfileValueIsShownNextToItsFieldAndNothingChanges() throws Exception {
        login();
        fixtures.update(me().id, x -> x.email = "kept@mail.example");
        HtmlPage profile = browser.getPage(new URL(consentUrl, "/consent/profile"));
        HtmlForm form = form(profile, "/consent/profile");
        form.getInputByName("email").setValue("not an email");
        HtmlPage result = form.getOneHtmlElementByAttribute("button", "type", "submit").click();
        assertEquals(400, result.getWebResponse().getStatusCode());
        assertNotNull(result.getElementById("email-error"), result.asNormalizedText());
        assertEquals("kept@mail.example", me().email);

        form = form(result, "/consent/profile");
        form.getInputByName("email").setValue("fixed@mail.example");
        form.getInputByName("country").setValue("se");
        result = form.getOneHtmlElementByAttribute("button", "type", "submit").click();
        assertTrue(result.asNormalizedText().contains("Your profile was saved."));
        assertEquals("fixed@mail.example", me().email);
        assertEquals("SE", me().country);
    }

    @Test
    void aFormPostWithoutItsCsrfTokenChangesNothing() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("csrf"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        login();
        WebRequest forged = new WebRequest(new URL(consentUrl, "/consent/grant"), HttpMethod.POST);
        forged.setRequestParameters(List.of(new NameValuePair("partnerId", p.id), new NameValuePair("category", "EMAIL"),
                new NameValuePair("purpose", "ORDER_FULFILLMENT"), new NameValuePair("level", "FULL")));
        Page response = browser.getPage(forged);
        assertEquals(400, response.getWebResponse().getStatusCode());
        assertTrue(fixtures.consents(me().id).stream().noneMatch(c -> c.partnerId.equals(p.id)));
    }

    @Test
    void theSessionCookieNeverAuthenticatesTheApi() throws Exception {
        login();
        StringBuilder cookies = new StringBuilder();
        for (Cookie c : browser.getCookieManager().getCookies()) {
            cookies.append(c.getName()).append('=').append(c.getValue()).append("; ");
        }
        assertTrue(cookies.toString().contains("q_session"), "no session cookie: " + cookies);
        io.restassured.RestAssured.given().contentType("application/json").header("Cookie", cookies.toString())
                .body(Map.of("query", "{ me { id } }")).post("/graphql").then()
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void erasureNeedsTheTypedConfirmationAndSaysWhatItErases() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("erase"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        login();
        Member m = me();
        fixtures.update(m.id, x -> {
            x.email = "leaving@mail.example";
            x.stamp(EMAIL, 1);
        });
        fixtures.grant(m, p, EMAIL, ORDER_FULFILLMENT, FULL);
        HtmlPage data = browser.getPage(new URL(consentUrl, "/consent/data"));
        assertTrue(data.asNormalizedText().contains("It does not delete your marketplace login."));
        HtmlForm erase = form(data, "/consent/erase");
        erase.getInputByName("confirm").setValue("yes please");
        HtmlPage refused = erase.getOneHtmlElementByAttribute("button", "type", "submit").click();
        assertEquals(400, refused.getWebResponse().getStatusCode());
        assertNotNull(refused.getElementById("confirm-error"));
        assertEquals("leaving@mail.example", fixtures.reload(m.id).email);

        erase = form(refused, "/consent/erase");
        erase.getInputByName("confirm").setValue("ERASE MY DATA");
        HtmlPage done = erase.getOneHtmlElementByAttribute("button", "type", "submit").click();
        assertTrue(done.asNormalizedText().contains("Your data was erased"));
        Member erased = fixtures.reload(m.id);
        assertNotNull(erased.erasedAt);
        assertNull(erased.email);
        assertNull(partnerEmail(p, m));
        assertFalse(fixtures.consents(m.id).stream().anyMatch(c -> c.revokedAt == null));
    }

    @Test
    void theExportDownloadsEverythingAsJson() throws Exception {
        login();
        Page export = browser.getPage(new URL(consentUrl, "/consent/export"));
        assertEquals("application/json", export.getWebResponse().getContentType());
        String body = export.getWebResponse().getContentAsString();
        assertTrue(body.contains("\"profile\"") && body.contains("\"consents\"") && body.contains("\"receipts\"")
                && body.contains("\"accessEvents\""), body);
    }

    @Test
    void withoutALoginThePageRedirectsToTheIdentityProvider() throws Exception {
        browser.getOptions().setRedirectEnabled(false);
        Page page = browser.getPage(consentUrl);
        assertEquals(302, page.getWebResponse().getStatusCode());
        assertTrue(page.getWebResponse().getResponseHeaderValue("Location").contains("/auth/realms/quarkus"));
    }

}
