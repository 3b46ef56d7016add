package org.privacygateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.NonNull;

public record SharedMemberConnection(@NonNull List<@NonNull SharedMemberEdge> edges, @NonNull PageInfo pageInfo) {
}
