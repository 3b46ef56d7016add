package org.privacygateway.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.privacygateway.partner.PartnerPresentation;

/**
 * Partner logos, served by the gateway from its own origin so that no consent-center page makes the member's browser
 * call a partner (or anyone else). A logo's name carries a digest of its content, so it may be cached for a year;
 * an SVG opened on its own gets a policy that lets it run nothing.
 */
@Path("/logos")
public class PartnerLogoFiles {

    @Inject
    PartnerPresentation presentation;

    @GET
    @Path("{file}")
    public Response logo(@PathParam("file") String file) {
        return presentation.logoFile(file)
                .map(logo -> Response.ok(logo.bytes(), logo.contentType())
                        .header("Cache-Control", "public, max-age=31536000, immutable")
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                        .build())
                .orElseGet(() -> Response.status(404).build());
    }
}
