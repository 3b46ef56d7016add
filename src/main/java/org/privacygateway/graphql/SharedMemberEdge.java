package org.privacygateway.graphql;

import org.eclipse.microprofile.graphql.NonNull;

public record SharedMemberEdge(@NonNull String cursor, @NonNull SharedMember node) {
}
