package org.privacygateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DataCategory.PHONE;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;
import static org.privacygateway.masking.Purpose.CUSTOMER_SUPPORT;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;

/**
 * A partner's page says exactly what is shared: each request's level in words with the member's own value as the
 * partner would receive it; the result of a change in the row that changed; a minor is told why and offered nothing.
 */
@QuarkusTest
class PartnerPageTest {

    @TestHTTPResource("/")
    URL base;

    @OidcWireMock
    WireMockServer oidc;

    @Inject
    Fixtures fixtures;

    PageBrowser browser;
    Member me;

    @BeforeEach
    void signIn() throws Exception {
        browser = PageBrowser.signedIn(oidc, base, null);
        me = fixtures.memberBySubject(browser.subject);
        fixtures.update(me.id, x -> {
            x.givenName = "Alice";
            x.familyName = "Lindqvist";
            x.email = "alice.lindqvist@mail.example";
            x.phone = "+46 70 123 45 67";
            x.city = "Uppsala";
            x.street = "Storgatan 12";
            x.country = "SE";
            for (var c : org.privacygateway.masking.DataCategory.values()) {
                x.stamp(c, 1);
            }
        });
    }

    @AfterEach
    void close() {
        browser.close();
    }

    HtmlPage partnerPage(Partner p) throws Exception {
        HtmlPage page = browser.open("/consent/partners/" + p.id);
        assertEquals(200, page.getWebResponse().getStatusCode(), page.asNormalizedText());
        return page;
    }

