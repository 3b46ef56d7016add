package org.privacygateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.net.URL;

import jakarta.inject.Inject;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;

/** English and Simplified Chinese: from Accept-Language, a switch that is remembered, partners' own words, local dates. */
@QuarkusTest
class LanguageTest {

    @TestHTTPResource("/")
    URL base;

    @OidcWireMock
    WireMockServer oidc;

    @Inject
    Fixtures fixtures;

    @Test
    void aChineseBrowserGetsChinesePagesWithThePartnersOwnWords() throws Exception {
        try (PageBrowser b = PageBrowser.signedIn(oidc, base, "zh-CN,zh;q=0.9,en;q=0.5")) {
            HtmlPage overview = b.open("/consent");
            assertEquals("zh-Hans", overview.getDocumentElement().getAttribute("lang"));
            assertTrue(overview.asNormalizedText().contains("您的数据与我们的合作伙伴"), overview.asNormalizedText());
            // Skyway Travel's file gives its name, a purpose and its justifications in Chinese.
            HtmlPage skyway = b.open("/consent/partners/skyway-travel");
            String text = skyway.asNormalizedText();
            assertTrue(text.contains("天途旅行"), text);
            assertTrue(text.contains("我们通过电子邮件发送预订确认和电子机票。"), text);
            assertTrue(text.contains("为您预订航班和酒店"), text);
            assertTrue(text.contains("范围：全部。"), text);
        }
    }

    @Test
    void theSwitchIsRememberedAndDatesFollowTheLanguage() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("lang"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        try (PageBrowser b = PageBrowser.signedIn(oidc, base, "en-GB,en")) {
            HtmlPage english = b.open("/consent");
            assertEquals("en", english.getDocumentElement().getAttribute("lang"));
            assertTrue(english.getAnchorByText("简体中文").getHrefAttribute().contains("lang=zh"));
            b.open("/consent?lang=zh");
            HtmlPage later = b.open("/consent/history");
            assertEquals("zh-Hans", later.getDocumentElement().getAttribute("lang"), "the choice is remembered");
            assertTrue(later.asNormalizedText().contains("谁查看了您的数据"));

            Member me = fixtures.memberBySubject(b.subject);
            fixtures.grant(me, p, EMAIL, ORDER_FULFILLMENT, FULL);
            String status = b.open("/consent/partners/" + p.id).getElementById(p.id + "-EMAIL-ORDER_FULFILLMENT")
                    .asNormalizedText();
            assertTrue(status.matches("(?s).*已允许（完整），有效期至 \\d{4}年\\d{1,2}月\\d{1,2}日.*"), status);

            b.open("/consent?lang=en");
            String back = b.open("/consent/partners/" + p.id).getElementById(p.id + "-EMAIL-ORDER_FULFILLMENT")
                    .asNormalizedText();
            assertTrue(back.matches("(?s).*Allowed in full until \\d{1,2} [A-Z][a-z]+ \\d{4}\\..*"), back);
        }
    }

    @Test
    void theSignedOutPageSpeaksTheBrowsersLanguage() throws Exception {
        try (org.htmlunit.WebClient client = new org.htmlunit.WebClient()) {
            client.getOptions().setJavaScriptEnabled(false);
            client.addRequestHeader("Accept-Language", "zh");
            HtmlPage page = client.getPage(new URL(base, "/signed-out"));
            assertTrue(page.asNormalizedText().contains("您已退出登录"), page.asNormalizedText());
        }
    }
}
