package org.privacygateway.web;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.privacygateway.audit.AuditProofs;

/**
 * The public key that signs the access log's checkpoints, as PEM, for anyone to check a checkpoint or a member's
 * export with {@code openssl pkeyutl -verify}. Public by nature; the README says how to pin it out of band.
 */
@Path("/audit/checkpoint-key.pem")
@PermitAll
public class CheckpointKeyFile {

    @Inject
    AuditProofs proofs;

    @GET
    @Produces("application/x-pem-file")
    public Response key() {
        return Response.ok(proofs.publicKeyPem()).header("Cache-Control", "public, max-age=3600").build();
    }
}
