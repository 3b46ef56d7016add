package org.privacygateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.response.Response;

import org.privacygateway.consent.Consent;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.ConsentLogin;
import org.privacygateway.support.ConsentLogin.Browser;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.Tokens;

/**
 * A partner must not be able to make a member act in the consent center: CSRF tokens are bound to the session,
 * cookies are host-only and Secure, pages cannot be framed or cached, sign-out is a POST, and only members get in.
 * Runs with the production cookie settings (the test client sends cookies over http regardless).
 */
@QuarkusTest
@TestProfile(ConsentCenterSecurityTest.ProductionCookies.class)
class ConsentCenterSecurityTest {

    public static class ProductionCookies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.consent-center.secure-cookies", "true",
                    "quarkus.oidc.consent.authentication.cookie-force-secure", "true");
        }
    }

    @OidcWireMock
    WireMockServer oidc;

    @Inject
    Fixtures fixtures;

    String alice;
    String bob;

    @BeforeEach
    void members() {
        alice = Fixtures.unique("alice");
        bob = Fixtures.unique("bob");
        ConsentLogin.onCode(oidc, "code-" + alice, alice, Tokens.realmRoles("member"));
        ConsentLogin.onCode(oidc, "code-" + bob, bob, Tokens.realmRoles("member"));
    }

    Browser signedIn(String subject) {
        Browser b = new Browser();
        Response page = ConsentLogin.signInAndOpen(b, "code-" + subject);
        assertEquals(200, page.statusCode(), page.asString());
        return b;
    }

    static Map<String, String> grantForm(Partner p, String token) {
        Map<String, String> form = new HashMap<>(Map.of("partnerId", p.id, "category", "EMAIL",
                "purpose", "ORDER_FULFILLMENT", "level", "FULL"));
        if (token != null) {
            form.put("csrf-token", token);
        }
        return form;
    }

    List<Consent> activeConsents(String subject, Partner p) {
        return fixtures.consents(fixtures.memberBySubject(subject).id).stream()
                .filter(c -> c.partnerId.equals(p.id) && c.revokedAt == null).toList();
    }

    // ---- CSRF bound to the session

    @Test
    void bobsCsrfCookieAndFormTokenInAlicesSessionAreRefusedAndChangeNothing() {
        Partner p = fixtures.partner(Fixtures.unique("swap"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Browser aliceBrowser = signedIn(alice);
        Browser bobBrowser = signedIn(bob);
        String bobCookie = bobBrowser.cookies.get(CsrfTokens.SECURE_COOKIE);
        String bobToken = Browser.formToken(bobBrowser.get("/consent").asString());
        assertNotNull(bobCookie);
        assertEquals(bobCookie, bobToken, "the page's form token is the cookie's");

        // Grant: Alice's session cookie, Bob's CSRF cookie (as if planted) and Bob's form token.
        aliceBrowser.cookies.put(CsrfTokens.SECURE_COOKIE, bobCookie);
        Response forged = aliceBrowser.post("/consent/grant", grantForm(p, bobToken));
        assertEquals(400, forged.statusCode());
        assertFalse(forged.asString().contains("Exception"), forged.asString());
        assertTrue(activeConsents(alice, p).isEmpty(), "a swapped token must not grant");

        // Revoke: Alice has consented; the same swap must not revoke it.
        Browser honest = signedIn(alice);
        String aliceToken = Browser.formToken(honest.get("/consent").asString());
        assertEquals(303, honest.post("/consent/grant", grantForm(p, aliceToken)).statusCode());
        assertEquals(1, activeConsents(alice, p).size());
        honest.cookies.put(CsrfTokens.SECURE_COOKIE, bobCookie);
        Response revoke = honest.post("/consent/revoke", Map.of("partnerId", p.id, "category", "EMAIL",
                "purpose", "ORDER_FULFILLMENT", "csrf-token", bobToken));
        assertEquals(400, revoke.statusCode());
        assertEquals(1, activeConsents(alice, p).size(), "a swapped token must not revoke");
        assertTrue(activeConsents(bob, p).isEmpty());
    }

    @Test
    void aFormNeedsCookieAndFieldBothPresentEqualAndGenuine() {
        Partner p = fixtures.partner(Fixtures.unique("pair"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Browser b = signedIn(alice);
        String token = b.cookies.get(CsrfTokens.SECURE_COOKIE);
        assertEquals(400, b.post("/consent/grant", grantForm(p, null)).statusCode(), "no form token");
        assertEquals(400, b.post("/consent/grant", grantForm(p, token.substring(0, token.length() - 2) + "AA")).statusCode(),
                "a form token other than the cookie's");
        // Cookie and field equal, but not minted by the gateway (an attacker's own pair).
        String forgedPair = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        b.cookies.put(CsrfTokens.SECURE_COOKIE, forgedPair);
        assertEquals(400, b.post("/consent/grant", grantForm(p, forgedPair)).statusCode());
        // The unprefixed cookie name (which a sibling host can plant) is ignored.
        b.cookies.remove(CsrfTokens.SECURE_COOKIE);
        b.cookies.put(CsrfTokens.PLAIN_COOKIE, token);
        assertEquals(400, b.post("/consent/grant", grantForm(p, token)).statusCode());
        assertTrue(activeConsents(alice, p).isEmpty());
        b.cookies.put(CsrfTokens.SECURE_COOKIE, token);
        assertEquals(303, b.post("/consent/grant", grantForm(p, token)).statusCode());
        assertEquals(1, activeConsents(alice, p).size());
    }

    @Test
    void anotherMembersValidTokenIsReplacedOnThePageAndTheNewOneIsBoundToThisSession() {
        Browser aliceBrowser = signedIn(alice);
        String bobCookie = signedIn(bob).cookies.get(CsrfTokens.SECURE_COOKIE);
        aliceBrowser.cookies.put(CsrfTokens.SECURE_COOKIE, bobCookie);
        Response page = aliceBrowser.get("/consent");
        String fresh = aliceBrowser.cookies.get(CsrfTokens.SECURE_COOKIE);
        assertNotEquals(bobCookie, fresh);
        assertEquals(fresh, Browser.formToken(page.asString()));
    }

    // ---- cookies

    @Test
    void cookiesAreHostOnlySecureAndHttpOnly() {
        Browser b = signedIn(alice);
        String csrf = b.setCookie(CsrfTokens.SECURE_COOKIE);
        assertNotNull(csrf, "no __Host-csrf cookie: " + b.setCookies);
        assertAttributes(csrf, true);
        assertTrue(csrf.toLowerCase(Locale.ROOT).contains("samesite=strict"), csrf);
        assertNull(b.setCookie(CsrfTokens.PLAIN_COOKIE), "no unprefixed CSRF cookie in production");
        assertTrue(b.setCookies.stream().noneMatch(h -> h.startsWith("q_")), "unprefixed OIDC cookie: " + b.setCookies);
        String session = b.setCookies.stream().filter(h -> h.startsWith("__Host-q_session")).findFirst().orElse(null);
        assertNotNull(session, "no session cookie: " + b.setCookies);
        assertAttributes(session, true);
        assertTrue(session.toLowerCase(Locale.ROOT).contains("samesite=lax"), session);
        String state = b.setCookies.stream().filter(h -> h.startsWith("__Host-q_auth")).findFirst().orElse(null);
        assertNotNull(state, "no state cookie: " + b.setCookies);
        assertAttributes(state, true);
    }

    @Test
    void aSessionCookiePlantedForTheParentDomainIsIgnored() {
        Browser alicesBrowser = signedIn(alice);
        String alicesSession = alicesBrowser.cookies.entrySet().stream().filter(e -> e.getKey().startsWith("__Host-q_session"))
                .map(java.util.Map.Entry::getValue).findFirst().orElseThrow();
        // A sibling host sets its own (valid) session cookie without the prefix for the parent domain; the browser sends
        // both. Only the host-only one counts, so Alice stays Alice.
        Browser planted = new Browser();
        planted.cookies.putAll(alicesBrowser.cookies);
        Browser bobs = signedIn(bob);
        String bobsSession = bobs.cookies.entrySet().stream().filter(e -> e.getKey().startsWith("__Host-q_session"))
                .map(java.util.Map.Entry::getValue).findFirst().orElseThrow();
        planted.cookies.put("q_session_consent", bobsSession);
        Response page = planted.get("/consent");
        assertEquals(200, page.statusCode());
        // Alice's CSRF token is bound to her session: kept (no new one set) only if the session is still hers.
        assertTrue(page.headers().getValues("Set-Cookie").stream().noneMatch(h -> h.startsWith(CsrfTokens.SECURE_COOKIE + "=")),
                "the planted session replaced Alice's: " + page.headers().getValues("Set-Cookie"));
        // Without the host-only cookie, the planted one alone signs nobody in.
        Browser onlyPlanted = new Browser();
        onlyPlanted.cookies.put("q_session_consent", alicesSession);
        assertEquals(302, onlyPlanted.get("/consent").statusCode(), "a planted unprefixed session must not sign in");
    }

    static void assertAttributes(String setCookie, boolean hostPrefix) {
        String lower = setCookie.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("; secure"), "not Secure: " + setCookie);
        assertTrue(lower.contains("; httponly"), "not HttpOnly: " + setCookie);
        assertFalse(lower.contains("domain="), "must be host-only: " + setCookie);
        assertTrue(lower.contains("path=/"), setCookie);
        if (hostPrefix) {
            assertTrue(setCookie.startsWith("__Host-"), setCookie);
            assertTrue(lower.contains("path=/;") || lower.endsWith("path=/"), "__Host- needs Path=/: " + setCookie);
        }
    }

    // ---- headers on every page and download

    @Test
    void everyPageAndDownloadForbidsFramingCachingAndReferrers() {
        Partner p = fixtures.partner(Fixtures.unique("hdr"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Browser b = signedIn(alice);
        String token = b.cookies.get(CsrfTokens.SECURE_COOKIE);
        String receipt = b.post("/consent/grant", grantForm(p, token)).header("Location");
        String receiptId = ConsentLogin.query(receipt.substring(receipt.indexOf('?') + 1, receipt.indexOf('#'))).get("receipt");
        for (String path : List.of("/consent", "/consent/history", "/consent/profile", "/consent/data",
                "/consent/export", "/consent/receipts/" + receiptId, "/consent/receipts/nope", "/signed-out")) {
            Response r = b.get(path);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 404, path + " " + r.statusCode());
            assertSecurityHeaders(path, r);
            if (r.contentType().startsWith("text/html")) {
                String html = r.asString().toLowerCase(Locale.ROOT);
                assertFalse(html.contains("<script") || html.contains("<style") || html.contains(" style=")
                        || html.contains(" onload=") || html.contains(" onclick="), "inline script or style on " + path);
            }
        }
        // The form post's answers and refusals too, and the redirect of a visitor without a session.
        assertSecurityHeaders("grant", b.post("/consent/grant", grantForm(p, token)));
        assertSecurityHeaders("refused grant", b.post("/consent/grant", grantForm(p, null)));
    }

    static void assertSecurityHeaders(String what, Response r) {
        String csp = r.header("Content-Security-Policy");
        assertNotNull(csp, "no CSP on " + what);
        assertTrue(csp.contains("default-src 'self'"), what + ": " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), what + ": " + csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + ": " + csp);
        assertEquals("DENY", r.header("X-Frame-Options"), what);
        assertEquals("no-referrer", r.header("Referrer-Policy"), what);
        assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
        assertTrue(String.valueOf(r.header("Cache-Control")).contains("no-store"), what + ": " + r.header("Cache-Control"));
    }

    // ---- sign-out

    @Test
    void signOutIsAPostFormWithTheCsrfTokenAndClearsTheSession() {
        Browser b = signedIn(alice);
        String html = b.get("/consent").asString();
        int form = html.indexOf("<form method=\"post\" action=\"/consent/logout\">");
        assertTrue(form >= 0, "sign-out must be a POST form");
        assertTrue(html.indexOf("name=\"csrf-token\"", form) > form);
        assertFalse(html.contains("href=\"/consent/logout\""), "no sign-out link (GET)");
        // As a browser posts it from the page: our pages' Referrer-Policy: no-referrer makes the Origin "null", and
        // Sec-Fetch-Site says same-origin.
        b.header("Origin", "null").header("Sec-Fetch-Site", "same-origin");
        Response out = b.post("/consent/logout", Map.of("csrf-token", b.cookies.get(CsrfTokens.SECURE_COOKIE)));
        assertEquals(302, out.statusCode());
        assertTrue(out.header("Location").contains("/end-session"), out.header("Location"));
        assertTrue(String.valueOf(out.header("Clear-Site-Data")).contains("cookies"), "Clear-Site-Data missing");
        assertFalse(b.cookies.keySet().stream().anyMatch(c -> c.startsWith("__Host-q_session")), "session cookie not cleared");
    }

    @Test
    void aPartnerSiteCannotSignAMemberOut() {
        Browser b = signedIn(alice);
        b.get("/consent");
        String token = b.cookies.get(CsrfTokens.SECURE_COOKIE);
        // A link or image on a partner page (GET), and a form posted from a sibling host (another origin).
        assertEquals(405, b.get("/consent/logout").statusCode());
        Browser partnerPage = new Browser().header("Origin", "https://travel.marketplace.example")
                .header("Sec-Fetch-Site", "same-site");
        partnerPage.cookies.putAll(b.cookies);
        assertEquals(403, partnerPage.post("/consent/logout", Map.of("csrf-token", token)).statusCode());
        // An older client without Sec-Fetch-Site: the Origin must be ours, and "null" (any sandboxed page) is not.
        for (String origin : List.of("https://travel.marketplace.example", "null")) {
            Browser old = new Browser().header("Origin", origin);
            old.cookies.putAll(b.cookies);
            assertEquals(403, old.post("/consent/logout", Map.of("csrf-token", token)).statusCode(), origin);
        }
        assertTrue(b.cookies.keySet().stream().anyMatch(c -> c.startsWith("__Host-q_session")), "the session survived");
        assertEquals(200, b.get("/consent").statusCode(), "still signed in");
    }

    // ---- behind the TLS ingress

    @Test
    void behindTheIngressTheRedirectUriIsHttps() {
        Browser b = new Browser().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "consent.marketplace.example");
        Response r = b.get("/consent");
        assertEquals(302, r.statusCode());
        String redirectUri = ConsentLogin.query(java.net.URI.create(r.header("Location")).getRawQuery()).get("redirect_uri");
        assertTrue(redirectUri.startsWith("https://consent.marketplace.example/"), redirectUri);
    }

    // ---- only members

    @Test
    void onlyTheMemberRealmRoleOpensTheConsentCenter() {
        Partner p = fixtures.partner(Fixtures.unique("role"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Map<String, Map<String, Object>> refused = Map.of(
                "admin", Tokens.realmRoles("admin"),
                "partner", Tokens.realmRoles("partner"),
                "groups", Map.of("groups", List.of("member")),
                "client-role", Map.of("resource_access", Map.of("consent-center", Map.of("roles", List.of("member")),
                        "privacy-gateway-api", Map.of("roles", List.of("member")))),
                "custom", Map.of("roles", List.of("member"), "realm_roles", List.of("member")));
        refused.forEach((kind, claims) -> {
            String subject = Fixtures.unique("nomember-" + kind);
            ConsentLogin.onCode(oidc, "code-" + subject, subject, claims);
            Browser b = new Browser();
            ConsentLogin.signIn(b, "code-" + subject);
            Response page = b.get("/consent");
            assertEquals(403, page.statusCode(), kind + ": " + page.asString());
            Response grant = b.post("/consent/grant", grantForm(p, "x"));
            assertEquals(403, grant.statusCode(), kind);
        });
        assertEquals(200, signedIn(alice).get("/consent").statusCode());
    }
}
