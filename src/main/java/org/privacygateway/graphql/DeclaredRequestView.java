package org.privacygateway.graphql;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.partner.DeclaredRequest;

@Name("PartnerRequest")
public record DeclaredRequestView(@NonNull DataCategory category, @NonNull Purpose purpose, @NonNull DisclosureLevel level,
        @NonNull String justification) {

    static DeclaredRequestView of(DeclaredRequest r) {
        return new DeclaredRequestView(r.category, r.purpose, r.level, r.justification);
    }
}
