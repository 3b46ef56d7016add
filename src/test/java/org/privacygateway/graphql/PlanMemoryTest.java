package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.ErrorHygiene;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.Tokens;

/**
 * What compiled plans keep: the fields a document selects (not its fragments' expansion), only for registered
 * active partners, within a bound in bytes shared fairly between partners.
 */
@QuarkusTest
class PlanMemoryTest {

    /** Distinct documents per flood (-Dplans.documents for more or fewer). */
    static final int DOCUMENTS = Integer.getInteger("plans.documents", 1_000);

    @Inject
    Fixtures fixtures;

    @Inject
    CompiledReads compiled;

    @Inject
    GatewayConfig config;

    final ObjectMapper json = new ObjectMapper();

    /**
     * The review's document: each of eight fragments spreads the next twice, the last selects {@code id email phone}
     * on the member; 769 fields once expanded, three once merged.
     */
    static String bomb(String comment, String condition) {
        StringBuilder q = new StringBuilder();
        if (comment != null) {
            q.append("# ").append(comment).append('\n');
        }
        q.append("query($id: ID!").append(condition.isEmpty() ? "" : ", $v: Boolean! = true")
                .append(") { member(id: $id, purpose: ORDER_FULFILLMENT) { ...L1 ").append(condition).append("} }");
        for (int i = 1; i <= 8; i++) {
            q.append(" fragment L").append(i).append(" on SharedMember { ...L").append(i + 1).append(" ...L")
                    .append(i + 1).append(" }");
        }
        return q.append(" fragment L9 on SharedMember { id email phone }").toString();
    }

    QueryLimits gate() {
        GatewayConfig.Limits l = config.limits();
        return new QueryLimits(new QueryLimits.Budget(l.maxQueryCharacters(), l.maxTokens(), l.maxDepth(),
                l.maxFields(), l.maxAliases(), l.maxFragmentNesting()));
    }

    @Test
    void theFragmentBombIsAdmittedAndItsPlanHoldsTheThreeFieldsItSelects() {
        String query = bomb(null, "");
        assertTrue(gate().check(query).admitted(), "the gate admits the bomb, or this test proves nothing");

        ReadPlan plan = compiled.plan(query, null, "plan-test-client");
        assertNotNull(plan);
        LinkedHashMap<String, ReadPlan.Node> tree = plan.constantTree();
        assertNotNull(tree, "no condition on a variable: one merged tree for every request");
        assertEquals(List.of("member"), List.copyOf(tree.keySet()));
        assertEquals(List.of("id", "email", "phone"), List.copyOf(tree.get("member").children.keySet()));
        assertEquals(4, nodes(tree), "member and its three fields");
        assertTrue(plan.bytes() < 2_000, "the plan is estimated at " + plan.bytes() + " bytes");

        // With a condition on a variable the spread is kept as written, each fragment once, merged per request.
        ReadPlan conditional = compiled.plan(bomb(null, "@include(if: $v) "), null, "plan-test-client");
        assertNull(conditional.constantTree());
        assertTrue(conditional.bytes() < 4_000, "the plan is estimated at " + conditional.bytes() + " bytes");
        ReadPlan.Bound bound = conditional.bind(json.createObjectNode().put("id", "x").put("v", true));
        assertEquals(List.of("id", "email", "phone"), List.copyOf(bound.tree().get("member").children.keySet()));
        assertEquals(4, nodes(bound.tree()));
        assertEquals(0, nodes(conditional.bind(json.createObjectNode().put("id", "x").put("v", false)).tree().get("member").children));
    }

