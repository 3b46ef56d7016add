package org.privacygateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * The consent center in real Chromium against the real stack: an axe-core audit (WCAG 2.1 AA) of every page, signed
 * in and out, at phone and desktop width, in both languages, with a full-page screenshot of each under
 * {@code target/e2e-screens/}; no request to any other host (every outside host is made unreachable, and the
 * browser must log no failed request); and a member who grants and revokes with the keyboard alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentCenterE2E {

    static final List<Integer> WIDTHS = List.of(360, 1100);
    static final List<String> LANGUAGES = List.of("en", "zh");
    /** Partners no other e2e test changes (GatewayE2E suspends Skyway Travel). */
    static final String PARTNER = "parcelpath-logistics";

    static E2EStack stack;
    static WebDriver browser;
    static Path screens;

    @BeforeAll
    static void start() throws Exception {
        stack = E2EStack.get();
        screens = Path.of(System.getProperty("e2e.screens", "target/e2e-screens"));
        Files.createDirectories(screens);
        ChromeOptions options = new ChromeOptions();
        // Every host but this machine's is unreachable: a page that loads anything from elsewhere logs a failure.
        options.addArguments("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = GatewayE2E.chromium(options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static String url(String path) {
        return stack.gateway() + path;
    }

    static void signIn() {
        browser.get(url("/consent"));
        if (!browser.findElements(By.id("kc-login")).isEmpty()) {
            browser.findElement(By.id("username")).sendKeys("bob");
            browser.findElement(By.id("password")).sendKeys("bob-dev-password");
            browser.findElement(By.id("kc-login")).click();
        }
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(url("/consent")));
        // What the identity provider's own pages logged is not the consent center's.
        browser.manage().logs().get(LogType.BROWSER);
    }

    static void width(int px) {
        browser.manage().window().setSize(new Dimension(px, 900));
    }

    /** The page's own requests and console: nothing from another origin, nothing failed. */
    static void assertNothingFromElsewhere(String what) {
        assertNothingFromElsewhere(what, null);
    }

    /** @param ownStatus a status the page itself is expected to have (a form answered 400), not a failure */
    static void assertNothingFromElsewhere(String what, String ownStatus) {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        for (String u : loaded) {
            assertTrue(u.startsWith(stack.gateway()), what + " loaded " + u);
        }
        List<String> problems = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            boolean expected = ownStatus != null && e.getMessage().startsWith(browser.getCurrentUrl() + " - ")
                    && e.getMessage().endsWith("status of " + ownStatus + " ()");
            if (e.getLevel().intValue() >= Level.WARNING.intValue() && !expected) {
                problems.add(e.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), what + ": the browser logged " + problems);
    }

    /** axe-core, WCAG 2.0 and 2.1, A and AA: no violation. */
    static void audit(String what) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        StringBuilder report = new StringBuilder();
        for (Rule r : results.getViolations()) {
            report.append("\n  ").append(r.getId()).append(": ").append(r.getHelp());
            r.getNodes().forEach(n -> report.append("\n    ").append(n.getTarget()));
        }
        assertTrue(results.getViolations().isEmpty(), what + ": accessibility violations:" + report);
    }

    /** A screenshot of the whole page, not only the window. */
    static void screenshot(String name, int width) throws Exception {
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
        // The window's own bars take part of its height: add them, so the viewport holds the whole page.
        long bars = (Long) ((JavascriptExecutor) browser).executeScript("return window.outerHeight - window.innerHeight;");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600) + Math.max(bars, 0), 16000)));
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screens.resolve(name + ".png"), png);
        width(width);
    }

    static void check(String name, String path, String lang, int width) throws Exception {
        width(width);
        browser.get(url(path + (path.contains("?") ? "&" : "?") + "lang=" + lang));
        String what = name + " (" + lang + ", " + width + " px)";
        assertEquals(lang.equals("en") ? "en" : "zh-Hans",
                browser.findElement(By.tagName("html")).getDomAttribute("lang"), what);
        assertNothingFromElsewhere(what);
        audit(what);
        screenshot(name + "-" + lang + "-" + width, width);
    }

    @Test
    @Order(1)
    void signedOutPagesPassTheAuditAndLoadNothingFromElsewhere() throws Exception {
        for (String lang : LANGUAGES) {
            for (int w : WIDTHS) {
                check("signed-out", "/signed-out", lang, w);
            }
        }
    }

    @Test
    @Order(2)
    void everySignedInPagePassesTheAuditInBothLanguagesAtBothWidths() throws Exception {
        signIn();
        // Some data, so pages show values, a receipt and a history.
        browser.get(url("/consent/profile?lang=en"));
        fill("given", "Bob");
        fill("family", "Okafor");
        fill("email", "bob.e2e@mail.example");
        fill("phone", "+44 20 7946 0958");
        fill("city", "Manchester");
        fill("country", "GB");
        fill("companyName", "Okafor Joinery Ltd");
        fill("companyCity", "Salford");
        browser.findElement(By.cssSelector("form[action='/consent/profile'] button[type=submit]")).click();
        assertTrue(browser.getPageSource().contains("Your profile was saved."));

        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("overview", "/consent");
        pages.put("partner", "/consent/partners/" + PARTNER);
        pages.put("partner-payments", "/consent/partners/clearpay-payments");
        pages.put("history", "/consent/history");
        pages.put("profile", "/consent/profile");
        pages.put("data", "/consent/data");
        for (String lang : LANGUAGES) {
            for (int w : WIDTHS) {
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    check(page.getKey(), page.getValue(), lang, w);
                }
                // A form with errors: every error shown, marked and announced.
                width(w);
                browser.get(url("/consent/profile?lang=" + lang));
                fill("email", "not an email");
                fill("country", "Sweden");
                browser.findElement(By.cssSelector("form[action='/consent/profile'] button[type=submit]")).click();
                // The answer is a new page: wait for it, then ask the page itself where the focus is (an element
                // reference taken while the page is replaced points into the old document).
                String focused = "return document.readyState === 'complete' && document.activeElement"
                        + " ? document.activeElement.id : null";
                try {
                    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
                            .ignoring(org.openqa.selenium.WebDriverException.class)
                            .until(d -> "error-summary".equals(((JavascriptExecutor) d).executeScript(focused)));
                } catch (org.openqa.selenium.TimeoutException e) {
                    // Reported below with what has the focus instead.
                }
                assertEquals("error-summary", ((JavascriptExecutor) browser).executeScript(focused),
                        "the error summary takes the focus");
                assertNothingFromElsewhere("profile errors", "400");
                audit("profile with errors (" + lang + ", " + w + " px)");
                screenshot("profile-errors-" + lang + "-" + w, w);
            }
        }
    }

    static void fill(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    @Order(3)
    void aMemberGrantsAndRevokesWithTheKeyboardAlone() throws Exception {
        signIn();
        width(360);
        browser.get(url("/consent/partners/" + PARTNER + "?lang=en"));
        Actions keys = new Actions(browser);
        keys.sendKeys(Keys.TAB).perform();
        assertEquals("#main", browser.switchTo().activeElement().getDomAttribute("href"), "the first Tab stop is the skip link");

        String allow = "Allow ParcelPath Logistics to see your phone number to deliver what you order";
        tabTo(keys, allow);
        keys.sendKeys(Keys.ENTER).perform();
        String control = PARTNER + "-PHONE-ORDER_FULFILLMENT-result";
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("#" + control));
        WebElement focused = browser.switchTo().activeElement();
        assertEquals(control, focused.getDomAttribute("id"), "focus moves to the result in the changed row");
        assertTrue(focused.getText().contains("ParcelPath Logistics can now see your phone number"), focused.getText());
        screenshot("keyboard-granted-en-360", 360);

        String stop = "Stop sharing your phone number with ParcelPath Logistics to deliver what you order";
        tabTo(keys, stop);
        keys.sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.switchTo().activeElement().getText().contains("can no longer see your phone number"));
        assertEquals(control, browser.switchTo().activeElement().getDomAttribute("id"));
    }

    /** Presses Tab until the focused element has this accessible name (at most 200 times). */
    static void tabTo(Actions keys, String ariaLabel) {
        for (int i = 0; i < 200; i++) {
            if (ariaLabel.equals(browser.switchTo().activeElement().getDomAttribute("aria-label"))) {
                return;
            }
            keys.sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached '" + ariaLabel + "'");
    }
}
