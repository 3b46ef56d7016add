package org.privacygateway.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Where the consent center lands after sign-out; public. */
@Path("/signed-out")
public class SignedOut {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedOut();
    }

    @Inject
    Language language;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return language.render(Templates.signedOut());
    }
}
