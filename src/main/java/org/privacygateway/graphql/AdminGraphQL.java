package org.privacygateway.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.audit.AdminAction;
import org.privacygateway.audit.AuditReads;
import org.privacygateway.error.GatewayException;
import org.privacygateway.error.Inputs;
import org.privacygateway.error.SafeText;
import org.privacygateway.partner.PartnerAdmin;
import org.privacygateway.policy.PolicyPublisher;
import org.privacygateway.security.AdminCaller;

/** The admin side: partners, the access log, the admin audit. Every operation needs realm role {@code admin}. */
/** Deny by default: every operation here is for the admin realm role (and AdminCaller checks again). */
@RolesAllowed("${gateway.identity.admin-role:admin}")
@GraphQLApi
@FailClosed
public class AdminGraphQL {

    static final int MAX_PAGE = 100;

    @Inject
    AdminCaller admin;

    @Inject
    PartnerAdmin partners;

    @Inject
    org.privacygateway.plan.DeclarationPlanner plans;

    @Inject
    AuditReads audit;

    @Inject
    org.privacygateway.webhook.WebhookDeliveries webhooks;

    @Inject
    Cursors cursors;

    @Inject
    org.privacygateway.policy.PolicyPublisher publisher;

    @Inject
    org.privacygateway.member.Disclosures disclosures;

    @Inject
    org.privacygateway.member.BirthDates birthDates;

    @Mutation("onboardPartner")
    @Description("Onboards a partner outside the partners/ files (an urgent change); the partner file sync leaves it alone.")
    public @NonNull PartnerView onboardPartner(@NonNull @Name("input") PartnerInput input) {
        String actor = admin.require();
        return PartnerView.of(partners.onboard(actor, input.toPartnerFile()));
    }

    @Mutation("updatePartner")
    @Description("Replaces a partner's settings and returns the plan of the change: requests added, removed or"
            + " narrowed with the members whose fields become masked, reworded justifications, other settings. A raised"
            + " level is refused (VALIDATION): it needs fresh consent. Narrowed requests take effect on the partner's"
            + " next request. With dryRun: true nothing is applied or recorded; only the plan is returned.")
    public @NonNull PlanViews.PartnerUpdateView updatePartner(@NonNull @Id @Name("id") String id,
            @NonNull @Name("input") PartnerInput input,
            @DefaultValue("false") @Description("Plan only: apply nothing, record nothing in the admin audit.")
            @Name("dryRun") boolean dryRun) {
        String actor = admin.require();
        org.privacygateway.partner.PartnerFile file = input.toPartnerFile();
        org.privacygateway.plan.DeclarationPlan plan = plans.planUpdate(id, file);
        if (dryRun) {
            return new PlanViews.PartnerUpdateView(false, PartnerView.of(partners.checkInput(id, file)),
                    PlanViews.PlanView.of(plan));
        }
        return new PlanViews.PartnerUpdateView(true, PartnerView.of(partners.update(actor, id, file)),
                PlanViews.PlanView.of(plan));
    }

    @Mutation("suspendPartner")
    @Description("Blocks the partner from its next request on, until an admin reactivates it.")
    public @NonNull PartnerView suspendPartner(@NonNull @Id @Name("id") String id,
            @NonNull @NotBlank(message = "is required: say why the partner is suspended")
            @SafeText(max = Inputs.REASON, multiLine = true) @Name("reason") String reason) {
        String actor = admin.require();
        return PartnerView.of(partners.suspend(actor, id, reason));
    }

    @Mutation("reactivatePartner")
    public @NonNull PartnerView reactivatePartner(@NonNull @Id @Name("id") String id) {
        String actor = admin.require();
        return PartnerView.of(partners.reactivate(actor, id));
    }

    @Mutation("publishPolicyVersion")
    @Description("Publishes a policy version; it must take effect at least gateway.policy.notice-days from now.")
    public @NonNull PolicyViews.PolicyVersionView publishPolicyVersion(@NonNull @Valid @Name("input") PolicyViews.PolicyVersionInput input) {
        String actor = admin.require();
        return PolicyViews.PolicyVersionView.of(publisher.publish(actor, new PolicyPublisher.Draft(input.version,
                input.url, input.summary, input.effectiveAt, input.matrixMap())));
    }

    @Mutation("recordDisclosure")
    @Description("Records a legal disclosure (court order, subpoena): the member sees it in their access history.")
    public @NonNull AccessEventView recordDisclosure(@NonNull @Valid @Name("input") PolicyViews.DisclosureInput input) {
        String actor = admin.require();
        return AccessEventView.of(disclosures.recordLegalDisclosure(actor, memberId(input.memberId),
                input.categories.isEmpty() ? java.util.Set.of() : java.util.EnumSet.copyOf(input.categories),
                input.recipient, input.legalBasis, input.reference));
    }

    @Mutation("recordGuardianRequest")
    @Description("A parent or guardian asked to remove a child's data: erases it and opts the child out of all promotions.")
    public @NonNull AccessEventView recordGuardianRequest(@NonNull @Valid @Name("input") PolicyViews.GuardianRequestInput input) {
        String actor = admin.require();
        return AccessEventView.of(disclosures.recordGuardianRequest(actor, memberId(input.memberId), input.reference));
    }

