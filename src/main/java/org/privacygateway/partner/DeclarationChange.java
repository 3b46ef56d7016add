package org.privacygateway.partner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.Purpose;

/**
 * One difference between what the database holds for a partner and what a file (or an admin's input) declares.
 * Pure: computed from the stored partner and the new declaration, so the file sync, the admin API and the plan
 * classify a change the same way.
 *
 * @param before the level (or setting) held now; null when there was none
 * @param after  the level (or setting) declared; null when there is none
 * @param detail for a setting: its name; for a justification: the new text
 */
public record DeclarationChange(Kind kind, DataCategory category, Purpose purpose, String before, String after,
        String detail) {

    /** What kind of change, and what it does to members' fields. */
    public enum Kind {
        /** A partner the database does not hold yet: no member has consented to it, nothing is served. */
        PARTNER_ADDED,
        /** A new (category, purpose): no member is affected until they consent to it. */
        REQUEST_ADDED,
        /** A request dropped: every member's field served under it becomes masked ({@code NOT_REQUESTED}). */
        REQUEST_REMOVED,
        /** FULL to PARTIAL: members who consented at FULL get the PARTIAL form from then on. */
        LEVEL_NARROWED,
        /** PARTIAL to FULL: refused; a wider level needs each member's fresh consent. */
        LEVEL_WIDENED,
        /** The partner's reason for a request (what members read before they consent) is reworded. */
        JUSTIFICATION_CHANGED,
        /** Any other setting: name, kind, client, hosts, policy link, contact, rate limit. */
        SETTING_CHANGED,
        /** The file is gone: the sync suspends the partner, which masks every field it is served. */
        PARTNER_SUSPENDED,
        /** The file is back for a partner the sync had suspended: its consents serve again. */
        PARTNER_REACTIVATED
    }

    /** True for a change the gateway refuses to apply. */
    public boolean refused() {
        return kind == Kind.LEVEL_WIDENED;
    }

    /** True for a change that can take fields away from members who consented. */
    public boolean masks() {
        return kind == Kind.REQUEST_REMOVED || kind == Kind.LEVEL_NARROWED;
    }

    /** Why a refused change is refused, in words for a partner manager. */
    public String refusal() {
        return category + " for " + purpose + " would widen from " + before + " to " + after
                + ": a wider level needs each member's fresh consent, so a declared level is never raised in place."
                + " Remove the request, apply, then declare it again at " + after
                + " (members then choose the wider level themselves; a consent given at " + before + " stays "
                + before + ").";
    }

    /**
     * Every difference from the stored partner to the new declaration, requests first (in the declaration's order,
     * then the removed ones), then settings. {@code stored} null: the partner is new.
     */
    public static List<DeclarationChange> between(Partner stored, PartnerFile next) {
        List<DeclarationChange> changes = new ArrayList<>();
        if (stored == null) {
            changes.add(new DeclarationChange(Kind.PARTNER_ADDED, null, null, null, null, next.displayName()));
            for (PartnerFile.Request r : next.requests()) {
                changes.add(new DeclarationChange(Kind.REQUEST_ADDED, r.category(), r.purpose(), null,
                        r.level().name(), null));
            }
            return changes;
        }
        if (stored.source == PartnerSource.FILE && stored.status == PartnerStatus.SUSPENDED && !stored.suspendedByAdmin) {
            changes.add(new DeclarationChange(Kind.PARTNER_REACTIVATED, null, null, "SUSPENDED", "ACTIVE", null));
        }
        Set<DeclaredRequest> held = new LinkedHashSet<>(stored.requests);
        for (PartnerFile.Request r : next.requests()) {
            DeclaredRequest old = held.stream().filter(h -> h.category == r.category() && h.purpose == r.purpose())
                    .findFirst().orElse(null);
            if (old == null) {
                changes.add(new DeclarationChange(Kind.REQUEST_ADDED, r.category(), r.purpose(), null, r.level().name(),
                        null));
                continue;
            }
            held.remove(old);
            if (r.level().isAbove(old.level)) {
                changes.add(new DeclarationChange(Kind.LEVEL_WIDENED, r.category(), r.purpose(), old.level.name(),
                        r.level().name(), null));
            } else if (old.level.isAbove(r.level())) {
                changes.add(new DeclarationChange(Kind.LEVEL_NARROWED, r.category(), r.purpose(), old.level.name(),
                        r.level().name(), null));
            }
            if (!Objects.equals(old.justification, r.justification())) {
                changes.add(new DeclarationChange(Kind.JUSTIFICATION_CHANGED, r.category(), r.purpose(),
                        old.justification, r.justification(), "justification"));
            }
        }
        for (DeclaredRequest gone : held) {
            changes.add(new DeclarationChange(Kind.REQUEST_REMOVED, gone.category, gone.purpose, gone.level.name(),
                    null, null));
        }
        setting(changes, "displayName", stored.displayName, next.displayName());
        setting(changes, "kind", stored.kind, next.kind());
        setting(changes, "clientId", stored.clientId, next.clientId());
        setting(changes, "hosts", String.join(", ", stored.hosts.stream().sorted().toList()),
                String.join(", ", next.hosts().stream().sorted().toList()));
        setting(changes, "policyUrl", stored.policyUrl, next.policyUrl());
        setting(changes, "logoUrl", stored.logoUrl, next.logoUrl());
        setting(changes, "privacyContact", stored.privacyContact, next.privacyContact());
        setting(changes, "rateLimitPerMinute", String.valueOf(stored.rateLimitPerMinute),
                String.valueOf(next.rateLimitPerMinute()));
        return changes;
    }

    /** What the file sync does to a file partner whose file is gone: suspends it, masking every request. */
    public static List<DeclarationChange> suspension(Partner stored) {
        List<DeclarationChange> changes = new ArrayList<>();
        changes.add(new DeclarationChange(Kind.PARTNER_SUSPENDED, null, null, "ACTIVE", "SUSPENDED",
                "Partner file removed"));
        for (DeclaredRequest r : stored.requests) {
            changes.add(new DeclarationChange(Kind.REQUEST_REMOVED, r.category, r.purpose, r.level.name(), null,
                    "partner suspended"));
        }
        return changes;
    }

    private static void setting(List<DeclarationChange> changes, String name, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new DeclarationChange(Kind.SETTING_CHANGED, null, null, before, after, name));
        }
    }
}
