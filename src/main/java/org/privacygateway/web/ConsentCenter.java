package org.privacygateway.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.audit.AuditReads;
import org.privacygateway.config.GatewayConfig;
import org.privacygateway.consent.Consent;
import org.privacygateway.consent.ConsentLedger;
import org.privacygateway.consent.ConsentReceipt;
import org.privacygateway.consent.MemberConsents;
import org.privacygateway.error.GatewayException;
import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.MemberValues;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.member.MemberAccount;
import org.privacygateway.member.MemberDisclosures;
import org.privacygateway.member.ProfileChange;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerAdmin;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.policy.PolicyPublisher;
import org.privacygateway.policy.PolicyVersion;

/**
 * The consent center: server-rendered pages where a member sees every partner with its policy, decides what to
 * share with whom and why, sees what each partner can see and did see, and corrects, exports or erases their data.
 * Works without JavaScript; every form carries a CSRF token.
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

    /** What every page shows in its header. */
    public record Page(String title, String memberName, boolean minor, boolean marketingOptOut) {
    }

    public record RequestRow(String controlId, DataCategory category, Purpose purpose, DisclosureLevel declared,
            String justification, String status, DisclosureLevel consentedLevel, Instant expiresAt, boolean active,
            boolean expired) {
    }

    public record PreviewRow(DataCategory category, String shown, String why, boolean masked) {
    }

    public record PurposePreview(Purpose purpose, List<PreviewRow> rows) {
    }

    /** {@code policyHost}: the host the policy link leads to, shown beside it so members see whose page it is. */
    public record PartnerCard(Partner partner, String policyHost, List<String> hosts, List<RequestRow> rows,
            List<PurposePreview> previews, List<String> notInEffect) {
    }

    /** One line of the member's history; {@code note}, when set, replaces the list of what was served. */
    public record HistoryRow(Instant at, String partnerName, List<String> served, String purpose, boolean disclosure,
            String legalBasis, String note) {
    }

    public record StampRow(DataCategory category, Integer version) {
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
        String notice = null;
        if (receiptId != null) {
            ConsentReceipt r = parseUuid(receiptId) == null ? null : consents.receipt(m.id, parseUuid(receiptId));
            if (r != null) {
                notice = switch (r.action) {
                    case GRANT -> r.partnerName + " can now see " + Words.words(r.category) + " " + Words.words(r.purpose)
                            + " (" + Words.words(r.level) + "), until " + Words.date(r.expiresAt) + ".";
                    default -> r.partnerName + " can no longer see " + Words.words(r.category) + " "
                            + Words.words(r.purpose) + ".";
                };
            }
        }
        return indexPage(m, notice, notice == null ? null : receiptId, Map.of());
    }

    private TemplateInstance indexPage(Member m, String notice, String receiptId, Map<String, String> errors) {
        Instant now = clock.instant();
        List<MemberConsents.Entry> entries = consents.consentsOf(m.id);
        List<Partner> activePartners = partners.all().stream().filter(p -> p.status == PartnerStatus.ACTIVE).toList();
        Map<String, Map<Purpose, MemberDisclosures.Disclosed>> previewsByPartner = disclosures.previews(m.id, activePartners);
        List<PartnerCard> cards = new ArrayList<>();
        for (Partner p : activePartners) {
            List<RequestRow> rows = new ArrayList<>();
            Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
            for (DeclaredRequest r : p.requests.stream()
                    .sorted((a, b) -> a.purpose != b.purpose ? a.purpose.compareTo(b.purpose) : a.category.compareTo(b.category))
                    .toList()) {
                purposes.add(r.purpose);
                Consent c = entries.stream().map(MemberConsents.Entry::consent)
                        .filter(x -> x.partnerId.equals(p.id) && x.category == r.category && x.purpose == r.purpose)
                        .findFirst().orElse(null);
                boolean active = c != null && c.revokedAt == null && c.expiresAt.isAfter(now);
                boolean expired = c != null && c.revokedAt == null && !c.expiresAt.isAfter(now);
                String status = active ? "Allowed " + Words.words(c.level) + " until " + Words.date(c.expiresAt)
                        : expired ? "Expired on " + Words.date(c.expiresAt) : "Not allowed";
                rows.add(new RequestRow(Words.anchor(p.id + "-" + r.category + "-" + r.purpose), r.category, r.purpose,
                        r.level, r.justification, status, c == null ? null : c.level, c == null ? null : c.expiresAt,
                        active, expired));
            }
            List<PurposePreview> previews = new ArrayList<>();
            Map<Purpose, MemberDisclosures.Disclosed> partnerPreviews = previewsByPartner.getOrDefault(p.id, Map.of());
            for (Purpose purpose : purposes) {
                MemberDisclosures.Disclosed d = partnerPreviews.get(purpose);
                if (d == null) {
                    continue;
                }
                List<PreviewRow> previewRows = new ArrayList<>();
                for (DeclaredRequest r : p.requests) {
                    if (r.purpose != purpose) {
                        continue;
                    }
                    FieldDecision fd = d.decisions().get(r.category);
                    String shown = fd.masked() ? "Nothing" : show(d.values(), r.category);
                    previewRows.add(new PreviewRow(r.category, shown, Words.words(fd.reason()), fd.masked()));
                }
                previews.add(new PurposePreview(purpose, previewRows));
            }
            List<String> notInEffect = entries.stream()
                    .filter(e -> e.partner().id.equals(p.id))
                    .map(MemberConsents.Entry::consent)
                    .filter(c -> c.revokedAt == null && c.expiresAt.isAfter(now))
                    .filter(c -> p.requests.stream().noneMatch(r -> r.category == c.category && r.purpose == c.purpose))
                    .map(c -> "You allowed " + Words.words(c.category) + " " + Words.words(c.purpose) + ", but "
                            + p.displayName + " no longer asks for it, so nothing is shared.")
                    .toList();
            cards.add(new PartnerCard(p, hostOf(p.policyUrl), p.hosts.stream().sorted().toList(), rows, previews, notInEffect));
        }
        return Templates.index(page("Your data and our partners", m), cards, notice, receiptId, errors,
                publisher.upcoming());
    }

    @POST
    @Path("grant")
    public Response grant(@RestForm String partnerId, @RestForm String category, @RestForm String purpose,
            @RestForm String level) {
        Member m = member();
        String control = Words.anchor(partnerId + "-" + category + "-" + purpose);
        try {
            ConsentReceipt r = ledger.grant(m.id, partnerId, DataCategory.valueOf(category), Purpose.valueOf(purpose),
                    DisclosureLevel.valueOf(level));
            return seeOther("/consent?receipt=" + r.id + "#" + control);
        } catch (GatewayException e) {
            return Response.status(400).entity(indexPage(m, null, null, Map.of(control, e.getMessage()))).build();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Response.status(400).entity(indexPage(m, null, null, Map.of(control, "That choice is not valid."))).build();
        }
    }

    @POST
    @Path("revoke")
    public Response revoke(@RestForm String partnerId, @RestForm String category, @RestForm String purpose) {
        Member m = member();
        String control = Words.anchor(partnerId + "-" + category + "-" + purpose);
        try {
            List<ConsentReceipt> receipts = ledger.revoke(m.id, partnerId,
                    category == null || category.isBlank() ? null : DataCategory.valueOf(category),
                    purpose == null || purpose.isBlank() ? null : Purpose.valueOf(purpose));
            return seeOther("/consent" + (receipts.isEmpty() ? "" : "?receipt=" + receipts.get(0).id) + "#" + control);
        } catch (GatewayException e) {
            return Response.status(400).entity(indexPage(m, null, null, Map.of(control, e.getMessage()))).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(indexPage(m, null, null, Map.of(control, "That choice is not valid."))).build();
        }
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
        List<HistoryRow> rows = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        partners.all().forEach(p -> names.put(p.id, p.displayName));
        for (AccessEvent e : audit.accessEvents(m.id, null, null, null, 200)) {
            List<String> served = new ArrayList<>();
            if (e.served != null && !e.served.isBlank()) {
                for (String item : e.served.split(",")) {
                    String[] pair = item.split(":");
                    served.add(Words.words(DataCategory.valueOf(pair[0])) + " (" + Words.words(DisclosureLevel.valueOf(pair[1])) + ")");
                }
            }
            String who = e.recipient != null ? e.recipient
                    : e.partnerId == null ? "The marketplace" : names.getOrDefault(e.partnerId, e.partnerId);
            String why = e.purpose != null ? Words.words(e.purpose)
                    : e.reference != null ? "reference " + e.reference : "";
            String note = null;
            if (e.kind == AccessEvent.Kind.BIRTH_DATE) {
                note = "Your birth date was changed: " + e.legalBasis + ".";
            } else if (e.masked != null && e.masked.contains(":" + AccessReason.MINOR.name())) {
                note = "Nothing: " + Words.words(AccessReason.MINOR) + ".";
            }
            rows.add(new HistoryRow(e.occurredAt, who, served, why, e.kind == AccessEvent.Kind.DISCLOSURE, e.legalBasis,
                    note));
        }
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
                    new ProfileChange.CompanyChange(companyName, null), parseDate("birthDate", birthDate)));
            return seeOther("/consent/profile?saved=1");
        } catch (GatewayException e) {
            return Response.status(400).entity(profilePage(m, null, Map.of(fieldOf(e.getMessage()), e.getMessage()))).build();
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
        UUID receiptId = parseUuid(id);
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

    static String show(MemberValues v, DataCategory c) {
        return switch (c) {
            case NAME -> v.name() == null ? "Nothing stored" : join(v.name().given(), v.name().family());
            case EMAIL -> v.email() == null ? "Nothing stored" : v.email();
            case PHONE -> v.phone() == null ? "Nothing stored" : v.phone();
            case ADDRESS -> v.address() == null ? "Nothing stored"
                    : join(v.address().street(), v.address().postalCode(), v.address().city(), v.address().region(),
                            v.address().country());
            case COMPANY -> v.company() == null ? "Nothing stored" : v.company().name()
                    + (v.company().address() == null ? "" : ", " + join(v.company().address().city(), v.company().address().country()));
            case PAYMENT_CARD -> v.card() == null ? "Nothing stored"
                    : join(v.card().brand(), "ending " + v.card().last4(),
                            "expires " + v.card().expiryMonth() + "/" + v.card().expiryYear(),
                            v.card().processorToken() == null ? null : "with the processor's token");
        };
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                if (!b.isEmpty()) {
                    b.append(", ");
                }
                b.append(p);
            }
        }
        return b.toString();
    }

    private static String fieldOf(String message) {
        int start = message.indexOf('\'');
        int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
        String field = end > start ? message.substring(start + 1, end).replace("address.", "") : "form";
        // The page has a place of its own for these; every other error (the message names the field) goes on top.
        return Set.of("email", "phone", "country").contains(field) ? field : "form";
    }

    static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "an unknown site" : host;
        } catch (IllegalArgumentException e) {
            return "an unknown site";
        }
    }

    /** A date from a form field (YYYY-MM-DD); blank means unchanged. */
    private static java.time.LocalDate parseDate(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw GatewayException.validation("Field '" + field + "' must be a date such as 1990-05-31.");
        }
    }

    private static UUID parseUuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
