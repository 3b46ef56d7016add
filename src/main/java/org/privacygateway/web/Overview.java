package org.privacygateway.web;

import java.util.List;

/**
 * The partner list of the overview page: one page of partners (ten at most), and, once there are more than ten,
 * a search, a filter and page links, so every partner is two steps from the overview.
 *
 * @param pageQuery the search and filter, as query parameters for the page links (empty when none)
 */
public record Overview(List<PartnerCard> items, boolean searchable, String query, boolean onlySharing, int total,
        int matching, int from, int to, int page, List<Integer> pages, String pageQuery) {

    /** Partners on one overview page; more than this many partners makes the overview searchable. */
    static final int PAGE_SIZE = 10;
}
