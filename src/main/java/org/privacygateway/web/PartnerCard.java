package org.privacygateway.web;

import java.time.Instant;
import java.util.List;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.partner.Partner;

/**
 * One partner on the consent center's main page: who, whose policy, what it asks for with the member's choice for
 * each, and a preview of what it would see. Built by {@link PartnerCards}.
 *
 * @param policyHost the host the policy link leads to, shown beside it so members see whose page it is
 */
public record PartnerCard(Partner partner, String policyHost, List<String> hosts, List<RequestRow> rows,
        List<PurposePreview> previews, List<String> notInEffect) {

    /** One declared request with the member's consent to it, if any. */
    public record RequestRow(String controlId, DataCategory category, Purpose purpose, DisclosureLevel declared,
            String justification, String status, DisclosureLevel consentedLevel, Instant expiresAt, boolean active,
            boolean expired) {
    }

    /** What the partner would see for one purpose, category by category. */
    public record PurposePreview(Purpose purpose, List<PreviewRow> rows) {
    }

    public record PreviewRow(DataCategory category, String shown, String why, boolean masked) {
    }
}
