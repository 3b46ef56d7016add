package org.privacygateway.graphql;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.COMPANY;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DataCategory.PHONE;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;


import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** No N+1: a page of 100 members with every field costs the same statements as a page of 1. */
@QuarkusTest
class StatementCountTest {

    @Inject
    Fixtures fixtures;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void aPageOfOneHundredCostsWhatAPageOfOneCosts() {
        Partner partner = fixtures.partner(Fixtures.unique("count"), request(NAME, ORDER_FULFILLMENT, FULL),
                request(EMAIL, ORDER_FULFILLMENT, FULL), request(PHONE, ORDER_FULFILLMENT, FULL),
                request(ADDRESS, ORDER_FULFILLMENT, FULL), request(COMPANY, ORDER_FULFILLMENT, FULL));
        for (int i = 0; i < 100; i++) {
            Member m = fixtures.member("N" + i);
            fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
            fixtures.grant(m, partner, NAME, ORDER_FULFILLMENT, FULL);
        }
        String token = Tokens.partner(partner.clientId);
        // Warm up: the first request of a partner derives its key and the first query compiles.
        page(token, 1, 1);

        long one = statementsFor(token, 1);
        long hundred = statementsFor(token, 100);
        System.out.printf("SQL statements per request: first:1 -> %d, first:100 -> %d%n", one, hundred);
        assertEquals(one, hundred, "statements grew with the page size");
        assertThat(hundred, lessThanOrEqualTo(6L));
    }

    private long statementsFor(String token, int first) {
        Statistics stats = sessionFactory.getStatistics();
        stats.clear();
        page(token, first, first);
        long prepared = stats.getPrepareStatementCount();
        System.out.printf("first:%d -> %d prepared statements (%d queries, %d entity inserts, %d collection loads)%n",
                first, prepared, stats.getQueryExecutionCount(), stats.getEntityInsertCount(),
                stats.getCollectionLoadCount());
        for (String query : stats.getQueries()) {
            long executions = stats.getQueryStatistics(query).getExecutionCount();
            if (executions > 0) {
                System.out.printf("  %d x %s%n", executions, query.replaceAll("\\s+", " "));
            }
        }
        return prepared;
    }

    private void page(String token, int first, int expected) {
        GraphQL.post(token, "query($first: Int) { members(purpose: ORDER_FULFILLMENT, first: $first) { edges { node { "
                + GraphQL.ALL_FIELDS + " } } } }", java.util.Map.of("first", first))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.members.edges", hasSize(expected));
    }
}
