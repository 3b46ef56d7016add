package org.privacygateway.member;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The marketplace's member service, as docs/member-service.openapi.yaml defines it. Answers are taken as raw JSON
 * and checked by {@link UpstreamMemberSource}: a malformed answer is refused there, never half-read by a mapper.
 */
@Path("/members")
public interface MemberServiceClient {

    /** The batch read: safe and idempotent although a POST (the ids go in the body, not the URL). */
    @POST
    @Path("/batch-read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    String batchRead(String body);

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response correct(@PathParam("id") String id, String body);

    @DELETE
    @Path("/{id}")
    Response erase(@PathParam("id") String id);
}
