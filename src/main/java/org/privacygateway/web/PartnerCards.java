package org.privacygateway.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.privacygateway.consent.Consent;
import org.privacygateway.consent.ConsentStanding;
import org.privacygateway.consent.ConsentStatus;
import org.privacygateway.consent.MemberConsents;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.MemberValues;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.MemberDisclosures;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.web.PartnerCard.PreviewRow;
import org.privacygateway.web.PartnerCard.PurposePreview;
import org.privacygateway.web.PartnerCard.RequestRow;

/** Builds the consent center's partner cards from the member's consents and the previews of what partners see. */
final class PartnerCards {

    private static final Comparator<DeclaredRequest> BY_PURPOSE_THEN_CATEGORY = Comparator
            .<DeclaredRequest, Purpose>comparing(r -> r.purpose).thenComparing(r -> r.category);

    private PartnerCards() {
    }

    /**
     * @param activePartners the partners to show, in order
     * @param entries the member's consents (any status)
     * @param previews per partner id, what the partner would see for each purpose
     */
    static List<PartnerCard> cards(List<Partner> activePartners, List<MemberConsents.Entry> entries,
            Map<String, Map<Purpose, MemberDisclosures.Disclosed>> previews, Instant now) {
        List<PartnerCard> cards = new ArrayList<>();
        for (Partner p : activePartners) {
            List<Consent> consents = entries.stream().map(MemberConsents.Entry::consent)
                    .filter(c -> c.partnerId.equals(p.id)).toList();
            cards.add(card(p, consents, previews.getOrDefault(p.id, Map.of()), now));
        }
        return cards;
    }

    private static PartnerCard card(Partner p, List<Consent> consents, Map<Purpose, MemberDisclosures.Disclosed> previews,
            Instant now) {
        List<RequestRow> rows = new ArrayList<>();
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        for (DeclaredRequest r : p.requests.stream().sorted(BY_PURPOSE_THEN_CATEGORY).toList()) {
            purposes.add(r.purpose);
            Consent c = consents.stream().filter(x -> x.category == r.category && x.purpose == r.purpose)
                    .findFirst().orElse(null);
            rows.add(requestRow(p, r, c, now));
        }
        List<PurposePreview> purposePreviews = new ArrayList<>();
        for (Purpose purpose : purposes) {
            MemberDisclosures.Disclosed d = previews.get(purpose);
            if (d != null) {
                purposePreviews.add(preview(p, purpose, d));
            }
        }
        List<String> notInEffect = consents.stream()
                .filter(c -> ConsentStanding.of(c, p, now).notInEffect() == ConsentStanding.NotInEffect.NOT_REQUESTED)
                .map(c -> "You allowed " + Words.words(c.category) + " " + Words.words(c.purpose) + ", but "
                        + p.displayName + " no longer asks for it, so nothing is shared.")
                .toList();
        return new PartnerCard(p, hostOf(p.policyUrl), p.hosts.stream().sorted().toList(), rows, purposePreviews,
                notInEffect);
    }

    private static RequestRow requestRow(Partner p, DeclaredRequest r, Consent c, Instant now) {
        ConsentStatus status = c == null ? null : ConsentStatus.of(c, now);
        boolean active = status == ConsentStatus.ACTIVE;
        boolean expired = status == ConsentStatus.EXPIRED;
        String text = active ? "Allowed " + Words.words(c.level) + " until " + Words.date(c.expiresAt)
                : expired ? "Expired on " + Words.date(c.expiresAt) : "Not allowed";
        return new RequestRow(controlId(p.id, r.category, r.purpose), r.category, r.purpose, r.level, r.justification,
                text, c == null ? null : c.level, c == null ? null : c.expiresAt, active, expired);
    }

    private static PurposePreview preview(Partner p, Purpose purpose, MemberDisclosures.Disclosed d) {
        List<PreviewRow> rows = new ArrayList<>();
        for (DeclaredRequest r : p.requests) {
            if (r.purpose != purpose) {
                continue;
            }
            FieldDecision fd = d.decisions().get(r.category);
            String shown = fd.masked() ? "Nothing" : show(d.values(), r.category);
            rows.add(new PreviewRow(r.category, shown, Words.words(fd.reason()), fd.masked()));
        }
        return new PurposePreview(purpose, rows);
    }

    /** The page anchor of one request's controls (also where the page scrolls back to after a change). */
    static String controlId(Object partnerId, Object category, Object purpose) {
        return Words.anchor(partnerId + "-" + category + "-" + purpose);
    }

    /** A stored value as the member reads it in the preview. */
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

    static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "an unknown site" : host;
        } catch (IllegalArgumentException e) {
            return "an unknown site";
        }
    }
}
