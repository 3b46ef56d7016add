package org.privacygateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;

/** Turns the member's access events into the lines of the consent center's history, in the member's language. */
final class HistoryRows {

    private HistoryRows() {
    }

    /** @param partnerName the name to show for a partner id */
    static List<HistoryRow> rows(List<AccessEvent> events, Function<String, String> partnerName, Msg msg,
            Language language) {
        List<HistoryRow> rows = new ArrayList<>();
        for (AccessEvent e : events) {
            rows.add(row(e, partnerName, msg, language));
        }
        return rows;
    }

    static HistoryRow row(AccessEvent e, Function<String, String> partnerName, Msg msg, Language language) {
        List<String> served = new ArrayList<>();
        if (e.served != null && !e.served.isBlank()) {
            for (String item : e.served.split(",")) {
                String[] pair = item.split(":");
                served.add(msg.servedItem(msg.categoryWords(DataCategory.valueOf(pair[0])),
                        msg.levelWords(DisclosureLevel.valueOf(pair[1]))));
            }
        }
        boolean anyMasked = e.masked != null && !e.masked.isBlank();
        String received;
        if (e.kind == AccessEvent.Kind.BIRTH_DATE) {
            received = msg.birthDateChanged(e.legalBasis);
        } else if (anyMasked && e.masked.contains(":" + AccessReason.MINOR.name())) {
            received = msg.minorNothing();
        } else if (!served.isEmpty()) {
            received = String.join(msg.listSeparator(), served);
        } else {
            // Nothing served: either the partner asked for no personal field at all (only its id for the member),
            // or everything it asked for was withheld.
            received = anyMasked ? msg.servedNothingWithheld() : msg.servedOnlyId();
        }
        String who = e.recipient != null ? e.recipient
                : e.partnerId == null ? msg.theMarketplace() : partnerName.apply(e.partnerId);
        String why = e.purpose != null ? msg.purposeWords(e.purpose)
                : e.reference != null ? msg.reference(e.reference) : "";
        return new HistoryRow(language.dateTime(e.occurredAt), who, received, why,
                e.kind == AccessEvent.Kind.DISCLOSURE, e.legalBasis);
    }
}
