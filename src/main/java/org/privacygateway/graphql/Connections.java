package org.privacygateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** Cursor-paged lists of the admin and member APIs. */
final class Connections {

    private Connections() {
    }

    @Name("AccessEventEdge")
    public record AccessEventEdge(@NonNull String cursor, @NonNull AccessEventView node) {
    }

    @Name("AccessEventConnection")
    public record AccessEventConnection(@NonNull List<@NonNull AccessEventEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Name("AdminActionEdge")
    public record AdminActionEdge(@NonNull String cursor, @NonNull AdminActionView node) {
    }

    @Name("AdminActionConnection")
    public record AdminActionConnection(@NonNull List<@NonNull AdminActionEdge> edges, @NonNull PageInfo pageInfo) {
    }
}