    @Test
    void eachRequestSaysItsLevelInWordsAndShowsTheMembersValueAsThePartnerWouldReceiveIt() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("level"), request(EMAIL, ORDER_FULFILLMENT, PARTIAL),
                request(NAME, ORDER_FULFILLMENT, FULL), request(PHONE, CUSTOMER_SUPPORT, PARTIAL));
        HtmlPage page = partnerPage(p);
        String email = page.getElementById(p.id + "-EMAIL-ORDER_FULFILLMENT").asNormalizedText();
        assertTrue(email.contains("How much: only part of it: the first letter and the domain of your email address."), email);
        assertTrue(email.contains("They would receive: a***@mail.example"), email);
        assertTrue(email.contains("Their reason: “Needed for ORDER_FULFILLMENT”"), email);
        String name = page.getElementById(p.id + "-NAME-ORDER_FULFILLMENT").asNormalizedText();
        assertTrue(name.contains("How much: all of it."), name);
        assertTrue(name.contains("They would receive: Alice Lindqvist"), name);
        assertFalse(page.asNormalizedText().contains("Alice, Lindqvist"));
        String phone = page.getElementById(p.id + "-PHONE-CUSTOMER_SUPPORT").asNormalizedText();
        assertTrue(phone.contains("They would receive: ***4567"), phone);
        // Requests are grouped by purpose, each group under its purpose in words.
        List<String> headings = new ArrayList<>();
        for (DomElement h : page.getElementsByTagName("h3")) {
            headings.add(h.asNormalizedText());
        }
        assertTrue(headings.contains("To deliver what you order") && headings.contains("To help you when you contact support"),
                headings.toString());
        assertTrue(page.asNormalizedText().contains("Read the privacy policy of " + p.displayName));
        assertFalse(page.asXml().contains("'s privacy policy"));
    }

    @Test
    void thePreviewListsCategoriesInTheOrderOfTheRequests() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("order"), request(PHONE, ORDER_FULFILLMENT, FULL),
                request(ADDRESS, ORDER_FULFILLMENT, FULL), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, FULL));
        HtmlPage page = partnerPage(p);
        List<String> rows = new ArrayList<>();
        for (DomNode h : page.querySelectorAll(".request h4")) {
            rows.add(h.asNormalizedText());
        }
        List<String> preview = new ArrayList<>();
        for (DomNode dt : page.querySelectorAll("#preview dt")) {
            preview.add(dt.asNormalizedText());
        }
        assertEquals(4, rows.size());
        assertEquals(rows, preview);
    }

    @Test
    void theResultOfAChangeIsShownInTheRowThatChangedWhichTakesTheFocus() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("focus"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, FULL));
        HtmlPage page = PageBrowser.button(partnerPage(p),
                "Allow " + p.displayName + " to see your email address to deliver what you order").click();
        String control = p.id + "-EMAIL-ORDER_FULFILLMENT";
        assertTrue(page.getUrl().toString().endsWith("#" + control + "-result"), page.getUrl().toString());
        DomElement result = page.getElementById(control + "-result");
        assertNotNull(result, "no result in the row");
        assertTrue(page.getElementById(control).isAncestorOf(result), "the result must be inside the changed row");
        assertEquals("status", result.getAttribute("role"));
        assertTrue(result.hasAttribute("autofocus"), "the result takes the focus");
        assertEquals("-1", result.getAttribute("tabindex"));
        assertTrue(result.asNormalizedText().contains("Download the receipt"));
        assertEquals(1, page.querySelectorAll("[autofocus]").size(), "one focus target");

        // "Don't allow" on something never allowed still says what happened, in its row.
        page = PageBrowser.button(page, "Do not let " + p.displayName + " see your name to deliver what you order").click();
        DomElement nothing = page.getElementById(p.id + "-NAME-ORDER_FULFILLMENT-result");
        assertNotNull(nothing, "no message after Don't allow: " + page.asNormalizedText());
        assertTrue(nothing.asNormalizedText().contains("was not allowed to see your name to deliver what you order, and still is not"),
                nothing.asNormalizedText());
    }

    @Test
    void aMinorIsToldWhyAndOfferedNoAllowButtonAndAForgedGrantIsRefusedAtTheRow() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("minor"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.update(me.id, x -> x.birthDate = LocalDate.now(ZoneOffset.UTC).minusYears(11));
        HtmlPage page = partnerPage(p);
        assertFalse(PageBrowser.hasButton(page, "Allow"), "a minor must not be offered Allow");
        String minor = page.getElementById("minor").asNormalizedText();
        assertTrue(minor.contains("Why you cannot allow anything"), minor);
        assertTrue(minor.contains("parent or guardian"), minor);

        String token = PageBrowser.form(page, "/consent/logout").getInputByName("csrf-token").getValue();
        WebRequest forged = new WebRequest(new URL(base, "/consent/grant"), HttpMethod.POST);
        forged.setRequestParameters(List.of(new NameValuePair("partnerId", p.id), new NameValuePair("category", "EMAIL"),
                new NameValuePair("purpose", "ORDER_FULFILLMENT"), new NameValuePair("level", "FULL"),
                new NameValuePair("csrf-token", token)));
        HtmlPage refused = browser.client.getPage(forged);
        assertEquals(400, refused.getWebResponse().getStatusCode());
        DomElement error = refused.getElementById(p.id + "-EMAIL-ORDER_FULFILLMENT-result");
        assertNotNull(error, refused.asNormalizedText());
        assertEquals("alert", error.getAttribute("role"));
        assertTrue(error.asNormalizedText().contains("You are under 13"), error.asNormalizedText());
        assertTrue(fixtures.consents(me.id).isEmpty());
    }

    @Test
    void theHistorySaysWhatAReadThatServedNoDetailWas() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("idonly"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        AccessEvent onlyId = fixtures.accessEventAt(p.id, me.id, java.time.Instant.now());
        fixtures.setServed(onlyId.id, "", "");
        AccessEvent withheld = fixtures.accessEventAt(p.id, me.id, java.time.Instant.now().minusSeconds(60));
        fixtures.setServed(withheld.id, "", "EMAIL:CONSENT_REQUIRED");
        String text = browser.open("/consent/history").asNormalizedText();
        assertTrue(text.contains("No personal details: only the id they hold for you"), text);
        assertTrue(text.contains("Nothing: everything they asked for was withheld"), text);
        assertFalse(text.contains("everything was masked"));
    }

    @Test
    void everyPageStartsWithASkipLinkToTheMainContent() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("skip"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        for (String path : List.of("/consent", "/consent/partners/" + p.id, "/consent/history", "/consent/profile",
                "/consent/data")) {
            HtmlPage page = browser.open(path);
            DomElement first = page.getBody().getFirstElementChild();
            assertEquals("a", first.getTagName(), path);
            assertEquals("#main", first.getAttribute("href"), path);
            assertNotNull(page.getElementById("main"), path);
        }
    }
}
