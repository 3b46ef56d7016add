package org.privacygateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Signs a browser into the consent center through the test OIDC server, one HTTP exchange at a time, so that tests
 * can see every Set-Cookie and choose who signs in: the token endpoint answers an authorization code of our own with
 * tokens for the subject and roles we give.
 */
public final class ConsentLogin {

    /** The code the test OIDC server's own login page hands out. */
    public static final String LOGIN_PAGE_CODE = "58af24f2-9093-4674-a431-4a9d66be719c.50437113-cd78-48a2-838e-b936fe458c5d.0ac5df91-e044-4051-bd03-106a3a5fb9cc";

    private ConsentLogin() {
    }

    /** From now on, exchanging {@code code} yields tokens for this subject with these role claims. */
    public static void onCode(WireMockServer oidc, String code, String subject, Map<String, Object> roleClaims) {
        oidc.stubFor(post(urlPathEqualTo("/auth/realms/quarkus/token"))
                .withRequestBody(containing("code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8)))
                .atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(Tokens.codeFlowResponse(subject, "sid-" + subject + "-" + code, roleClaims))));
    }

    /** A browser: its cookie jar and every Set-Cookie header it received. */
    public static final class Browser {
        public final Map<String, String> cookies = new LinkedHashMap<>();
        public final List<String> setCookies = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();

        public Browser header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public RequestSpecification request() {
            RequestSpecification r = given().redirects().follow(false).cookies(cookies);
            headers.forEach(r::header);
            return r;
        }

        public Response get(String path) {
            return keep(request().get(path));
        }

        public Response post(String path, Map<String, String> form) {
            return keep(request().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form).post(path));
        }

        public Response keep(Response r) {
            for (String h : r.headers().getValues("Set-Cookie")) {
                setCookies.add(h);
                String pair = h.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || h.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return r;
        }

        /** The Set-Cookie header last received for a cookie, or null. */
        public String setCookie(String name) {
            String found = null;
            for (String h : setCookies) {
                if (h.startsWith(name + "=")) {
                    found = h;
                }
            }
            return found;
        }

        /** The CSRF token in the forms of a page. */
        public static String formToken(String html) {
            int at = html.indexOf("name=\"csrf-token\" value=\"");
            if (at < 0) {
                return null;
            }
            int start = at + "name=\"csrf-token\" value=\"".length();
            return html.substring(start, html.indexOf('"', start));
        }
    }

    /**
     * Runs the code flow: the protected page redirects to the identity provider, which sends the browser back with
     * {@code code}; the gateway exchanges it and sets its session cookie. Returns the response of the way back.
     */
    public static Response signIn(Browser browser, String code) {
        Response toIdp = browser.get("/consent");
        if (toIdp.statusCode() != 302) {
            throw new AssertionError("expected a redirect to the identity provider, got " + toIdp.statusCode());
        }
        URI location = URI.create(toIdp.header("Location"));
        Map<String, String> query = query(location.getRawQuery());
        URI back = URI.create(query.get("redirect_uri"));
        String path = back.getRawPath() + "?state=" + query.get("state") + "&code=" + code;
        return browser.get(path);
    }

    /** Signs in and then loads the consent center once, as the browser follows the redirect home. */
    public static Response signInAndOpen(Browser browser, String code) {
        Response back = signIn(browser, code);
        if (back.statusCode() != 302) {
            throw new AssertionError("the code exchange did not sign in: " + back.statusCode());
        }
        return browser.get("/consent");
    }

    public static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
