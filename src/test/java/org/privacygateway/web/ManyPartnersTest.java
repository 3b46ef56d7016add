package org.privacygateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;

import java.net.URL;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;

/**
 * A marketplace with fifty co-branded partners: the overview stays short (ten partners a page, a search and a
 * filter), and every partner's page is two steps from it.
 */
@QuarkusTest
class ManyPartnersTest {

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

    static Set<String> partnerLinks(HtmlPage page) {
        Set<String> links = new LinkedHashSet<>();
        for (DomNode a : page.querySelectorAll(".partners a[href^='/consent/partners/']")) {
            links.add(((HtmlAnchor) a).getHrefAttribute());
        }
        return links;
    }

    @Test
    void fiftyPartnersKeepTheOverviewShortAndEachPartnerIsTwoStepsAway() throws Exception {
        String prefix = Fixtures.unique("fifty");
        List<Partner> fifty = fixtures.partners(prefix, 50);
        HtmlPage overview = browser.open("/consent");
        assertTrue(overview.querySelectorAll(".partner-item").size() <= Overview.PAGE_SIZE,
                "the overview must stay short: " + overview.querySelectorAll(".partner-item").size());
        assertNotNull(overview.getElementById("q"), "a search once there are more than ten partners");
        assertNotNull(overview.getElementById("show"), "a filter once there are more than ten partners");

        // Step one: any link of the overview (a page link); step two: the partner's link there.
        Set<String> reachable = new HashSet<>(partnerLinks(overview));
        for (DomNode a : overview.querySelectorAll("nav.pages a")) {
            HtmlPage page = browser.open(((HtmlAnchor) a).getHrefAttribute());
            assertTrue(page.querySelectorAll(".partner-item").size() <= Overview.PAGE_SIZE);
            reachable.addAll(partnerLinks(page));
        }
        for (Partner p : fifty) {
            assertTrue(reachable.contains("/consent/partners/" + p.id), p.id + " is not two steps from the overview");
            // ... and its page opens.
        }
        assertEquals(200, browser.open("/consent/partners/" + fifty.get(49).id).getWebResponse().getStatusCode());

        // Step one can also be the search: its answer lists the partner.
        HtmlForm search = PageBrowser.form(overview, "/consent#partners");
        search.getInputByName("q").setValue(prefix + "-37");
        HtmlPage found = search.getOneHtmlElementByAttribute("button", "type", "submit").click();
        assertEquals(Set.of("/consent/partners/" + prefix + "-37"), partnerLinks(found));
        assertTrue(found.asNormalizedText().contains("Showing 1 to 1 of 1 partners."), found.asNormalizedText());
    }

    @Test
    void theFilterShowsOnlyPartnersThatCanSeeSomething() throws Exception {
        String prefix = Fixtures.unique("filter");
        List<Partner> some = fixtures.partners(prefix, 12);
        Member me = fixtures.memberBySubject(browser.subject);
        fixtures.update(me.id, x -> {
            x.email = "filter@mail.example";
            x.stamp(EMAIL, 1);
        });
        fixtures.grant(me, some.get(3), EMAIL, ORDER_FULFILLMENT, FULL);
        HtmlPage sharing = browser.open("/consent?show=sharing");
        assertEquals(Set.of("/consent/partners/" + some.get(3).id), partnerLinks(sharing));
        String line = sharing.getElementById("partner-" + some.get(3).id).asNormalizedText();
        assertTrue(line.contains("Sees your email address to deliver what you order."), line);
        HtmlPage all = browser.open("/consent?q=" + prefix);
        assertTrue(all.getElementById("partner-" + some.get(0).id).asNormalizedText().contains("Sees nothing of yours."));
    }
}
