package org.privacygateway.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

import org.privacygateway.config.GatewayConfig;

/**
 * The language of this request's page: English or Simplified Chinese. A {@code ?lang=} link (the switch on every
 * page) chooses and is remembered in a cookie; else the cookie; else the browser's {@code Accept-Language}; else
 * English. Templates read it as {@code inject:lang}; dates and numbers are formatted for it.
 */
@RequestScoped
@Named("lang")
public class Language {

    static final String ENGLISH = "en";
    static final String CHINESE = "zh";
    static final List<String> SUPPORTED = List.of(ENGLISH, CHINESE);
    static final String PARAMETER = "lang";
    static final String COOKIE = "lang";
    static final String SECURE_COOKIE = "__Host-lang";

    @Inject
    CurrentVertxRequest current;

    @Inject
    GatewayConfig config;

    private String code;
    private boolean chosenNow;

    /** {@code en} or {@code zh}. */
    public String getCode() {
        if (code == null) {
            resolve();
        }
        return code;
    }

    public boolean isEnglish() {
        return ENGLISH.equals(getCode());
    }

    /** The value of the page's {@code lang} attribute. */
    public String getHtmlLang() {
        return isEnglish() ? "en" : "zh-Hans";
    }

    /**
     * Where the language switch leads: this page in the other language; after a form post (whose address answers
     * only posts), the page the form belongs to.
     */
    public String getSwitchHref() {
        String other = isEnglish() ? CHINESE : ENGLISH;
        HttpServerRequest request = current.getCurrent() == null ? null : current.getCurrent().request();
        if (request == null || request.method() == io.vertx.core.http.HttpMethod.GET) {
            return "?lang=" + other;
        }
        String path = request.path();
        String page = path.equals("/consent/profile") ? path : path.equals("/consent/erase") ? "/consent/data" : "/consent";
        return page + "?lang=" + other;
    }

    public Locale locale() {
        return Locale.forLanguageTag(getCode());
    }

    /** The message bundle of this language, for texts made in Java. */
    public Msg msg() {
        return isEnglish() ? MessageBundles.get(Msg.class)
                : MessageBundles.get(Msg.class, Localized.Literal.of(getCode()));
    }

    /** The template in this language. */
    public TemplateInstance render(TemplateInstance page) {
        return page.setLocale(locale());
    }

    public String date(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(formatLocale())
                .withZone(ZoneOffset.UTC).format(at);
    }

    public String dateTime(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(formatLocale()).withZone(ZoneOffset.UTC).format(at) + " UTC";
    }

    public String number(long n) {
        return java.text.NumberFormat.getIntegerInstance(formatLocale()).format(n);
    }

    private Locale formatLocale() {
        return isEnglish() ? Locale.UK : Locale.SIMPLIFIED_CHINESE;
    }

    boolean chosenNow() {
        getCode();
        return chosenNow;
    }

    String cookieName() {
        return config.consentCenter().secureCookies() ? SECURE_COOKIE : COOKIE;
    }

    /** The Set-Cookie value that remembers the choice for a year. */
    String setCookie() {
        boolean secure = config.consentCenter().secureCookies();
        return cookieName() + "=" + getCode() + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    private void resolve() {
        HttpServerRequest request = current.getCurrent() == null ? null : current.getCurrent().request();
        code = ENGLISH;
        if (request == null) {
            return;
        }
        String asked = request.getParam(PARAMETER);
        if (asked != null && SUPPORTED.contains(asked)) {
            code = asked;
            chosenNow = true;
            return;
        }
        Cookie cookie = request.getCookie(cookieName());
        if (cookie != null && SUPPORTED.contains(cookie.getValue())) {
            code = cookie.getValue();
            return;
        }
        code = fromAcceptLanguage(request.getHeader("Accept-Language"));
    }

    /** The best supported language for an {@code Accept-Language} header; English when none fits or it is malformed. */
    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return ENGLISH;
        }
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(header), SUPPORTED);
            return tag == null ? ENGLISH : tag;
        } catch (IllegalArgumentException e) {
            return ENGLISH;
        }
    }
}
