package org.privacygateway.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;

import org.privacygateway.member.MemberSourceUnavailableException;

/**
 * The consent center when the marketplace's member service cannot answer in full (the upstream member source): the
 * page says so with HTTP 503 and {@code Retry-After}, never a partial page and never an error page with internals.
 * Nothing was changed: every consent-center action reads the member before it writes, inside one transaction.
 */
public class Unavailable {

    static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Try again shortly</title>
            <link rel="stylesheet" href="/assets/consent-center.css"></head>
            <body><main><h1>Your data cannot be shown right now</h1>
            <p>The marketplace's member service is not answering. Nothing was changed. Please try again in a few
            moments.</p><p><a href="/consent">Back to the consent center</a></p></main></body></html>
            """;

    @ServerExceptionMapper
    public Response memberServiceDown(MemberSourceUnavailableException e) {
        // The source has logged what failed (never a member or a value).
        Log.debug("Consent center answered 503: the member service is unavailable");
        return Response.status(503).header("Retry-After", "5").type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(PAGE).build();
    }
}
