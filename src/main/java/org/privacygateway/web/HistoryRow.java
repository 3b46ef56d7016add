package org.privacygateway.web;

import java.time.Instant;
import java.util.List;

/** One line of the member's history; {@code note}, when set, replaces the list of what was served. */
public record HistoryRow(Instant at, String partnerName, List<String> served, String purpose, boolean disclosure,
        String legalBasis, String note) {
}
