package org.privacygateway.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
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
import org.privacygateway.consent.Consent;
import org.privacygateway.consent.ConsentEvent;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.consent.ConsentReceipt;
import org.privacygateway.consent.MemberConsents;
import org.privacygateway.error.ErrorCode;
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
import org.privacygateway.partner.PartnerPresentation;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.policy.PolicyPublisher;
import org.privacygateway.policy.PolicyVersion;
import org.privacygateway.web.PartnerCard.Feedback;

/**
 * The consent center: server-rendered pages, in English or Simplified Chinese, where a member sees every partner
 * with its policy (an overview that stays short, and one page per partner), decides what to share with whom and
 * why, sees what each partner can see and did see, and corrects, exports or erases their data. Works without
 * JavaScript; every form carries a CSRF token. After a change the page returns to the row that changed, with the
 * result (or the error) in that row and focus on it.
 */
@Path("/consent")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class ConsentCenter {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Page page, Overview overview, String marketingNotice, String error,
                List<PolicyVersion> upcoming);

        static native TemplateInstance partner(Page page, PartnerCard card, List<HistoryRow> history);

        static native TemplateInstance history(Page page, List<HistoryRow> rows, long retentionDays);

        static native TemplateInstance profile(Page page, ProfileForm form, List<DataCategory> categories,
                Map<DataCategory, Integer> stamps, String notice, Map<String, String> errors);

        static native TemplateInstance data(Page page, List<String> receipts, List<String> receiptIds,
                String confirmation, Map<String, String> errors);

        static native TemplateInstance erased(Page page);
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
    PartnerPresentation presentation;

    @Inject
    AuditReads audit;

    @Inject
    ObjectMapper json;

    @Inject
    GatewayConfig config;

    @Inject
    PolicyPublisher publisher;

    @Inject
    Language language;

    @Inject
    Validator validator;

    @Inject
    Clock clock;

    private Member member() {
        return accounts.bySubject(idToken.getSubject());
    }

    private Page page(String title, Member m) {
        return new Page(title, m.givenName, DisclosureDecision.isMinor(m.birthDate, clock.instant()), m.marketingOptOut);
    }

    private PartnerCards cards() {
        return new PartnerCards(language.msg(), language, presentation, clock.instant());
    }

    private List<Partner> activePartners() {
        return partners.all().stream().filter(p -> p.status == PartnerStatus.ACTIVE).toList();
    }

    // ---- overview

    @GET
    public TemplateInstance index(@QueryParam("q") String query, @QueryParam("show") String show,
            @QueryParam("page") String page, @QueryParam("done") String done) {
        Member m = member();
        Msg msg = language.msg();
        String notice = !"marketing".equals(done) ? null : m.marketingOptOut ? msg.marketingNowOut() : msg.marketingNowIn();
        return overviewPage(m, query, "sharing".equals(show), Forms.positive(page), notice, null);
    }

    private TemplateInstance overviewPage(Member m, String query, boolean onlySharing, int pageNumber,
            String marketingNotice, String error) {
        List<Partner> active = activePartners();
        Map<String, Map<Purpose, MemberDisclosures.Disclosed>> previews = disclosures.previews(m.id, active);
        List<Consent> all = consents.consentsOf(m.id).stream().map(MemberConsents.Entry::consent).toList();
        PartnerCards builder = cards();
        List<PartnerCard> cards = new ArrayList<>();
        for (Partner p : active) {
            cards.add(builder.card(p, all.stream().filter(c -> c.partnerId.equals(p.id)).toList(),
                    previews.getOrDefault(p.id, Map.of()), m.values(), Map.of()));
        }
        Comparator<PartnerCard> byName = Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT));
        cards.sort(byName);
        boolean searchable = cards.size() > Overview.PAGE_SIZE;
        String q = query == null ? "" : query.strip();
        String needle = q.toLowerCase(Locale.ROOT);
        List<PartnerCard> matching = cards.stream()
                .filter(c -> !searchable || !onlySharing || c.sharing())
                .filter(c -> !searchable || needle.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(needle)
                        || c.id().contains(needle) || c.hosts().stream().anyMatch(h -> h.contains(needle)))
                .toList();
        int pages = Math.max(1, (matching.size() + Overview.PAGE_SIZE - 1) / Overview.PAGE_SIZE);
        int current = Math.min(pageNumber, pages);
        int from = searchable ? (current - 1) * Overview.PAGE_SIZE : 0;
        int to = searchable ? Math.min(matching.size(), from + Overview.PAGE_SIZE) : matching.size();
        String pageQuery = (q.isEmpty() ? "" : "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                + (onlySharing ? "&show=sharing" : "");
        Overview overview = new Overview(matching.subList(from, to), searchable, q, onlySharing, cards.size(),
                matching.size(), matching.isEmpty() ? 0 : from + 1, to, current,
                searchable ? IntStream.rangeClosed(1, pages).boxed().toList() : List.of(), pageQuery);
        return language.render(Templates.index(page(language.msg().overviewTitle(), m), overview, marketingNotice,
                error, publisher.upcoming()));
    }

    // ---- one partner

    @GET
    @Path("partners/{id}")
    public Response partner(@PathParam("id") String partnerId, @QueryParam("row") String row,
            @QueryParam("receipt") String receiptId, @QueryParam("none") String none) {
        Member m = member();
        Partner p = activePartner(partnerId);
        if (p == null) {
            return Response.status(404).entity(overviewPage(m, null, false, 1, null, language.msg().errorChoice()))
                    .build();
        }
        Map<String, Feedback> feedback = new HashMap<>();
        if (row != null) {
            UUID id = Forms.uuid(receiptId);
            ConsentReceipt r = id == null ? null : consents.receipt(m.id, id);
            if (r != null && r.partnerId.equals(p.id)) {
                feedback.put(PartnerCards.controlId(p.id, r.category, r.purpose),
                        new Feedback(receiptNotice(p, r), r.id.toString(), null));
            } else if (none != null) {
                DataCategory c = Forms.choice(DataCategory.class, Forms.part(row, p.id, 0));
                Purpose u = Forms.choice(Purpose.class, Forms.part(row, p.id, 1));
                if (c != null && u != null) {
                    PartnerCards cards = cards();
                    feedback.put(PartnerCards.controlId(p.id, c, u), new Feedback(language.msg().noticeNothingToStop(
                            presentation.displayName(p, language.getCode()), language.msg().categoryWords(c),
                            cards.purposeText(p, u)), null, null));
                }
            }
        }
        return Response.ok(partnerPage(m, p, feedback)).build();
    }

    private TemplateInstance partnerPage(Member m, Partner p, Map<String, Feedback> feedback) {
        Map<Purpose, MemberDisclosures.Disclosed> previews = disclosures.previews(m.id, List.of(p))
                .getOrDefault(p.id, Map.of());
        List<Consent> mine = consents.consentsOf(m.id).stream().map(MemberConsents.Entry::consent)
                .filter(c -> c.partnerId.equals(p.id)).toList();
        PartnerCard card = cards().card(p, mine, previews, m.values(), feedback);
        List<HistoryRow> history = HistoryRows.rows(audit.accessEvents(m.id, p.id, null, null, 20),
                id -> card.name(), language.msg(), language);
        return language.render(Templates.partner(page(card.name(), m), card, history));
    }

    private String receiptNotice(Partner p, ConsentReceipt r) {
        Msg msg = language.msg();
        String name = presentation.displayName(p, language.getCode());
        String why = cards().purposeText(p, r.purpose);
        return r.action == ConsentEvent.Action.GRANT
                ? msg.noticeGranted(name, msg.categoryWords(r.category), why, msg.levelWords(r.level),
                        language.date(r.expiresAt))
                : msg.noticeRevoked(name, msg.categoryWords(r.category), why);
    }

    private Partner activePartner(String partnerId) {
        if (partnerId == null || partnerId.length() > 64) {
            return null;
        }
        return partners.all().stream().filter(p -> p.id.equals(partnerId) && p.status == PartnerStatus.ACTIVE)
                .findFirst().orElse(null);
    }

    @POST
    @Path("grant")
    public Response grant(@RestForm String partnerId, @RestForm String category, @RestForm String purpose,
            @RestForm String level) {
        Member m = member();
        Partner p = activePartner(partnerId);
        DataCategory c = Forms.choice(DataCategory.class, category);
        Purpose u = Forms.choice(Purpose.class, purpose);
        DisclosureLevel l = Forms.choice(DisclosureLevel.class, level);
        if (p == null) {
            return Response.status(400).entity(overviewPage(m, null, false, 1, null, language.msg().errorChoice()))
                    .build();
        }
        String control = PartnerCards.controlId(p.id, category, purpose);
        if (c == null || u == null || l == null) {
            return refused(m, p, control, language.msg().errorChoice());
        }
        try {
            ConsentReceipt r = ledger.grant(m.id, p.id, c, u, l);
            return backToRow(p, control, "receipt=" + r.id);
        } catch (GatewayException e) {
            return refused(m, p, control, e.code() == ErrorCode.MINOR_REQUIRES_GUARDIAN ? language.msg().errorMinor()
                    : language.msg().errorChoice());
        }
    }

    /** Revokes one consent of the partner; says so at the row even when there was nothing to revoke. */
    @POST
    @Path("revoke")
    public Response revoke(@RestForm String partnerId, @RestForm String category, @RestForm String purpose) {
        Member m = member();
        Partner p = activePartner(partnerId);
        DataCategory c = Forms.choice(DataCategory.class, category);
        Purpose u = Forms.choice(Purpose.class, purpose);
        if (p == null) {
            return Response.status(400).entity(overviewPage(m, null, false, 1, null, language.msg().errorChoice()))
                    .build();
        }
        String control = PartnerCards.controlId(p.id, category, purpose);
        if (c == null || u == null) {
            return refused(m, p, control, language.msg().errorChoice());
        }
        try {
            List<ConsentReceipt> receipts = ledger.revoke(m.id, p.id, c, u);
            return backToRow(p, control, receipts.isEmpty() ? "none=1" : "receipt=" + receipts.get(0).id);
        } catch (GatewayException e) {
            return refused(m, p, control, language.msg().errorChoice());
        }
    }

    /**
     * Back to the partner's page, at the row that changed: the fragment names the result in that row, which the
     * browser scrolls to and focuses (it is focusable, tabindex -1), without any script.
     */
    private static Response backToRow(Partner p, String control, String result) {
        return seeOther("/consent/partners/" + p.id + "?row=" + control + "&" + result + "#" + control + "-result");
    }

    private Response refused(Member m, Partner p, String control, String error) {
        return Response.status(400).entity(partnerPage(m, p, Map.of(control, new Feedback(null, null, error))))
                .build();
    }

    @POST
    @Path("marketing")
    public Response marketing(@RestForm String optOut) {
        Member m = member();
        accounts.setMarketingOptOut(m.id, "true".equals(optOut));
        return seeOther("/consent?done=marketing#marketing-result");
    }

    // ---- history

    @GET
    @Path("history")
    public TemplateInstance history() {
        Member m = member();
        Map<String, Partner> byId = new HashMap<>();
        partners.all().forEach(p -> byId.put(p.id, p));
        List<HistoryRow> rows = HistoryRows.rows(audit.accessEvents(m.id, null, null, null, 200),
                id -> byId.containsKey(id) ? presentation.displayName(byId.get(id), language.getCode()) : id,
                language.msg(), language);
        return language.render(Templates.history(page(language.msg().navHistory(), m), rows,
                config.audit().retention().toDays()));
    }

    // ---- profile

    @GET
    @Path("profile")
    public TemplateInstance profile(@QueryParam("saved") String saved, @QueryParam("confirmed") String confirmed) {
        Member m = accounts.withValues(member());
        Msg msg = language.msg();
        String notice = "1".equals(saved) ? msg.profileSaved() : "0".equals(saved) ? msg.profileUnchanged()
                : confirmed != null ? msg.dataConfirmed() : null;
        return profilePage(m, ProfileForm.of(m), notice, Map.of());
    }

    private TemplateInstance profilePage(Member m, ProfileForm form, String notice, Map<String, String> errors) {
        return language.render(Templates.profile(page(language.msg().navProfile(), m), form,
                List.of(DataCategory.values()), m.collectedUnder(),
                notice, errors));
    }

    @POST
    @Path("profile")
    public Response updateProfile(@BeanParam ProfileFields fields) {
        Member m = accounts.withValues(member());
        ProfileForm form = fields.form();
        Map<String, String> errors = form.problems(validator, language.msg());
        if (!errors.isEmpty()) {
            return Response.status(400).entity(profilePage(m, form, null, errors)).build();
        }
        ProfileChange change = form.changesFrom(m);
        if (ProfileForm.nothingChanged(change)) {
            return seeOther("/consent/profile?saved=0");
        }
        try {
            accounts.updateProfile(m.id, change);
            return seeOther("/consent/profile?saved=1");
        } catch (GatewayException e) {
            if (e.code() == ErrorCode.MANAGED_BY_MARKETPLACE) {
                return Response.status(409).entity(profilePage(m, form, e.getMessage(), Map.of())).build();
            }
            String field = e.field() != null && ProfileForm.fields().contains(ProfileForm.fieldOf(e.field()))
                    ? ProfileForm.fieldOf(e.field()) : "birthDate";
            String message = field.equals("birthDate") ? language.msg().errBirthDate() : language.msg().errText();
            return Response.status(400).entity(profilePage(m, form, null, Map.of(field, message))).build();
        }
    }

    @POST
    @Path("confirm")
    public Response confirm() {
        Member m = accounts.withValues(member());
        accounts.confirm(m.id, m.collectedUnder().isEmpty() ? EnumSet.noneOf(DataCategory.class)
                : EnumSet.copyOf(m.collectedUnder().keySet()));
        return seeOther("/consent/profile?confirmed=1");
    }

    // ---- export and erasure

    @GET
    @Path("data")
    public TemplateInstance data() {
        return dataPage(member(), Map.of());
    }

    private TemplateInstance dataPage(Member m, Map<String, String> errors) {
        Msg msg = language.msg();
        Map<String, Partner> byId = new HashMap<>();
        partners.all().forEach(p -> byId.put(p.id, p));
        List<String> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        PartnerCards cards = cards();
        for (ConsentReceipt r : consents.receiptsOf(m.id)) {
            Partner p = byId.get(r.partnerId);
            String name = p == null ? r.partnerName : presentation.displayName(p, language.getCode());
            String why = p == null ? msg.purposeWords(r.purpose) : cards.purposeText(p, r.purpose);
            String when = language.dateTime(r.issuedAt);
            lines.add(r.action == ConsentEvent.Action.GRANT
                    ? msg.receiptAllowed(when, name, msg.categoryWords(r.category), why)
                    : msg.receiptStopped(when, name, msg.categoryWords(r.category), why));
            ids.add(r.id.toString());
        }
        return language.render(Templates.data(page(msg.dataTitle(), m), lines, ids, MemberAccount.ERASE_CONFIRMATION,
                errors));
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
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(language.msg().noSuchReceipt()).build();
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
            return Response.status(400).entity(dataPage(m,
                    Map.of("confirm", language.msg().errErase(MemberAccount.ERASE_CONFIRMATION)))).build();
        }
        return Response.ok(language.render(Templates.erased(new Page(language.msg().erasedTitle(), null, false, false))))
                .build();
    }

    // ---- helpers

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
