package org.privacygateway.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.FieldDecision;

@Description("How one category of a member was served to the calling partner, and why.")
public record FieldAccess(@NonNull DataCategory category, @NonNull DisclosureLevel level, @NonNull AccessReason reason) {

    static FieldAccess of(FieldDecision d) {
        return new FieldAccess(d.category(), d.level(), d.reason());
    }
}
