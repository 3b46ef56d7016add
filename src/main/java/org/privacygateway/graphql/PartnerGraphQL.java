package org.privacygateway.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;

import org.privacygateway.consent.ConsentEvent;
import org.privacygateway.consent.MemberConsents;
import org.privacygateway.consent.PairwiseIds;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.MemberDisclosures;
import org.privacygateway.member.MemberDisclosures.Disclosed;
import org.privacygateway.partner.Partner;
import org.privacygateway.policy.PolicyService;
import org.privacygateway.policy.PolicyVersion;
import org.privacygateway.security.PartnerCaller;

/** The partner side of the contract: who am I, one member, a page of members. */
/** Deny by default: every operation here is for the partner realm role (and PartnerCaller checks again). */
@RolesAllowed("${gateway.identity.partner-role:partner}")
@GraphQLApi
@FailClosed
public class PartnerGraphQL {

    static final int MAX_PAGE = 100;

    @Inject
    PartnerCaller caller;

    @Inject
    MemberDisclosures disclosures;

    @Inject
    PolicyService policies;

    @Inject
    PairwiseIds pairwiseIds;

    @Inject
    MemberConsents consents;

    @Inject
    org.privacygateway.member.AudienceStats stats;

    @Inject
    Context context;

    @Inject
    Cursors cursors;

    @Query("partner")
    @Description("The calling partner, as the gateway knows it.")
    public @NonNull PartnerView partner() {
        Partner partner = callingPartner();
        notePolicy(policies.snapshot().current());
        return PartnerView.of(partner);
    }

    @Query("member")
    @Description("One member by the pairwise id this partner received, for a purpose; null if there is no such member"
            + " (or none this partner may know of). Not for ANALYTICS: use audienceStats.")
    public SharedMember member(@NonNull @Id @Name("id") String id, @NonNull @Name("purpose") Purpose purpose) {
        Partner partner = callingPartner();
        MemberDisclosures.requireIndividualPurpose(purpose);
        if (!PairwiseIds.wellFormed(id)) {
            throw GatewayException.validation(
                    "Argument 'id' is not a member id: expected 'pw_' followed by 22 base64url characters.");
        }
        UUID memberId = pairwiseIds.resolve(partner.id, id);
        DataFetchingEnvironment env = context.unwrap(DataFetchingEnvironment.class);
        SelectedCategories selected = SelectedCategories.of(env, "");
        PrivacyNotes notes = notes(env);
        MemberDisclosures.Result result = disclosures.one(partner, memberId, purpose, selected.categories(),
                notes.requestId);
        notePolicy(result.policy().current());
        return result.single().map(d -> {
            noteMasks(notes, env, selected, d, 0);
            return new SharedMember(d);
        }).orElse(null);
    }

