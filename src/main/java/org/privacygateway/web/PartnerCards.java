package org.privacygateway.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.privacygateway.consent.Consent;
import org.privacygateway.consent.ConsentStanding;
import org.privacygateway.consent.ConsentStatus;
import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.MemberValues;
import org.privacygateway.masking.Purpose;
import org.privacygateway.masking.Rendering;
import org.privacygateway.member.MemberDisclosures;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerPresentation;
import org.privacygateway.web.PartnerCard.Badge;
import org.privacygateway.web.PartnerCard.Feedback;
import org.privacygateway.web.PartnerCard.Labels;
import org.privacygateway.web.PartnerCard.PreviewRow;
import org.privacygateway.web.PartnerCard.PurposeGroup;
import org.privacygateway.web.PartnerCard.PurposePreview;
import org.privacygateway.web.PartnerCard.RequestRow;

/**
 * Builds the consent center's partner cards, in the member's language, from the member's consents and the previews
 * of what partners see. The example of each request is the member's own value put through {@link Rendering}, the
 * code that renders what partners receive, at the level the partner asks for.
 */
final class PartnerCards {

    /** How many colours a badge without a logo can have (classes {@code badge-0} to {@code badge-7}). */
    static final int BADGE_COLOURS = 8;

    private static final Comparator<DeclaredRequest> BY_PURPOSE_THEN_CATEGORY = Comparator
            .<DeclaredRequest, Purpose>comparing(r -> r.purpose).thenComparing(r -> r.category);

    private final Msg msg;
    private final Language language;
    private final PartnerPresentation presentation;
    private final Instant now;

    PartnerCards(Msg msg, Language language, PartnerPresentation presentation, Instant now) {
        this.msg = msg;
        this.language = language;
        this.presentation = presentation;
        this.now = now;
    }

    /**
     * @param consents the member's consents to this partner (any status)
     * @param previews what the partner would see now, per purpose
     * @param values the member's own stored values
     * @param feedback the result of a change to one row (by control id), if any
     */
    PartnerCard card(Partner p, List<Consent> consents, Map<Purpose, MemberDisclosures.Disclosed> previews,
            MemberValues values, Map<String, Feedback> feedback) {
        String name = presentation.displayName(p, language.getCode());
        List<DeclaredRequest> requests = p.requests.stream().sorted(BY_PURPOSE_THEN_CATEGORY).toList();
        Map<Purpose, List<RequestRow>> byPurpose = new EnumMap<>(Purpose.class);
        for (DeclaredRequest r : requests) {
            Consent c = consents.stream().filter(x -> x.category == r.category && x.purpose == r.purpose)
                    .findFirst().orElse(null);
            byPurpose.computeIfAbsent(r.purpose, x -> new ArrayList<>())
                    .add(requestRow(p, name, r, c, values, feedback));
        }
        List<PurposeGroup> groups = new ArrayList<>();
        List<PurposePreview> purposePreviews = new ArrayList<>();
        List<String> sees = new ArrayList<>();
        byPurpose.forEach((purpose, rows) -> {
            String why = purposeText(p, purpose);
            groups.add(new PurposeGroup(purpose, Words.anchor(p.id + "-" + purpose), capitalise(why), rows));
            MemberDisclosures.Disclosed d = previews.get(purpose);
            if (d != null) {
                List<PreviewRow> preview = new ArrayList<>();
                List<String> seen = new ArrayList<>();
                for (RequestRow row : rows) {
                    FieldDecision fd = d.decisions().get(row.category());
                    String shown = fd == null || fd.masked() ? msg.previewNothing() : show(d.values(), row.category());
                    AccessReason reason = fd == null ? AccessReason.NOT_REQUESTED : fd.reason();
                    preview.add(new PreviewRow(msg.categoryTitle(row.category()), shown,
                            msg.because(msg.reasonWords(reason)), fd == null || fd.masked()));
                    if (fd != null && !fd.masked()) {
                        seen.add(msg.categoryWords(row.category()));
                    }
                }
                purposePreviews.add(new PurposePreview(msg.whenAsking(why), preview));
                if (!seen.isEmpty()) {
                    sees.add(msg.sees(list(seen), why));
                }
            }
        });
        List<String> notInEffect = consents.stream()
                .filter(c -> ConsentStanding.of(c, p, now).notInEffect() == ConsentStanding.NotInEffect.NOT_REQUESTED)
                .map(c -> msg.notInEffect(name, msg.categoryWords(c.category), purposeText(p, c.purpose)))
                .toList();
        String summary = sees.isEmpty() ? msg.seesNothing() : String.join(" ", sees);
        return new PartnerCard(p.id, name, badge(p, name), p.policyUrl, hostOf(p.policyUrl),
                p.hosts.stream().sorted().toList(), p.privacyContact, summary, !sees.isEmpty(), groups,
                purposePreviews, notInEffect);
    }

