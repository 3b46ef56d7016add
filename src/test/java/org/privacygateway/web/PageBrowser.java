package org.privacygateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.util.Map;

import org.htmlunit.Page;
import org.htmlunit.SilentCssErrorHandler;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.privacygateway.support.ConsentLogin;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.Tokens;

/**
 * A browser without JavaScript (HtmlUnit) signed into the consent center as a member of its own, through the test
 * OIDC server's code flow.
 */
final class PageBrowser implements AutoCloseable {

    final WebClient client = new WebClient();
    final URL base;
    final String subject;

    private PageBrowser(URL base, String subject) {
        this.base = base;
        this.subject = subject;
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.setCssErrorHandler(new SilentCssErrorHandler());
    }

    /** A new member, signed in; {@code acceptLanguage} may be null. */
    static PageBrowser signedIn(WireMockServer oidc, URL base, String acceptLanguage) throws Exception {
        PageBrowser b = new PageBrowser(base, Fixtures.unique("member"));
        if (acceptLanguage != null) {
            b.client.addRequestHeader("Accept-Language", acceptLanguage);
        }
        String code = "code-" + b.subject;
        ConsentLogin.onCode(oidc, code, b.subject, Tokens.realmRoles("member"));
        b.client.getOptions().setRedirectEnabled(false);
        Page toIdp = b.client.getPage(new URL(base, "/consent"));
        URI location = URI.create(toIdp.getWebResponse().getResponseHeaderValue("Location"));
        Map<String, String> query = ConsentLogin.query(location.getRawQuery());
        b.client.getOptions().setRedirectEnabled(true);
        HtmlPage home = b.client.getPage(query.get("redirect_uri") + "?state=" + query.get("state") + "&code=" + code);
        assertEquals(200, home.getWebResponse().getStatusCode(), home.getWebResponse().getContentAsString());
        return b;
    }

    HtmlPage open(String path) throws Exception {
        return client.getPage(new URL(base, path));
    }

    static HtmlButton button(HtmlPage page, String ariaLabel) {
        for (DomElement b : page.getElementsByTagName("button")) {
            if (ariaLabel.equals(b.getAttribute("aria-label"))) {
                return (HtmlButton) b;
            }
        }
        throw new AssertionError("no button '" + ariaLabel + "' on " + page.getUrl() + ":\n" + page.asNormalizedText());
    }

    static boolean hasButton(HtmlPage page, String textOrLabelPart) {
        for (DomElement b : page.getElementsByTagName("button")) {
            if (b.getAttribute("aria-label").contains(textOrLabelPart) || b.asNormalizedText().contains(textOrLabelPart)) {
                return true;
            }
        }
        return false;
    }

    static HtmlForm form(HtmlPage page, String action) {
        for (HtmlForm f : page.getForms()) {
            if (action.equals(f.getActionAttribute())) {
                return f;
            }
        }
        throw new AssertionError("no form posting to " + action + " on " + page.getUrl());
    }

    static HtmlPage submit(HtmlForm form) throws Exception {
        return form.getOneHtmlElementByAttribute("button", "type", "submit").click();
    }

    @Override
    public void close() {
        client.close();
    }
}