    @Mutation("correctMemberBirthDate")
    @Description("Sets a member's birth date after a parent's or guardian's verification: the only way a member recorded"
            + " as under 13 is made 13 or older. Recorded in the member's history and the admin audit.")
    public @NonNull AccessEventView correctMemberBirthDate(@NonNull @Valid @Name("input") PolicyViews.BirthDateCorrectionInput input) {
        String actor = admin.require();
        return AccessEventView.of(birthDates.correctAfterVerification(actor, memberId(input.memberId), input.birthDate,
                input.verificationReference));
    }

    private static UUID memberId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw GatewayException.validation("Field 'memberId' is not a member id.");
        }
    }

    @Query("adminPartners")
    @Description("Every partner, active or suspended, from files or the API.")
    public @NonNull List<@NonNull PartnerView> adminPartners() {
        admin.require();
        return partners.all().stream().map(PartnerView::of).toList();
    }

    @Query("webhookDeliveries")
    @Description("A partner's webhook deliveries, newest first; status one of PENDING, DELIVERED, FAILED, SKIPPED.")
    public @NonNull List<@NonNull WebhookDeliveryView> webhookDeliveries(
            @NonNull @Id @Name("partnerId") @Description("The partner whose deliveries to list.") String partnerId,
            @Name("status") @Description("Only deliveries in this status; omit for all.") String status,
            @Name("first") @Description("How many, newest first (default 20).") Integer first) {
        admin.require();
        org.privacygateway.error.Inputs.argument("partnerId", partnerId, org.privacygateway.error.Inputs.PARTNER_ID);
        return webhooks.of(partnerId, status, Cursors.pageSize(first, 20, MAX_PAGE)).stream()
                .map(WebhookDeliveryView::of).toList();
    }

    @Mutation("redeliverWebhook")
    @Description("Sends a parked (FAILED or SKIPPED) or delivered notice again, with a fresh day of retries.")
    public @NonNull WebhookDeliveryView redeliverWebhook(
            @NonNull @Id @Name("id") @Description("The delivery's id (its webhook-id).") String id) {
        String actor = admin.require();
        UUID delivery;
        try {
            delivery = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw GatewayException.validation("Argument 'id' is not a webhook delivery id.");
        }
        return WebhookDeliveryView.of(webhooks.redeliver(actor, delivery));
    }

    @Query("auditLog")
    @Description("Access events, newest first, optionally for one member (internal id) or one partner.")
    public @NonNull Connections.AccessEventConnection auditLog(@Id @Name("memberId") String memberId,
            @Id @Name("partnerId") String partnerId, @Name("first") Integer first, @Name("after") String after) {
        admin.require();
        int size = Cursors.pageSize(first, 20, MAX_PAGE);
        org.privacygateway.error.Inputs.argument("partnerId", partnerId, org.privacygateway.error.Inputs.PARTNER_ID);
        UUID member = null;
        if (memberId != null) {
            try {
                member = UUID.fromString(memberId);
            } catch (IllegalArgumentException e) {
                throw GatewayException.validation("Argument 'memberId' is not a member id.");
            }
        }
        Cursors.Position position = after == null ? null : cursors.decode(AUDIT_LOG, "after", after);
        List<AccessEvent> events = audit.accessEvents(member, partnerId, position == null ? null : position.at(),
                position == null ? null : position.id(), size + 1);
        return accessEventPage(events, size, cursors, AUDIT_LOG);
    }

    static final String AUDIT_LOG = "audit-log";
    static final String ADMIN_ACTIONS = "admin-actions";

    static Connections.AccessEventConnection accessEventPage(List<AccessEvent> events, int size, Cursors cursors,
            String scope) {
        boolean hasNext = events.size() > size;
        List<Connections.AccessEventEdge> edges = new ArrayList<>();
        for (AccessEvent e : events.subList(0, Math.min(size, events.size()))) {
            edges.add(new Connections.AccessEventEdge(cursors.encode(scope, e.occurredAt, e.id), AccessEventView.of(e)));
        }
        return new Connections.AccessEventConnection(edges,
                new PageInfo(hasNext, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Query("adminActions")
    @Description("Every admin change, newest first.")
    public @NonNull Connections.AdminActionConnection adminActions(@Name("first") Integer first,
            @Name("after") String after) {
        admin.require();
        int size = Cursors.pageSize(first, 20, MAX_PAGE);
        Cursors.Position position = after == null ? null : cursors.decode(ADMIN_ACTIONS, "after", after);
        List<AdminAction> actions = audit.adminActions(position == null ? null : position.at(),
                position == null ? null : position.id(), size + 1);
        boolean hasNext = actions.size() > size;
        List<Connections.AdminActionEdge> edges = new ArrayList<>();
        for (AdminAction a : actions.subList(0, Math.min(size, actions.size()))) {
            edges.add(new Connections.AdminActionEdge(cursors.encode(ADMIN_ACTIONS, a.occurredAt, a.id), AdminActionView.of(a)));
        }
        return new Connections.AdminActionConnection(edges,
                new PageInfo(hasNext, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }
}
