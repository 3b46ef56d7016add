package org.privacygateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;

import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

/**
 * Partner logos come from the gateway's own origin (or are the partner's initials), and no consent-center page
 * loads anything from anywhere else: a partner learns nothing of a member's visit.
 */
@QuarkusTest
class LogoAndOriginTest {

    @TestHTTPResource("/")
    URL base;

    @OidcWireMock
    WireMockServer oidc;

    @Test
    void logosAreServedByTheGatewayWithALongCacheAndAPartnerWithoutOneShowsItsInitials() throws Exception {
        try (PageBrowser b = PageBrowser.signedIn(oidc, base, null)) {
            HtmlPage skyway = b.open("/consent/partners/skyway-travel");
            DomElement img = (DomElement) skyway.querySelector(".card-head img.badge");
            assertNotNull(img, "Skyway Travel ships a logo file");
            String src = img.getAttribute("src");
            assertTrue(src.matches("/logos/skyway-travel-[0-9a-f]{16}\\.svg"), src);
            assertEquals("", img.getAttribute("alt"), "the name is beside it: the logo is decoration");
            WebResponse logo = b.client.getPage(new URL(base, src)).getWebResponse();
            assertEquals(200, logo.getStatusCode());
            assertEquals("image/svg+xml", logo.getContentType());
            assertTrue(logo.getResponseHeaderValue("Cache-Control").contains("max-age=31536000"));
            assertTrue(logo.getResponseHeaderValue("Content-Security-Policy").contains("sandbox"));
            assertEquals(404, b.client.getPage(new URL(base, "/logos/skyway-travel-0000000000000000.svg"))
                    .getWebResponse().getStatusCode());

            HtmlPage parcel = b.open("/consent/partners/parcelpath-logistics");
            DomElement badge = (DomElement) parcel.querySelector(".card-head .monogram");
            assertNotNull(badge, "ParcelPath ships no logo: its initials");
            assertEquals("PL", badge.asNormalizedText());
            assertEquals("true", badge.getAttribute("aria-hidden"));
        }
    }

    @Test
    void noPageLoadsAnythingFromAnotherOriginAndThePolicySaysSo() throws Exception {
        try (PageBrowser b = PageBrowser.signedIn(oidc, base, null)) {
            for (String path : List.of("/consent", "/consent/partners/skyway-travel", "/consent/partners/clearpay-payments",
                    "/consent/partners/parcelpath-logistics", "/consent/history", "/consent/profile", "/consent/data",
                    "/signed-out")) {
                HtmlPage page = b.open(path);
                for (DomNode n : page.querySelectorAll("img, script, link, iframe, source, video, audio, object, embed")) {
                    DomElement e = (DomElement) n;
                    for (String attr : List.of("src", "href", "data", "srcset")) {
                        String v = e.getAttribute(attr);
                        assertFalse(v.contains("//"), path + ": " + e.asXml());
                    }
                }
                String csp = page.getWebResponse().getResponseHeaderValue("Content-Security-Policy");
                assertTrue(csp.contains("img-src 'self';"), csp);
                assertFalse(csp.contains("https:"), csp);
                assertFalse(page.asXml().contains("logo.svg\""), path + " hotlinks a logo");
            }
        }
    }
}
