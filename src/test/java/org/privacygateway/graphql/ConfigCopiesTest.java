package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.config.ConfigGeneration;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * Partners and policy versions are kept in memory per replica, stamped with the database's generation. A change made
 * anywhere else (here: plain SQL on its own connection, as another replica or an operator would) is seen by the very
 * next request, and a change that rolled back leaves a stamp no later state can match.
 */
@QuarkusTest
class ConfigCopiesTest {

    static final String QUERY = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }";

    @Inject
    Fixtures fixtures;

    @Inject
    DataSource dataSource;

    @Inject
    ConfigGeneration generation;

    @Test
    void aPartnerSuspendedElsewhereIsRefusedOnTheNextRequest() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("copies"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Cp");
        fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        String token = Tokens.partner(partner.clientId);
        java.util.Map<String, Object> vars = java.util.Map.of("id", fixtures.pairwise(partner, m));
        GraphQL.post(token, QUERY, vars).body("data.member.email", equalTo(fixtures.reload(m.id).email));
        GraphQL.post(token, QUERY, vars).body("data.member.email", equalTo(fixtures.reload(m.id).email));

        sql("update partner set status = 'SUSPENDED' where id = ?", partner.id);
        GraphQL.post(token, QUERY, vars).body("errors[0].extensions.code", equalTo("PARTNER_SUSPENDED"))
                .body("data.member", nullValue());

        sql("update partner set status = 'ACTIVE' where id = ?", partner.id);
        GraphQL.post(token, QUERY, vars).body("data.member.email", equalTo(fixtures.reload(m.id).email));

        // A declaration narrowed elsewhere: the field is masked on the next request.
        sql("delete from partner_request where partner_id = ?", partner.id);
        GraphQL.post(token, QUERY, vars).body("data.member.email", nullValue())
                .body("extensions.privacy.masked[0].reason", equalTo("NOT_REQUESTED"));
    }

    @Test
    void aPolicyVersionPublishedElsewhereIsInForceOnTheNextRequest() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("copies-policy"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Cq");
        fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        String token = Tokens.partner(partner.clientId);
        java.util.Map<String, Object> vars = java.util.Map.of("id", fixtures.pairwise(partner, m));
        int before = fixtures.maxPolicyVersion();
        GraphQL.post(token, QUERY, vars).body("extensions.privacy.gatewayPolicyVersion", equalTo(before));
        int next = before + 1;
        try {
            sql("insert into policy_version (version, url, summary, published_at, effective_at) values (?, ?, ?, ?, ?)",
                    next, "https://privacy-gateway.example/policy/v" + next, "Published by SQL",
                    java.sql.Timestamp.from(Instant.now()), java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
            // The new version allows nothing, so the member's email (collected under the old one) is masked.
            GraphQL.post(token, QUERY, vars).body("extensions.privacy.gatewayPolicyVersion", equalTo(next))
                    .body("data.member.email", nullValue());
        } finally {
            fixtures.deletePolicy(next);
        }
        GraphQL.post(token, QUERY, vars).body("extensions.privacy.gatewayPolicyVersion", equalTo(before));
    }

    @Test
    void aChangeThatRolledBackStillMovesTheStamp() throws Exception {
        long before = generation.current();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("update partner set display_name = display_name")) {
                s.executeUpdate();
            }
            c.rollback();
        }
        assertEquals(before, generation.current(), "a rolled-back change is not committed");
        sql("update partner set display_name = display_name where 1 = 0");
        long after = generation.current();
        assertNotEquals(before, after, "a committed statement stamps anew");
        // The stamp the rolled-back transaction saw (before + 1 at least) is never reused by the committed one.
        assertNotEquals(before + 1, after);
    }

    private void sql(String statement, Object... parameters) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
