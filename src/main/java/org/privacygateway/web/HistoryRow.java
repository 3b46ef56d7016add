package org.privacygateway.web;

/**
 * One line of the member's history, in the member's language.
 *
 * @param received what the partner received, or why nothing
 * @param disclosure a legal disclosure, with {@code legalBasis}
 */
public record HistoryRow(String when, String who, String received, String why, boolean disclosure,
        String legalBasis) {
}
