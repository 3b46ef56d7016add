package org.privacygateway.plan;

import java.util.List;

import org.privacygateway.partner.DeclarationChange;

/**
 * What applying one partner's declaration would change, with the members it would affect counted (never listed).
 *
 * @param source   where the declaration comes from: a file's path, or {@code admin API}
 * @param problems why the declaration cannot be applied at all (refused changes included); empty when it can
 */
public record DeclarationPlan(String partnerId, String source, Status status, List<Row> rows, List<String> problems) {

    /** The partner as a whole. */
    public enum Status {
        /** The database does not hold it yet. */
        NEW,
        /** Something differs. */
        CHANGED,
        /** Nothing differs. */
        UNCHANGED,
        /** Its file is gone: the sync would suspend it. */
        SUSPENDED
    }

    /**
     * One change with its effect on members.
     *
     * @param membersMasked   members who are served the field now and would get {@code null} (masked) afterwards
     * @param membersNarrowed members who are served the field in full now and would get only its PARTIAL form
     */
    public record Row(DeclarationChange change, int membersMasked, int membersNarrowed) {
    }

    /** True when a change would take a field away from, or narrow it for, at least one member it is served to now. */
    public boolean masksFieldsInUse() {
        return rows.stream().anyMatch(r -> r.membersMasked() > 0 || r.membersNarrowed() > 0);
    }

    /** True when the declaration cannot be applied: an invalid input or a refused change (a raised level). */
    public boolean refused() {
        return !problems.isEmpty();
    }
}
