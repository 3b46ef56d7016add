package org.privacygateway.graphql;

import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerStatus;

@Name("Partner")
@Description("A co-branded partner: who it is, whose privacy policy applies, and what it asks members for.")
public record PartnerView(
        @Id @NonNull String id,
        @NonNull String displayName,
        @NonNull String kind,
        @NonNull PartnerStatus status,
        @NonNull String policyUrl,
        String logoUrl,
        String privacyContact,
        @NonNull List<@NonNull String> hosts,
        @NonNull List<@NonNull DeclaredRequestView> requests,
        @NonNull int rateLimitPerMinute) {

    static PartnerView of(Partner p) {
        return new PartnerView(p.id, p.displayName, p.kind, p.status, p.policyUrl, p.logoUrl, p.privacyContact,
                p.hosts.stream().sorted().toList(),
                p.requests.stream()
                        .sorted(Comparator.comparing((org.privacygateway.partner.DeclaredRequest r) -> r.category)
                                .thenComparing(r -> r.purpose))
                        .map(DeclaredRequestView::of)
                        .toList(),
                p.rateLimitPerMinute);
    }
}
