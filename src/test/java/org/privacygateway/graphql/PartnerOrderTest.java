package org.privacygateway.graphql;

import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** Each partner's members pages come in an order of its own: colluding partners cannot line their lists up. */
@QuarkusTest
class PartnerOrderTest {

    static final String PAGE = "query($f: Int, $a: String) { members(purpose: ORDER_FULFILLMENT, first: $f, after: $a) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";

    @Inject
    Fixtures fixtures;

    /** Every page of the partner's members, as internal member ids in the order served. */
    List<UUID> walk(Partner partner, Map<String, UUID> byPairwise, int pageSize) {
        String token = Tokens.partner(partner.clientId);
        List<UUID> order = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 100; i++) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("f", pageSize);
            vars.put("a", after);
            var page = GraphQL.post(token, PAGE, vars).body("errors", nullValue()).extract();
            List<String> ids = page.path("data.members.edges.node.id");
            ids.forEach(id -> order.add(byPairwise.get(id)));
            if (!Boolean.TRUE.equals(page.path("data.members.pageInfo.hasNextPage"))) {
                return order;
            }
            after = page.path("data.members.pageInfo.endCursor");
        }
        throw new AssertionError("pagination never ended");
    }

    @Test
    void twoPartnersOrderTheSameMembersDifferentlyAndEachPageWalkServesEveryMemberOnce() {
        Partner a = fixtures.partner(Fixtures.unique("orda"), request(EMAIL, ORDER_FULFILLMENT, FULL), request(NAME, ORDER_FULFILLMENT, FULL));
        Partner b = fixtures.partner(Fixtures.unique("ordb"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Map<String, UUID> byPairwiseA = new HashMap<>();
        Map<String, UUID> byPairwiseB = new HashMap<>();
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            Member m = fixtures.member("Ord" + i);
            members.add(m.id);
            fixtures.grant(m, a, EMAIL, ORDER_FULFILLMENT, FULL);
            fixtures.grant(m, a, NAME, ORDER_FULFILLMENT, FULL);
            fixtures.grant(m, b, EMAIL, ORDER_FULFILLMENT, FULL);
            byPairwiseA.put(fixtures.pairwise(a, m), m.id);
            byPairwiseB.put(fixtures.pairwise(b, m), m.id);
        }
        for (int size : new int[] {1, 4, 7, 100}) {
            List<UUID> orderA = walk(a, byPairwiseA, size);
            List<UUID> orderB = walk(b, byPairwiseB, size);
            assertEquals(members.size(), orderA.size(), "page size " + size);
            assertEquals(new HashSet<>(members), new HashSet<>(orderA), "every member exactly once, page size " + size);
            assertEquals(new HashSet<>(members), new HashSet<>(orderB), "every member exactly once, page size " + size);
            assertEquals(members.size(), new HashSet<>(orderB).size());
            assertNotEquals(orderA, orderB, "two partners got the same order");
            List<UUID> byId = new ArrayList<>(members);
            byId.sort(null);
            assertNotEquals(byId, orderA, "the order is the global member-id order");
            assertEquals(walk(a, byPairwiseA, 100), orderA, "the order is stable for a partner");
        }
    }
}
