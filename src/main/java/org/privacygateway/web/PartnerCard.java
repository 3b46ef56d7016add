package org.privacygateway.web;

import java.util.List;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/**
 * One partner as the consent center shows it, every text already in the member's language: who, whose policy, what
 * it can see now in one line (the overview), and, for its own page, its requests grouped by purpose with the member's
 * choice for each, and a preview of what it receives now. Built by {@link PartnerCards}.
 *
 * @param policyHost the host the policy link leads to, shown beside it so members see whose page it is
 * @param summary one line: what the partner can see now
 * @param sharing whether the partner can see anything now
 */
public record PartnerCard(String id, String name, Badge badge, String policyUrl, String policyHost,
        List<String> hosts, String privacyContact, String summary, boolean sharing, List<PurposeGroup> groups,
        List<PurposePreview> previews, List<String> notInEffect) {

    /** The partner's logo served by the gateway, or (without one) its initials on a colour chosen by its id. */
    public record Badge(String logoPath, String initials, int colour) {
    }

    /** The requests of one purpose. */
    public record PurposeGroup(Purpose purpose, String anchor, String title, List<RequestRow> rows) {
    }

    /**
     * One declared request with the member's consent to it, and, right after a change to it, the result.
     *
     * @param sample the member's own value as the partner would receive it at the declared level
     */
    public record RequestRow(String controlId, DataCategory category, Purpose purpose, String title, String levelText,
            String sample, String justification, String status, DisclosureLevel declared,
            DisclosureLevel consentedLevel, boolean active, boolean expired, Labels labels, Feedback feedback) {
    }

    /** The accessible names of a row's buttons, which say partner, data and purpose. */
    public record Labels(String allow, String dontAllow, String stop, String renew) {
    }

    /** The result of the change just made to a row: a notice with its receipt, or an error. */
    public record Feedback(String notice, String receiptId, String error) {
    }

    /** What the partner receives now for one purpose, category by category in the order of the requests. */
    public record PurposePreview(String title, List<PreviewRow> rows) {
    }

    public record PreviewRow(String what, String shown, String because, boolean masked) {
    }
}