    private RequestRow requestRow(Partner p, String name, DeclaredRequest r, Consent c, MemberValues values,
            Map<String, Feedback> feedback) {
        ConsentStatus status = c == null ? null : ConsentStatus.of(c, now);
        boolean active = status == ConsentStatus.ACTIVE;
        boolean expired = status == ConsentStatus.EXPIRED;
        String text = active ? msg.statusAllowed(msg.levelWords(c.level), language.date(c.expiresAt))
                : expired ? msg.statusExpired(language.date(c.expiresAt)) : msg.statusNotAllowed();
        String what = msg.categoryWords(r.category);
        String why = purposeText(p, r.purpose);
        String level = r.level == DisclosureLevel.PARTIAL ? msg.levelPartial(msg.partialExample(r.category))
                : msg.levelFull();
        String control = controlId(p.id, r.category, r.purpose);
        return new RequestRow(control, r.category, r.purpose, msg.categoryTitle(r.category), level,
                sample(values, r.category, r.level),
                presentation.justification(p.id, r.category, r.purpose, language.getCode(), r.justification), text,
                r.level, c == null ? null : c.level, active, expired,
                new Labels(msg.allowLabel(name, what, why), msg.dontAllowLabel(name, what, why),
                        msg.stopLabel(name, what, why), msg.renewLabel(name, what, why)),
                feedback.get(control));
    }

    /** The partner's own words for the purpose in this language, else the consent center's. */
    String purposeText(Partner p, Purpose purpose) {
        String own = presentation.purpose(p.id, purpose, language.getCode());
        return own != null ? own : msg.purposeWords(purpose);
    }

    /** The member's value as the partner receives it at {@code level}: rendered by the partners' own rendering. */
    String sample(MemberValues values, DataCategory category, DisclosureLevel level) {
        Map<DataCategory, FieldDecision> decision = Map.of(category,
                new FieldDecision(category, level, AccessReason.CONSENTED));
        String shown = show(Rendering.render(values, decision), category);
        return shown.isEmpty() ? msg.nothingStored() : shown;
    }

    Badge badge(Partner p, String name) {
        String logo = presentation.logo(p.id).map(PartnerPresentation.ServedLogo::path).orElse(null);
        return new Badge(logo, initials(name), Math.floorMod(p.id.hashCode(), BADGE_COLOURS));
    }

    /** Up to two initials of a name: the first letters of its first two words (code points, so any script works). */
    static String initials(String name) {
        StringBuilder b = new StringBuilder();
        for (String word : name.strip().split("\\s+")) {
            if (!word.isEmpty() && b.codePointCount(0, b.length()) < 2) {
                b.appendCodePoint(word.codePointAt(0));
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /** "a, b and c" in the member's language. */
    String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(msg.listSeparator(), items.subList(0, items.size() - 1)) + msg.and()
                + items.get(items.size() - 1);
    }

    /** The page anchor of one request's controls (also where the page returns to after a change). */
    static String controlId(Object partnerId, Object category, Object purpose) {
        return Words.anchor(partnerId + "-" + category + "-" + purpose);
    }

    /** A value as the member reads it; empty when there is none. */
    String show(MemberValues v, DataCategory c) {
        return switch (c) {
            case NAME -> v.name() == null ? "" : Words.join(" ", v.name().given(), v.name().family());
            case EMAIL -> v.email() == null ? "" : v.email();
            case PHONE -> v.phone() == null ? "" : v.phone();
            case ADDRESS -> v.address() == null ? ""
                    : Words.join(", ", v.address().street(), v.address().postalCode(), v.address().city(),
                            v.address().region(), v.address().country());
            case COMPANY -> v.company() == null ? "" : Words.join(", ", v.company().name(),
                    v.company().address() == null ? null : Words.join(", ", v.company().address().street(),
                            v.company().address().postalCode(), v.company().address().city(),
                            v.company().address().region(), v.company().address().country()));
            case PAYMENT_CARD -> v.card() == null ? ""
                    : Words.join(", ", Words.join(" ", v.card().brand(), "•••• " + v.card().last4()),
                            v.card().expiryMonth() + "/" + v.card().expiryYear(),
                            v.card().processorToken() == null ? null : msg.processorToken());
        };
    }

    static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private String capitalise(String s) {
        return s.isEmpty() || !language.isEnglish() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
