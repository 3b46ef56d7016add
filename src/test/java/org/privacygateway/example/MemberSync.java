package org.privacygateway.example;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.graphql.client.GraphQLClientException;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.typesafe.api.TypesafeGraphQLClientBuilder;

import org.privacygateway.example.PartnerApi.AccessReason;
import org.privacygateway.example.PartnerApi.DataCategory;
import org.privacygateway.example.PartnerApi.FieldAccess;
import org.privacygateway.example.PartnerApi.Member;
import org.privacygateway.example.PartnerApi.MemberConnection;
import org.privacygateway.example.PartnerApi.Purpose;

/**
 * The partner-side example the README shows: read every member who consented for a purpose, page by page, following
 * the cursor to the end; keep what is served, note what is masked and why, and act on each error code.
 */
public class MemberSync {

    /** One member as the partner keeps it: the email as served (whole or PARTIAL), or the reason it was masked. */
    public record Contact(String pairwiseId, String email, AccessReason emailMasked) {
    }

    /** Why a sync stopped before the end: the gateway's error code and message. */
    public static class SyncStopped extends RuntimeException {
        public final String code;

        SyncStopped(String code, String message) {
            super(code + ": " + message);
            this.code = code;
        }
    }

    private final String endpoint;
    private final String token;
    private final Duration rateLimitPause;

    public MemberSync(String endpoint, String token, Duration rateLimitPause) {
        this.endpoint = endpoint;
        this.token = token;
        this.rateLimitPause = rateLimitPause;
    }

    // tag::example[]
    public List<Contact> contacts(Purpose purpose, int pageSize) {
        PartnerApi api = TypesafeGraphQLClientBuilder.newBuilder()
                .endpoint(endpoint)
                .header("Authorization", "Bearer " + token) // the partner's client-credentials token
                .build(PartnerApi.class);
        List<Contact> contacts = new ArrayList<>();
        String after = null; // no cursor: the first page
        do {
            MemberConnection page = page(api, purpose, pageSize, after);
            for (var edge : page.edges) {
                Member m = edge.node;
                // A masked field is null; access[] gives, per category, the level served and the reason.
                FieldAccess email = m.access.stream()
                        .filter(a -> a.category == DataCategory.EMAIL).findFirst().orElseThrow();
                // PARTIAL is served as a masked form ("a***@mail.example"), never as the whole value.
                contacts.add(new Contact(m.id, m.email, m.email == null ? email.reason : null));
            }
            // The cursor of the last edge; null (with hasNextPage false) on the last page.
            after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after != null);
        return contacts;
    }

    private MemberConnection page(PartnerApi api, Purpose purpose, int pageSize, String after) {
        for (int attempt = 1; ; attempt++) {
            try {
                return api.members(purpose, pageSize, after);
            } catch (GraphQLClientException e) {
                String code = e.getErrors().stream().map(GraphQLError::getCode).findFirst().orElse("INTERNAL");
                switch (code) {
                    case "RATE_LIMITED", "UNAVAILABLE" -> { // over the partner's per-minute budget, or a brief outage:
                        if (attempt == 3) {                 // wait (HTTP Retry-After says how long) and try again
                            throw new SyncStopped(code, e.getMessage());
                        }
                        pause();
                    }
                    // FORBIDDEN: not a registered partner's token; PARTNER_SUSPENDED: stop until the gateway's
                    // admins reactivate you; VALIDATION: a malformed cursor or argument; anything else: stop.
                    default -> throw new SyncStopped(code, e.getErrors().get(0).getMessage());
                }
            }
        }
    }
    // end::example[]

    private void pause() {
        try {
            Thread.sleep(rateLimitPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncStopped("INTERRUPTED", "interrupted while waiting to retry");
        }
    }
}
