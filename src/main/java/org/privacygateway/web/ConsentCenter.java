package org.privacygateway.web;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.IdToken;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

import org.privacygateway.audit.AuditReads;
import org.privacygateway.config.GatewayConfig;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.consent.ConsentReceipt;
import org.privacygateway.consent.MemberConsents;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.member.MemberAccount;
import org.privacygateway.member.MemberDisclosures;
import org.privacygateway.member.ProfileChange;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerAdmin;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.policy.PolicyPublisher;
import org.privacygateway.policy.PolicyVersion;

/**
 * The consent center: server-rendered pages where a member sees every partner with its policy, decides what to
 * share with whom and why, sees what each partner can see and did see, and corrects, exports or erases their data.
 * Works without JavaScript; every form carries a CSRF token. The pages' view models are the records beside this
 * class ({@link Page}, {@link PartnerCard}, {@link HistoryRow}, {@link StampRow}), built by {@link PartnerCards} and
 * {@link HistoryRows}; what a consent's status is comes from the domain ({@code consent/ConsentStanding}).
 */
@Path("/consent")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ConsentCenter {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Page page, List<PartnerCard> cards, String notice, String noticeReceipt,
                Map<String, String> errors, List<PolicyVersion> upcoming);

        static native TemplateInstance history(Page page, List<HistoryRow> rows, long retentionDays);

        static native TemplateInstance profile(Page page, Member member, List<StampRow> stamps, String notice,
                Map<String, String> errors);

        static native TemplateInstance data(Page page, List<ConsentReceipt> receipts, String confirmation,
                Map<String, String> errors);

        static native TemplateInstance erased();
    }

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    MemberAccount accounts;

    @Inject
    ConsentLedger ledger;

    @Inject
    MemberConsents consents;

    @Inject
    MemberDisclosures disclosures;

    @Inject
    PartnerAdmin partners;

    @Inject
    AuditReads audit;

    @Inject
    ObjectMapper json;

    @Inject
    GatewayConfig config;

    @Inject
    PolicyPublisher publisher;

    @Inject
    Clock clock;

    private Member member() {
        return accounts.bySubject(idToken.getSubject());
    }

    private Page page(String title, Member m) {
        String name = m.givenName != null ? m.givenName : "there";
        return new Page(title, name, DisclosureDecision.isMinor(m.birthDate, clock.instant()), m.marketingOptOut);
    }

    // ---- partners and consents

    @GET
    public TemplateInstance index(@QueryParam("receipt") String receiptId) {
        Member m = member();
        UUID id = Forms.uuid(receiptId);
        ConsentReceipt r = id == null ? null : consents.receipt(m.id, id);
        String notice = r == null ? null : receiptNotice(r);
        return indexPage(m, notice, notice == null ? null : receiptId, Map.of());
    }

    private static String receiptNotice(ConsentReceipt r) {
        return switch (r.action) {
            case GRANT -> r.partnerName + " can now see " + Words.words(r.category) + " " + Words.words(r.purpose)
                    + " (" + Words.words(r.level) + "), until " + Words.date(r.expiresAt) + ".";
            default -> r.partnerName + " can no longer see " + Words.words(r.category) + " "
                    + Words.words(r.purpose) + ".";
        };
    }

    private TemplateInstance indexPage(Member m, String notice, String receiptId, Map<String, String> errors) {
        List<Partner> activePartners = partners.all().stream().filter(p -> p.status == PartnerStatus.ACTIVE).toList();
        List<PartnerCard> cards = PartnerCards.cards(activePartners, consents.consentsOf(m.id),
                disclosures.previews(m.id, activePartners), clock.instant());
        return Templates.index(page("Your data and our partners", m), cards, notice, receiptId, errors,
                publisher.upcoming());
    }

    @POST
    @Path("grant")
    public Response grant(@RestForm String partnerId, @RestForm String category, @RestForm String purpose,
            @RestForm String level) {
        Member m = member();
        String control = PartnerCards.controlId(partnerId, category, purpose);
        DataCategory c = Forms.choice(DataCategory.class, category);
        Purpose p = Forms.choice(Purpose.class, purpose);
        DisclosureLevel l = Forms.choice(DisclosureLevel.class, level);
        if (c == null || p == null || l == null) {
            return invalidChoice(m, control);
        }
        try {
            ConsentReceipt r = ledger.grant(m.id, partnerId, c, p, l);
            return seeOther("/consent?receipt=" + r.id + "#" + control);
        } catch (GatewayException e) {
            return Response.status(400).entity(indexPage(m, null, null, Map.of(control, e.getMessage()))).build();
        }
    }

    /** Revokes one consent, or with category and/or purpose left blank, every consent they match. */
    @POST
    @Path("revoke")
    public Response revoke(@RestForm String partnerId, @RestForm String category, @RestForm String purpose) {
        Member m = member();
        String control = PartnerCards.controlId(partnerId, category, purpose);
        boolean anyCategory = category == null || category.isBlank();
        boolean anyPurpose = purpose == null || purpose.isBlank();
        DataCategory c = anyCategory ? null : Forms.choice(DataCategory.class, category);
        Purpose p = anyPurpose ? null : Forms.choice(Purpose.class, purpose);
        if ((!anyCategory && c == null) || (!anyPurpose && p == null)) {
            return invalidChoice(m, control);
        }
        try {
            List<ConsentReceipt> receipts = ledger.revoke(m.id, partnerId, c, p);
            return seeOther("/consent" + (receipts.isEmpty() ? "" : "?receipt=" + receipts.get(0).id) + "#" + control);
        } catch (GatewayException e) {
            return Response.status(400).entity(indexPage(m, null, null, Map.of(control, e.getMessage()))).build();
        }
    }

    private Response invalidChoice(Member m, String control) {
        return Response.status(400).entity(indexPage(m, null, null, Map.of(control, "That choice is not valid.")))
                .build();
    }

    @POST
    @Path("marketing")
    public Response marketing(@RestForm String optOut) {
        Member m = member();
        accounts.setMarketingOptOut(m.id, "true".equals(optOut));
        return seeOther("/consent#marketing");
    }

    // ---- history

    @GET
    @Path("history")
    public TemplateInstance history() {
        Member m = member();
        Map<String, String> names = new LinkedHashMap<>();
        partners.all().forEach(p -> names.put(p.id, p.displayName));
        List<HistoryRow> rows = HistoryRows.rows(audit.accessEvents(m.id, null, null, null, 200), names);
        return Templates.history(page("Who saw your data", m), rows, config.audit().retention().toDays());
    }

    // ---- profile

    @GET
    @Path("profile")
    public TemplateInstance profile(@QueryParam("saved") String saved, @QueryParam("confirmed") String confirmed) {
        Member m = member();
        String notice = saved != null ? "Your profile was saved."
                : confirmed != null ? "Thank you: your data is confirmed under today's privacy policy." : null;
        return profilePage(m, notice, Map.of());
    }

    private TemplateInstance profilePage(Member m, String notice, Map<String, String> errors) {
        Map<DataCategory, Integer> stamps = m.collectedUnder();
        List<StampRow> rows = new ArrayList<>();
        for (DataCategory c : DataCategory.values()) {
            rows.add(new StampRow(c, stamps.get(c)));
        }
        return Templates.profile(page("Your profile", m), m, rows, notice, errors);
    }

    @POST
    @Path("profile")
    public Response updateProfile(@RestForm String given, @RestForm String family, @RestForm String email,
            @RestForm String phone, @RestForm String street, @RestForm String city, @RestForm String region,
            @RestForm String postalCode, @RestForm String country, @RestForm String companyName,
            @RestForm String birthDate) {
        Member m = member();
        try {
            accounts.updateProfile(m.id, new ProfileChange(new ProfileChange.Name(given, family), email, phone,
                    new ProfileChange.Address(street, city, region, postalCode, country),
                    new ProfileChange.CompanyChange(companyName, null), Forms.date("birthDate", birthDate)));
            return seeOther("/consent/profile?saved=1");
        } catch (GatewayException e) {
            return Response.status(400).entity(profilePage(m, null, Map.of(Forms.profileErrorPlace(e), e.getMessage()))).build();
        }
    }

    @POST
    @Path("confirm")
    public Response confirm() {
        Member m = member();
        accounts.confirm(m.id, m.collectedUnder().isEmpty() ? EnumSet.noneOf(DataCategory.class)
                : EnumSet.copyOf(m.collectedUnder().keySet()));
        return seeOther("/consent/profile?confirmed=1");
    }

    // ---- export and erasure

    @GET
    @Path("data")
    public TemplateInstance data() {
        Member m = member();
        return Templates.data(page("Export or erase your data", m), consents.receiptsOf(m.id),
                MemberAccount.ERASE_CONFIRMATION, Map.of());
    }

    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export() throws JsonProcessingException {
        Member m = member();
        return Response.ok(json.writerWithDefaultPrettyPrinter().writeValueAsString(accounts.export(m.id)))
                .header("Content-Disposition", "attachment; filename=\"my-data.json\"")
                .build();
    }

    @GET
    @Path("receipts/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receipt(@PathParam("id") String id) throws JsonProcessingException {
        Member m = member();
        UUID receiptId = Forms.uuid(id);
        ConsentReceipt r = receiptId == null ? null : consents.receipt(m.id, receiptId);
        if (r == null) {
            return Response.status(404).type(MediaType.TEXT_PLAIN).entity("No such receipt.").build();
        }
        return Response.ok(json.writerWithDefaultPrettyPrinter().writeValueAsString(r.document()))
                .header("Content-Disposition", "attachment; filename=\"consent-receipt-" + r.id + ".json\"")
                .build();
    }

    @POST
    @Path("erase")
    public Response erase(@RestForm String confirm) {
        Member m = member();
        try {
            accounts.erase(m.id, confirm);
        } catch (GatewayException e) {
            return Response.status(400).entity(Templates.data(page("Export or erase your data", m),
                    consents.receiptsOf(m.id), MemberAccount.ERASE_CONFIRMATION, Map.of("confirm", e.getMessage())))
                    .build();
        }
        return Response.ok(Templates.erased()).build();
    }

    // ---- helpers

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
