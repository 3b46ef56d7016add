package org.privacygateway.graphql;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.audit.AdminAction;

@Name("AdminAction")
@Description("One admin change: who, what, when, and the target's state before and after (JSON).")
public record AdminActionView(@Id @NonNull String id, @NonNull Instant occurredAt, @NonNull String actor,
        @NonNull String action, @NonNull String targetType, @NonNull String targetId, String reason, String before,
        String after) {

    static AdminActionView of(AdminAction a) {
        return new AdminActionView(a.id.toString(), a.occurredAt, a.actor, a.action, a.targetType, a.targetId,
                a.reason, a.beforeState, a.afterState);
    }
}
