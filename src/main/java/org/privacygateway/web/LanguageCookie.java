package org.privacygateway.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Remembers a language chosen with the switch ({@code ?lang=}) of a consent-center page. */
public class LanguageCookie {

    @Inject
    Language language;

    @ServerResponseFilter
    public void remember(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        boolean ours = path.equals("/consent") || path.startsWith("/consent/") || path.equals("/signed-out");
        if (ours && request.getUriInfo().getQueryParameters().containsKey(Language.PARAMETER) && language.chosenNow()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, language.setCookie());
        }
    }
}