    @Test
    void floodsOfDistinctDocumentsStayWithinTheBoundAndCostOtherPartnersNothing() throws Exception {
        Partner flooder = fixtures.partner(Fixtures.unique("plans-flood"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Partner other = fixtures.partner(Fixtures.unique("plans-other"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.setRateLimit(flooder.id, 1_000_000);
        fixtures.setRateLimit(other.id, 1_000_000);
        Member m = fixtures.member("Plans");
        fixtures.grant(m, flooder, EMAIL, ORDER_FULFILLMENT, FULL);
        fixtures.grant(m, other, EMAIL, ORDER_FULFILLMENT, FULL);
        PlanCache<CompiledReads.PlanKey, CompiledReads.Compiled> plans = compiled.planCache();

        // The other partner's own documents, answered and kept.
        String otherToken = Tokens.partner(other.clientId);
        Map<String, Object> otherVariables = Map.of("id", fixtures.pairwise(other, m));
        for (int i = 0; i < 20; i++) {
            assertOtherAnswered(post(otherToken, otherDocument(i), otherVariables), m);
        }
        assertEquals(20, plans.size(other.clientId));

        // 1,000 distinct documents, each as large as the gate admits, from one partner: the review's bomb, and the
        // document with the largest plan (a condition on a variable between every two fields), with a different
        // comment filling each to the longest query admitted.
        String flooderToken = Tokens.partner(flooder.clientId);
        Map<String, Object> flooderVariables = Map.of("id", fixtures.pairwise(flooder, m), "v", true);
        String wide = widest();
        int served = 0;
        long servedBefore = compiled.served();
        long start = System.nanoTime();
        for (int i = 0; i < DOCUMENTS; i++) {
            if (i % 100 == 99) {
                flooderToken = Tokens.partner(flooder.clientId); // tokens last five minutes
            }
            String document = padded(i % 2 == 0 ? bomb(null, "") : wide, "partner " + i);
            Response r = post(flooderToken, document, flooderVariables);
            assertEquals(200, r.statusCode(), r.asString());
            assertTrue(json.readTree(r.asString()).path("data").path("member").path("id").asText().startsWith("pw_"),
                    r.asString());
            assertTrue(plans.bytes() <= plans.maxBytes(), "plans keep " + plans.bytes() + " bytes");
            assertTrue(plans.bytes(flooder.clientId) <= plans.maxOwnerBytes(),
                    "one partner keeps " + plans.bytes(flooder.clientId));
        }
        served += compiled.served() - servedBefore;
        assertTrue(served >= DOCUMENTS * 99 / 100, "the compiled path answered " + served);
        System.out.printf("Plans after %d partner documents (%d ms): %d kept, %d bytes (%d for the flooding partner)%n",
                DOCUMENTS, (System.nanoTime() - start) / 1_000_000, plans.size(), plans.bytes(),
                plans.bytes(flooder.clientId));

        // The same from a member token: nothing is compiled or kept for a caller that is not a partner; nor for a
        // partner-role token whose client is not a registered partner.
        long compilations = compiled.compilations();
        int kept = plans.size();
        String subject = Fixtures.unique("plans-member");
        String memberToken = Tokens.member(subject);
        start = System.nanoTime();
        for (int i = 0; i < DOCUMENTS; i++) {
            if (i % 100 == 99) {
                memberToken = Tokens.member(subject);
            }
            String document = padded(i % 2 == 0 ? bomb(null, "") : wide, "member " + i);
            Response r = post(memberToken, document, flooderVariables);
            assertTrue(r.asString().contains("FORBIDDEN"), r.asString());
        }
        System.out.printf("%d member documents: %d ms%n", DOCUMENTS, (System.nanoTime() - start) / 1_000_000);
        String stranger = Tokens.partner(Fixtures.unique("plans-unregistered"));
        for (int i = 0; i < 20; i++) {
            post(stranger, padded(bomb(null, ""), "stranger " + i), flooderVariables);
        }
        assertEquals(compilations, compiled.compilations(), "documents of callers that are not partners were compiled");
        assertEquals(kept, plans.size());

        // The other partner's plans are all still there (its documents compile nothing), and answered as before.
        assertEquals(20, plans.size(other.clientId), "the flood evicted another partner's plans");
        otherToken = Tokens.partner(other.clientId);
        for (int i = 0; i < 20; i++) {
            assertOtherAnswered(post(otherToken, otherDocument(i), otherVariables), m);
        }
        assertEquals(compilations, compiled.compilations());

        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("Heap after the floods and a collection: %d MiB used of %d MiB%n", heap.getUsed() >> 20,
                heap.getMax() >> 20);
        assertTrue(heap.getUsed() < heap.getMax() / 2, heap.toString());
    }

    /**
     * SmallRye GraphQL's cache of parsed documents, which every valid document of any caller fills, holds at most
     * the entries {@code GatewayMain} (and the test build) set: at most about 170 KB each for what the gate admits.
     */
    @Test
    void smallRyesDocumentCacheIsBoundedInEntries() throws Exception {
        java.lang.reflect.Field max = Class.forName("io.smallrye.graphql.execution.QueryCache")
                .getDeclaredField("MAX_CACHE_SIZE");
        max.setAccessible(true);
        assertEquals(Integer.parseInt(org.privacygateway.GatewayMain.DOCUMENT_CACHE_ENTRIES), max.getInt(null));
    }

    static String otherDocument(int i) {
        return "query Other" + i + "($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { id email } }";
    }

    void assertOtherAnswered(Response r, Member m) throws Exception {
        assertEquals(200, r.statusCode(), r.asString());
        JsonNode member = json.readTree(r.asString()).path("data").path("member");
        assertEquals(m.email, member.path("email").asText(), r.asString());
        assertTrue(member.path("id").asText().startsWith("pw_"), r.asString());
    }

    /**
     * The member read with the largest plan the gate admits: a condition on a variable between every two fields,
     * so no run of them can be merged, as many as the token budget allows.
     */
    String widest() {
        QueryLimits gate = gate();
        String[] fields = { "id", "email", "phone", "__typename" };
        String best = null;
        for (int n = 1;; n++) {
            StringBuilder q = new StringBuilder("query($id: ID!, $v: Boolean!) { member(id: $id, purpose: ORDER_FULFILLMENT) { ");
            for (int i = 0; i < n; i++) {
                q.append(fields[i % fields.length]).append(i % 2 == 0 ? " @include(if: $v) " : " @skip(if: $v) ");
            }
            String query = q.append("} }").toString();
            if (!gate.check(query).admitted()) {
                return best;
            }
            best = query;
        }
    }

    /** A document made distinct and as long as the gate admits by a comment. */
    String padded(String document, String label) {
        int room = config.limits().maxQueryCharacters() - document.length() - label.length() - 4;
        return "# " + label + " " + "x".repeat(Math.max(0, room)) + "\n" + document;
    }

    Response post(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        Response response = given().contentType(ContentType.JSON).auth().oauth2(token).body(body).post("/graphql");
        ErrorHygiene.check(response.statusCode(), response.asString());
        return response;
    }

    static int nodes(Map<String, ReadPlan.Node> tree) {
        int n = 0;
        for (ReadPlan.Node node : tree.values()) {
            n += 1 + nodes(node.children);
        }
        return n;
    }
}
