package org.privacygateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The packaged gateway (prod profile) against a real Keycloak, a real PostgreSQL and headless Chromium: partners
 * with client-credentials tokens, a member in the browser through Keycloak's own login form, an admin.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayE2E {

    static E2EStack stack;
    static WebDriver browser;
    static UUID seededMember;

    static final String MEMBERS = "{ members(purpose: ORDER_FULFILLMENT, first: 100) { edges { node { id name { given family } email phone address { city } access { category level reason } } } } }";

    @BeforeAll
    static void start() throws Exception {
        // Keycloak and the gateway use this run's self-signed certificate.
        io.restassured.RestAssured.useRelaxedHTTPSValidation();
        stack = E2EStack.get();
        seedMember();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A member with an email and a name, who consented to Skyway Travel for order fulfilment. */
    static void seedMember() throws Exception {
        try (Connection db = stack.database()) {
            seededMember = SeededData.member(db, "e2e-seeded-member", "Edda", "Eriksson", "edda.e2e@mail.example",
                    "+46 70 555 01 02");
            for (String category : List.of("EMAIL", "NAME")) {
                SeededData.skywayConsent(db, seededMember, category, Instant.now().plus(Duration.ofDays(30)));
            }
        }
    }

    static String clientToken(String clientId) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", clientId + "-dev-secret")
                .post(stack.issuer() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static String adminToken() {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "gateway-admin-cli")
                .formParam("username", "ada")
                .formParam("password", "ada-dev-password")
                .post(stack.issuer() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        var request = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post(stack.gateway() + "/graphql").then();
    }

    static ValidatableResponse graphql(String token, String query) {
        return graphql(token, query, Map.of());
    }

    @Test
    @Order(1)
    void aPartnerSeesConsentedFieldsAndMasksWithReasons() {
        String token = clientToken("skyway-travel");
        graphql(token, MEMBERS)
                .statusCode(200)
                .header("Link", "<https://www.skyway-travel.example/privacy>; rel=\"privacy-policy\"")
                .body("errors", nullValue())
                .body("data.members.edges.find { it.node.email == 'edda.e2e@mail.example' }.node.name.family", equalTo("Eriksson"))
                .body("data.members.edges.find { it.node.email == 'edda.e2e@mail.example' }.node.phone", nullValue())
                .body("data.members.edges.find { it.node.email == 'edda.e2e@mail.example' }.node.access.find { it.category == 'PHONE' }.reason",
                        equalTo("NOT_REQUESTED"))
                .body("data.members.edges.find { it.node.email == 'edda.e2e@mail.example' }.node.access.find { it.category == 'ADDRESS' }.reason",
                        equalTo("CONSENT_REQUIRED"))
                .body("extensions.privacy.partnerPolicyUrl", equalTo("https://www.skyway-travel.example/privacy"));
    }

    /** Waits for the page a form post leads to; on timeout the failure shows what the page says instead. */
    void awaitText(String text) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                    .until(d -> d.getPageSource().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            String shown = browser.findElement(By.tagName("body")).getText();
            throw new AssertionError("the page never said \"" + text + "\"; at " + browser.getCurrentUrl() + " it says:\n"
                    + shown.substring(0, Math.min(3000, shown.length())));
        }
    }

    @Test
    @Order(2)
    void aMemberGrantsAndRevokesInTheBrowserAndThePartnerSeesItAtOnce() throws Exception {
        browser = chromium();
        browser.get(stack.gateway() + "/consent");
        // Keycloak's own login form.
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice-dev-password");
        browser.findElement(By.id("kc-login")).click();
        assertTrue(browser.getTitle().contains("Your data and our partners"), browser.getTitle());

        browser.get(stack.gateway() + "/consent/profile");
        WebElement email = browser.findElement(By.id("email"));
        email.clear();
        email.sendKeys("alice.e2e@mail.example");
        browser.findElement(By.cssSelector("form[action='/consent/profile'] button[type=submit]")).click();
        awaitText("Your profile was saved.");

        browser.get(stack.gateway() + "/consent/partners/skyway-travel");
        String allow = "Allow Skyway Travel to see your email address to deliver what you order";
        browser.findElement(By.cssSelector("button[aria-label='" + allow + "']")).click();
        awaitText("Skyway Travel can now see your email address");

        String token = clientToken("skyway-travel");
        List<String> emails = graphql(token, MEMBERS).statusCode(200).extract().path("data.members.edges.node.email");
        assertTrue(emails.contains("alice.e2e@mail.example"), "the partner does not see the granted email: " + emails);

        String stop = "Stop sharing your email address with Skyway Travel to deliver what you order";
        browser.findElement(By.cssSelector("button[aria-label='" + stop + "']")).click();
        awaitText("Skyway Travel can no longer see your email address");
        emails = graphql(token, MEMBERS).statusCode(200).extract().path("data.members.edges.node.email");
        assertFalse(emails.contains("alice.e2e@mail.example"), "the revoked email is still served: " + emails);
    }

    @Test
    @Order(3)
    void pairwiseIdsOfOnePartnerMeanNothingToAnother() {
        String skyway = clientToken("skyway-travel");
        String id = graphql(skyway, MEMBERS).extract().path("data.members.edges.find { it.node.email == 'edda.e2e@mail.example' }.node.id");
        assertNotNull(id);
        graphql(clientToken("parcelpath-logistics"), "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { id email } }",
                Map.of("id", id))
                .statusCode(200).body("errors", nullValue()).body("data.member", nullValue());
    }

    @Test
    @Order(4)
    void aRealClientThatIsNotAPartnerIsForbidden() {
        graphql(clientToken("reporting-service"), MEMBERS)
                .statusCode(200).body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    @Order(5)
    void aTokenWithoutTheGatewayAudienceIs401() {
        graphql(clientToken("no-audience-client"), MEMBERS).statusCode(401);
    }

    @Test
    @Order(5)
    void anExpiredRealTokenIs401() throws Exception {
        String token = clientToken("expiring-client");
        Instant expiry = expiryOf(token);
        // Waits on the conditions themselves, no fixed sleep: the token's own exp has passed, then the gateway says so.
        E2EStack.await("the token's expiry", Duration.ofSeconds(30), () -> Instant.now().isAfter(expiry));
        E2EStack.await("a 401 for the expired token", Duration.ofSeconds(30),
                () -> graphql(token, MEMBERS).extract().statusCode() == 401);
        graphql(token, MEMBERS).statusCode(401);
    }

    /** The {@code exp} claim of a JWT, read without verifying it (the gateway verifies). */
    static Instant expiryOf(String jwt) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(payload);
        assertTrue(m.find(), "the token has an exp claim");
        return Instant.ofEpochSecond(Long.parseLong(m.group(1)));
    }

    @Test
    @Order(6)
    void productionHasNoIntrospectionAndTheSchemaNeedsAToken() {
        String token = clientToken("parcelpath-logistics");
        graphql(token, "{ __schema { types { name } } }")
                .statusCode(200).body("data", nullValue()).body("errors[0].extensions.code", equalTo("VALIDATION"));
        graphql(token, "{ __typename }").statusCode(200).body("data.__typename", equalTo("Query"));
        given().get(stack.gateway() + "/graphql/schema.graphql").then().statusCode(401);
        String schema = given().auth().oauth2(token).get(stack.gateway() + "/graphql/schema.graphql").then()
                .statusCode(200).extract().asString();
        assertTrue(schema.contains("SharedMember"), schema.substring(0, Math.min(200, schema.length())));
        given().get(stack.gateway() + "/q/graphql-ui").then().statusCode(404);
    }

    @Test
    @Order(7)
    void anAdminSuspendsAPartnerAndItsNextRequestIsRefused() {
        String skyway = clientToken("skyway-travel");
        graphql(skyway, "{ partner { id } }").statusCode(200).body("data.partner.id", equalTo("skyway-travel"));
        graphql(adminToken(), "mutation { suspendPartner(id: \"skyway-travel\", reason: \"e2e: suspension test\") { status } }")
                .statusCode(200).body("errors", nullValue()).body("data.suspendPartner.status", equalTo("SUSPENDED"));
        graphql(skyway, "{ partner { id } }")
                .statusCode(200).body("data", nullValue()).body("errors[0].extensions.code", equalTo("PARTNER_SUSPENDED"));
    }

    @Test
    @Order(8)
    void theConsentCenterSendsStrictHeadersAndHostOnlySecureCookiesAndSignsOutByPost() {
        browser.get(stack.gateway() + "/consent");
        if (!browser.getTitle().contains("Your data and our partners")) {
            browser.findElement(By.id("username")).sendKeys("alice");
            browser.findElement(By.id("password")).sendKeys("alice-dev-password");
            browser.findElement(By.id("kc-login")).click();
        }
        assertTrue(browser.getTitle().contains("Your data and our partners"), browser.getTitle());

        org.openqa.selenium.Cookie csrf = browser.manage().getCookieNamed("__Host-csrf");
        assertNotNull(csrf, "no __Host-csrf cookie: " + browser.manage().getCookies());
        assertTrue(csrf.isSecure() && csrf.isHttpOnly(), "CSRF cookie must be Secure and HttpOnly");
        assertEquals("Strict", csrf.getSameSite());
        assertEquals("/", csrf.getPath());
        assertTrue(browser.manage().getCookieNamed("csrf") == null, "no unprefixed CSRF cookie in production");
        org.openqa.selenium.Cookie session = browser.manage().getCookies().stream()
                .filter(c -> c.getName().startsWith("__Host-q_session")).findFirst().orElse(null);
        assertNotNull(session, "no session cookie: " + browser.manage().getCookies());
        assertTrue(session.isSecure() && session.isHttpOnly(), "session cookie must be Secure and HttpOnly");

        // The same session, outside the browser: every page and download carries the headers.
        StringBuilder cookies = new StringBuilder();
        browser.manage().getCookies().forEach(c -> cookies.append(c.getName()).append('=').append(c.getValue()).append("; "));
        for (String path : List.of("/consent", "/consent/history", "/consent/profile", "/consent/data", "/consent/export")) {
            io.restassured.response.Response r = given().redirects().follow(false).header("Cookie", cookies.toString())
                    .get(stack.gateway() + path);
            assertEquals(200, r.statusCode(), path);
            String csp = r.header("Content-Security-Policy");
            assertNotNull(csp, path);
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("DENY", r.header("X-Frame-Options"), path);
            assertEquals("no-referrer", r.header("Referrer-Policy"), path);
            assertTrue(r.header("Cache-Control").contains("no-store"), path);
        }

        // Sign-out is a POST; the browser ends on the signed-out page without a session.
        browser.findElement(By.cssSelector("form[action='/consent/logout'] button[type=submit]")).click();
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("/signed-out"));
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = browser.getPageSource();
            throw new AssertionError("sign-out did not reach /signed-out; at " + browser.getCurrentUrl() + ": "
                    + page.substring(0, Math.min(1500, page.length())), e);
        }
        assertTrue(browser.getPageSource().contains("You are signed out"));
        assertTrue(browser.manage().getCookies().stream().noneMatch(c -> c.getName().startsWith("__Host-q_session")));
    }

    static WebDriver chromium() throws Exception {
        return chromium(new ChromeOptions());
    }

    /** Headless Chromium with the suite's settings added to {@code options}. */
    static WebDriver chromium(ChromeOptions options) throws Exception {
        File chromiumBinary = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        if (!chromiumBinary.canExecute() || !driver.canExecute()) {
            throw new IllegalStateException("The e2e suite needs Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("e2e-chromium-");
        options.setBinary(chromiumBinary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1200,1600",
                // This run's self-signed certificate for localhost.
                "--ignore-certificate-errors");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver)
                .usingAnyFreePort()
                .withLogFile(Path.of(System.getProperty("e2e.logs", "target/e2e-logs"), "chromedriver.log").toFile())
                .build();
        WebDriver webDriver = new ChromeDriver(service, options);
        webDriver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        webDriver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return webDriver;
    }

}
