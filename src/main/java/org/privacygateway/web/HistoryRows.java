package org.privacygateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;

/** Turns the member's access events into the lines of the consent center's history page. */
final class HistoryRows {

    private HistoryRows() {
    }

    /** @param partnerNames display names by partner id, for events that name a partner */
    static List<HistoryRow> rows(List<AccessEvent> events, Map<String, String> partnerNames) {
        List<HistoryRow> rows = new ArrayList<>();
        for (AccessEvent e : events) {
            rows.add(row(e, partnerNames));
        }
        return rows;
    }

    static HistoryRow row(AccessEvent e, Map<String, String> partnerNames) {
        List<String> served = new ArrayList<>();
        if (e.served != null && !e.served.isBlank()) {
            for (String item : e.served.split(",")) {
                String[] pair = item.split(":");
                served.add(Words.words(DataCategory.valueOf(pair[0])) + " ("
                        + Words.words(DisclosureLevel.valueOf(pair[1])) + ")");
            }
        }
        String who = e.recipient != null ? e.recipient
                : e.partnerId == null ? "The marketplace" : partnerNames.getOrDefault(e.partnerId, e.partnerId);
        String why = e.purpose != null ? Words.words(e.purpose)
                : e.reference != null ? "reference " + e.reference : "";
        String note = null;
        if (e.kind == AccessEvent.Kind.BIRTH_DATE) {
            note = "Your birth date was changed: " + e.legalBasis + ".";
        } else if (e.masked != null && e.masked.contains(":" + AccessReason.MINOR.name())) {
            note = "Nothing: " + Words.words(AccessReason.MINOR) + ".";
        }
        return new HistoryRow(e.occurredAt, who, served, why, e.kind == AccessEvent.Kind.DISCLOSURE, e.legalBasis, note);
    }
}