    @Query("members")
    @Description("The members with a live consent to this partner for the purpose, 20 to a page by default, at most 100."
            + " Not for ANALYTICS: use audienceStats.")
    public @NonNull SharedMemberConnection members(@NonNull @Name("purpose") Purpose purpose,
            @Name("first") @DefaultValue("20") Integer first, @Name("after") String after) {
        Partner partner = callingPartner();
        MemberDisclosures.requireIndividualPurpose(purpose);
        int pageSize = first == null ? 20 : first;
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw GatewayException.validation("Argument 'first' must be between 1 and " + MAX_PAGE + ".");
        }
        // A page costs one unit per member asked for (the field's own unit included), before anything is read.
        caller.charge(pageSize - 1);
        UUID afterMember = null;
        if (after != null) {
            if (!PairwiseIds.wellFormed(after)) {
                throw GatewayException.validation(
                        "Argument 'after' is not a cursor: pass the endCursor or an edge's cursor of a previous page.");
            }
            afterMember = pairwiseIds.resolve(partner.id, after);
        }
        DataFetchingEnvironment env = context.unwrap(DataFetchingEnvironment.class);
        SelectedCategories selected = SelectedCategories.of(env, "edges/node");
        PrivacyNotes notes = notes(env);
        MemberDisclosures.Result result = disclosures.page(partner, purpose, pageSize, afterMember,
                selected.categories(), notes.requestId);
        notePolicy(result.policy().current());
        List<SharedMemberEdge> edges = new ArrayList<>(result.members().size());
        for (Disclosed d : result.members()) {
            noteMasks(notes, env, selected, d, edges.size());
            // The cursor is the member's pairwise id: opaque, and meaningless to any other partner.
            edges.add(new SharedMemberEdge(d.pairwiseId(), new SharedMember(d)));
        }
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new SharedMemberConnection(edges, new PageInfo(result.hasNext(), endCursor));
    }

    @Query("audienceStats")
    @Description("Aggregates of the members who allowed ANALYTICS to this partner, from the latest daily snapshot: counts"
            + " rounded, buckets under k left out. The only way ANALYTICS is served.")
    public @NonNull PolicyViews.AudienceStatsView audienceStats() {
        Partner partner = callingPartner();
        if (!partner.terms().declares(Purpose.ANALYTICS)) {
            throw GatewayException.forbidden("Audience statistics are only for partners that declared ANALYTICS.");
        }
        return PolicyViews.AudienceStatsView.of(stats.forPartner(partner.id));
    }

    @Query("consentChanges")
    @Description("Consents that ended (revoked, expired, erased), oldest first: delete or stop using what you copied.")
    public @NonNull MemberViews.ConsentChangeConnection consentChanges(@Name("after") String after,
            @Name("first") Integer first) {
        Partner partner = callingPartner();
        int size = Cursors.pageSize(first, 20, MAX_PAGE);
        caller.charge(size - 1);
        // Sealed per partner: another partner's cursor, or an edited one, is refused before any read.
        String scope = "consent-changes/" + partner.id;
        Cursors.Position position = after == null ? null : cursors.decode(scope, "after", after);
        List<ConsentEvent> events = consents.changesFor(partner.id, position == null ? null : position.at(),
                position == null ? null : position.id(), size + 1);
        boolean hasNext = events.size() > size;
        List<MemberViews.ConsentChangeEdge> edges = new ArrayList<>();
        for (ConsentEvent e : events.subList(0, Math.min(size, events.size()))) {
            MemberViews.ConsentChangeType type = switch (e.action) {
                case EXPIRE -> MemberViews.ConsentChangeType.EXPIRED;
                case ERASE -> MemberViews.ConsentChangeType.ERASED;
                default -> MemberViews.ConsentChangeType.REVOKED;
            };
            String memberId = e.pairwiseMemberId != null ? e.pairwiseMemberId : pairwiseIds.toPairwise(partner.id, e.memberId);
            edges.add(new MemberViews.ConsentChangeEdge(cursors.encode(scope, e.occurredAt, e.id),
                    new MemberViews.ConsentChange(type, memberId, e.category, e.purpose, e.occurredAt)));
        }
        return new MemberViews.ConsentChangeConnection(edges,
                new PageInfo(hasNext, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    /** Resolves the caller (which also puts its policy link on the HTTP response) and notes its policy. */
    private Partner callingPartner() {
        Partner partner = caller.require();
        notes(context.unwrap(DataFetchingEnvironment.class)).partnerPolicy(partner.policyUrl);
        return partner;
    }

    private void notePolicy(PolicyVersion current) {
        notes(context.unwrap(DataFetchingEnvironment.class)).gatewayPolicy(current.version, current.url);
    }

    private static PrivacyNotes notes(DataFetchingEnvironment env) {
        return PrivacyNotes.of(env.getGraphQlContext());
    }

    private static void noteMasks(PrivacyNotes notes, DataFetchingEnvironment env, SelectedCategories selected,
            Disclosed member, int index) {
        List<Object> root = env.getExecutionStepInfo().getPath().toList();
        for (SelectedCategories.Selection s : selected.selections()) {
            FieldDecision d = member.decisions().get(s.category());
            if (d.masked()) {
                notes.masked(SelectedCategories.absolute(root, s.path(), index), s.category(), d.reason());
            }
        }
    }
}
