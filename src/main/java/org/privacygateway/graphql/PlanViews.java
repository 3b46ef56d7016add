package org.privacygateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.Purpose;
import org.privacygateway.plan.DeclarationPlan;

/** The plan of a partner change as the admin API shows it: changes and member counts, never a member. */
public final class PlanViews {

    private PlanViews() {
    }

    @Name("PartnerUpdate")
    @Description("The result of updatePartner: the partner as stored afterwards (unchanged on a dry run), and the plan"
            + " of what the update changes.")
    public record PartnerUpdateView(
            @Description("True when the update was applied; false on a dry run.") boolean applied,
            @Description("The partner as the database holds it after the call.") @NonNull PartnerView partner,
            @Description("What the update changes and how many members it affects.") @NonNull PlanView plan) {
    }

    @Name("PartnerPlan")
    @Description("What applying a partner declaration changes, like a plan before an apply. Counts only.")
    public record PlanView(
            @Description("The partner's id.") @NonNull String partnerId,
            @Description("NEW, CHANGED or UNCHANGED (SUSPENDED when its file is gone).") @NonNull String status,
            @Description("Every change, requests first, then other settings.") @NonNull List<@NonNull PlanChangeView> changes,
            @Description("True when a change would mask or narrow a field for at least one member served it now.")
            boolean masksFieldsInUse,
            @Description("Why the declaration cannot be applied (a raised level); empty when it can.")
            @NonNull List<@NonNull String> problems) {

        public static PlanView of(DeclarationPlan plan) {
            return new PlanView(plan.partnerId(), plan.status().name(),
                    plan.rows().stream().map(PlanChangeView::of).toList(), plan.masksFieldsInUse(), plan.problems());
        }
    }

    @Name("PartnerPlanChange")
    @Description("One change of a partner declaration and the members it affects.")
    public record PlanChangeView(
            @Description("PARTNER_ADDED, REQUEST_ADDED, REQUEST_REMOVED, LEVEL_NARROWED, LEVEL_WIDENED (refused),"
                    + " JUSTIFICATION_CHANGED, SETTING_CHANGED, PARTNER_SUSPENDED or PARTNER_REACTIVATED.")
            @NonNull String kind,
            @Description("The request's category; null for a setting.") DataCategory category,
            @Description("The request's purpose; null for a setting.") Purpose purpose,
            @Description("The level (or setting, or text) held now; null when there is none.") String before,
            @Description("The level (or setting, or text) after the change; null when there is none.") String after,
            @Description("For a setting: its name.") String setting,
            @Description("Members served this field now who would get null (masked, NOT_REQUESTED) afterwards.")
            int membersMasked,
            @Description("Members served this field in full now who would get only its PARTIAL form afterwards.")
            int membersNarrowed) {

        public static PlanChangeView of(DeclarationPlan.Row row) {
            var c = row.change();
            return new PlanChangeView(c.kind().name(), c.category(), c.purpose(), c.before(), c.after(),
                    c.kind() == org.privacygateway.partner.DeclarationChange.Kind.SETTING_CHANGED ? c.detail() : null,
                    row.membersMasked(), row.membersNarrowed());
        }
    }
}
