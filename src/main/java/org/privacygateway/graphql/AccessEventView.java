package org.privacygateway.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

@Name("AccessEvent")
@Description("A partner's read of a member (or a legal disclosure, or a guardian action): what was served and what was masked.")
public record AccessEventView(
        @Id @NonNull String id,
        @NonNull String requestId,
        @NonNull Instant occurredAt,
        @NonNull AccessEvent.Kind kind,
        String partnerId,
        @Description("The member's internal id (admins only see this list).") String memberId,
        Purpose purpose,
        @NonNull String operation,
        @NonNull List<@NonNull Served> served,
        @NonNull List<@NonNull Masked> masked,
        @Description("Legal disclosures: who received the data") String recipient,
        String legalBasis,
        String reference) {

    @Name("ServedCategory")
    public record Served(@NonNull DataCategory category, @NonNull DisclosureLevel level) {
    }

    @Name("MaskedCategory")
    public record Masked(@NonNull DataCategory category, @NonNull AccessReason reason) {
    }

    static AccessEventView of(AccessEvent e) {
        List<Served> served = new ArrayList<>();
        for (String[] pair : pairs(e.served)) {
            served.add(new Served(DataCategory.valueOf(pair[0]), DisclosureLevel.valueOf(pair[1])));
        }
        List<Masked> masked = new ArrayList<>();
        for (String[] pair : pairs(e.masked)) {
            masked.add(new Masked(DataCategory.valueOf(pair[0]), AccessReason.valueOf(pair[1])));
        }
        return new AccessEventView(e.id.toString(), e.requestId, e.occurredAt, e.kind, e.partnerId,
                e.memberId == null ? null : e.memberId.toString(), e.purpose, e.operation, served, masked, e.recipient,
                e.legalBasis, e.reference);
    }

    private static List<String[]> pairs(String list) {
        List<String[]> pairs = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return pairs;
        }
        for (String item : list.split(",")) {
            pairs.add(item.split(":", 2));
        }
        return pairs;
    }
}
