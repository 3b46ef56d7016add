package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.ADDRESS;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.dev.StubMemberService;
import org.privacygateway.dev.StubMemberService.Behaviour;
import org.privacygateway.member.Member;
import org.privacygateway.member.MemberRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.LogCapture;
import org.privacygateway.support.StubMemberServiceResource;
import org.privacygateway.support.Tokens;
import org.privacygateway.support.UpstreamSource;

/**
 * What only the upstream source has to prove: one batch call per page, fail closed on every way a member service
 * fails (nothing served, nothing logged with a member value, no access-log row), and the member-side flows sent
 * through the contract and recorded.
 */
@QuarkusTest
@TestProfile(UpstreamSource.class)
class UpstreamMemberSourceTest {

    static final String PAGE = "query($n: Int) { members(purpose: ORDER_FULFILLMENT, first: $n) { edges { node { id email name { given family } } } } }";
    static final String ONE = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { email } }";

    @Inject
    Fixtures fixtures;

    @Inject
    CompiledReads compiled;

    @Inject
    EntityManager em;

    StubMemberService stub() {
        return StubMemberServiceResource.stub();
    }

    @AfterEach
    void healthyAgain() throws InterruptedException {
        stub().behave(Behaviour.NORMAL);
        stub().writable(true);
        compiled.enable(true);
    }

    @Test
    void aPageOfAHundredIsOneCallOnBothPaths() {
        Partner partner = fixtures.partner(Fixtures.unique("batch"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, FULL));
        for (int i = 0; i < 100; i++) {
            Member m = fixtures.member("B" + i);
            fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        }
        String token = Tokens.partner(partner.clientId);
        for (boolean compiledPath : new boolean[] { true, false }) {
            compiled.enable(compiledPath);
            long servedBefore = compiled.served();
            int before = stub().batchReads();
            GraphQL.post(token, PAGE, Map.of("n", 100)).statusCode(200)
                    .body("errors", nullValue())
                    .body("data.members.edges", hasSize(100))
                    .body("data.members.edges.node.email", org.hamcrest.Matchers.everyItem(containsString("@mail.example")));
            assertEquals(1, stub().batchReads() - before, "one member-service call for a page of 100, compiled=" + compiledPath);
            assertEquals(compiledPath ? servedBefore + 1 : servedBefore, compiled.served());
        }
    }

    @Test
    void everyWayTheServiceFailsIsA503WithNothingServedLoggedOrRecorded() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("down"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Fails");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        String token = Tokens.partner(partner.clientId);
        GraphQL.post(token, PAGE, Map.of("n", 10)).statusCode(200)
                .body("data.members.edges[0].node.email", equalTo("fails@mail.example"));
        long rows = fixtures.accessEvents(partner.id).size();
        stub().slowMillis = 3_000;
        List<String> values = List.of("fails@mail.example", "GivenFails", "FamilyFails");
        for (String failure : List.of("SLOW", "FAILING", "MALFORMED", "PARTIAL", "WRONG_TYPE", "DOWN")) {
            if (failure.equals("DOWN")) {
                stub().stop();
            } else {
                stub().behave(Behaviour.valueOf(failure));
            }
            try (LogCapture log = LogCapture.start()) {
                String page = GraphQL.post(token, PAGE, Map.of("n", 10))
                        .statusCode(503)
                        .header("Retry-After", equalTo("5"))
                        .body("data", nullValue())
                        .body("errors[0].extensions.code", equalTo("UNAVAILABLE"))
                        .extract().asString();
                String one = GraphQL.post(token, ONE, Map.of("id", fixtures.pairwise(partner, member)))
                        .statusCode(503)
                        .body("data.member", nullValue())
                        .body("errors[0].extensions.code", equalTo("UNAVAILABLE"))
                        .extract().asString();
                for (String v : values) {
                    assertTrue(!page.contains(v) && !one.contains(v), failure + ": a member value in the answer");
                }
                assertEquals(List.of(), log.mentioning(values), failure + ": a member value in the log");
            } finally {
                if (failure.equals("DOWN")) {
                    stub().start();
                }
                stub().behave(Behaviour.NORMAL);
            }
            assertEquals(rows, fixtures.accessEvents(partner.id).size(), failure + ": access-log rows for data not served");
            recover(token);
            rows = fixtures.accessEvents(partner.id).size();
        }
    }

    /**
     * A faulty or hostile service: an answer far larger than the bound (50 MB, streamed without a length), and one
     * that trickles a byte at a time for a minute. Both are cut (the gateway hangs up before the end: nothing past
     * the bound is held, no time past the deadline is spent), answered 503 UNAVAILABLE like every other failure, and
     * logged as one warning per attempt naming the failure only.
     */
    @Test
    void aHugeOrTricklingAnswerIsCutAndFailsClosed() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("huge"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Huge");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        String token = Tokens.partner(partner.clientId);
        long rows = fixtures.accessEvents(partner.id).size();
        for (Behaviour b : List.of(Behaviour.HUGE, Behaviour.TRICKLE)) {
            stub().behave(b);
            try (LogCapture log = LogCapture.start()) {
                long started = System.nanoTime();
                GraphQL.post(token, PAGE, Map.of("n", 10))
                        .statusCode(503)
                        .header("Retry-After", equalTo("5"))
                        .body("data", nullValue())
                        .body("errors[0].extensions.code", equalTo("UNAVAILABLE"));
                long millis = (System.nanoTime() - started) / 1_000_000;
                for (int i = 0; i < 100 && stub().streamCut() == null; i++) {
                    Thread.sleep(50);
                }
                System.out.printf("%s answer: 503 after %d ms; the stub had written %,d bytes when cut%n", b, millis,
                        stub().streamed());
                assertEquals(Boolean.TRUE, stub().streamCut(), b + ": the gateway hangs up before the answer ends");
                var warnings = log.atLeast(java.util.logging.Level.WARNING);
                String kind = b == Behaviour.HUGE ? "(TOO_LARGE)" : "(SLOW)";
                assertTrue(!warnings.isEmpty() && warnings.size() <= 2
                        && warnings.stream().allMatch(e -> e.text().startsWith("Member service unavailable " + kind)),
                        b + ": one warning per attempt at the service, naming the failure only: " + warnings);
                assertEquals(List.of(), log.mentioning(List.of("huge@mail.example", "xxxxxxxx")), b + ": in the log");
            } finally {
                stub().behave(Behaviour.NORMAL);
            }
            assertEquals(rows, fixtures.accessEvents(partner.id).size(), b + ": access-log rows for data not served");
            recover(token);
            rows = fixtures.accessEvents(partner.id).size();
        }
    }

    /** The circuit breaker may be open after the failures: the next good answer comes once it lets a call through. */
    private void recover(String token) throws InterruptedException {
        for (int attempt = 0; attempt < 40; attempt++) {
            if (io.restassured.RestAssured.given().contentType("application/json").auth().oauth2(token)
                    .body(Map.of("query", PAGE, "variables", Map.of("n", 1))).post("/graphql").statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gateway did not recover after the member service did");
    }

    @Test
    void aMinorOnlyTheMarketplaceKnowsIsNeverServed() {
        Partner partner = fixtures.partner(Fixtures.unique("minor"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Young");
        fixtures.grant(member, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        var record = stub().get(member.subject);
        record.put("birthDate", LocalDate.now().minusYears(10).toString());
        stub().put(record);
        assertNotNull(fixtures.reload(member.id).birthDate); // the gateway still holds an adult's date
        GraphQL.post(Tokens.partner(partner.clientId), ONE, Map.of("id", fixtures.pairwise(partner, member)))
                .statusCode(200).body("data.member", nullValue());
        GraphQL.post(Tokens.partner(partner.clientId), PAGE, Map.of("n", 10))
                .statusCode(200).body("data.members.edges", hasSize(0));
        assertTrue(fixtures.accessEvents(partner.id).stream().allMatch(e -> e.masked.contains("MINOR")));
    }

    @Test
    void aMinorOnlyTheMarketplaceKnowsStaysProtectedAfterErasingAndSigningInAgain() {
        Partner partner = fixtures.partner(Fixtures.unique("minorerase"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member member = fixtures.member("Kid");
        var record = stub().get(member.subject);
        record.put("birthDate", LocalDate.now().minusYears(10).toString());
        stub().put(record);
        String token = Tokens.member(member.subject);
        GraphQL.post(token, "mutation { eraseMyAccount(confirm: \"ERASE MY DATA\") }").body("errors", nullValue());
        assertNull(stub().get(member.subject), "the marketplace erased its record, birth date and all");

        // The gateway read the marketplace's birth date before asking it to erase: the new account is a child's.
        GraphQL.post(token, "{ me { id minor birthDate } }")
                .body("data.me.id", not(equalTo(member.id.toString())))
                .body("data.me.minor", equalTo(true)).body("data.me.birthDate", nullValue());
        GraphQL.post(token, "mutation($in: GrantConsentInput!) { grantConsent(input: $in) { action } }",
                Map.of("in", Map.of("partnerId", partner.id, "category", "EMAIL", "purpose", "ORDER_FULFILLMENT",
                        "level", "FULL")))
                .body("errors[0].extensions.code", equalTo("MINOR_REQUIRES_GUARDIAN"));
    }

    @Test
    void aCorrectionGoesToTheMemberServiceAndIsRecorded() {
        Partner partner = fixtures.partner(Fixtures.unique("fix"), request(ADDRESS, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Fix");
        fixtures.grant(m, partner, ADDRESS, ORDER_FULFILLMENT, FULL);
        String token = Tokens.member(m.subject);
        GraphQL.post(token, "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { email address { city country } } }",
                Map.of("in", Map.of("email", " moved@mail.example ", "address", Map.of("city", "Lund", "country", "se"))))
                .body("errors", nullValue())
                .body("data.updateMyProfile.email", equalTo("moved@mail.example"))
                .body("data.updateMyProfile.address.country", equalTo("SE"));
        assertEquals("moved@mail.example", stub().get(m.subject).get("email").textValue());
        assertEquals("Lund", stub().get(m.subject).get("address").get("city").textValue());
        assertNull(localRow(m).email, "the gateway's table keeps no value of an upstream member");
        GraphQL.post(Tokens.partner(partner.clientId),
                "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { address { city } } }",
                Map.of("id", fixtures.pairwise(partner, m))).body("data.member.address.city", equalTo("Lund"));
        assertEquals(List.of("CORRECTION:UPSTREAM:DONE:email,address"), requests(m));
    }

    @Test
    void aReadOnlyServiceLeavesCorrectionsToTheMarketplaceWithALink() {
        Member m = fixtures.member("Ro");
        stub().writable(false);
        GraphQL.post(Tokens.member(m.subject), "mutation($in: ProfileInput!) { updateMyProfile(input: $in) { email } }",
                Map.of("in", Map.of("email", "other@mail.example")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("MANAGED_BY_MARKETPLACE"))
                .body("errors[0].message", containsString("https://"));
        assertEquals("ro@mail.example", stub().get(m.subject).get("email").textValue());
        assertEquals(List.of("CORRECTION:UPSTREAM:HANDLED_BY_MARKETPLACE:email"), requests(m));
    }

    @Test
    void erasureGoesToTheMemberServiceAndEndsEverythingAtTheGatewayAtOnce() {
        Partner partner = fixtures.partner(Fixtures.unique("erase"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Er");
        fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        int erasures = stub().erasures();
        GraphQL.post(Tokens.member(m.subject), "mutation { exportMyData }")
                .body("errors", nullValue()).body("data.exportMyData", containsString("er@mail.example"));
        GraphQL.post(Tokens.member(m.subject), "mutation { eraseMyAccount(confirm: \"ERASE MY DATA\") }")
                .body("errors", nullValue());
        assertEquals(erasures + 1, stub().erasures());
        assertNull(stub().get(m.subject), "the marketplace erased its record");
        assertNotNull(localRow(m).erasedAt);
        assertTrue(fixtures.consents(m.id).stream().allMatch(c -> c.revokedAt != null));
        assertEquals(List.of("EXPORT:UPSTREAM:DONE:", "ERASURE:UPSTREAM:DONE:"), requests(m));
    }

    @Test
    void erasureAtTheGatewayGoesAheadWhenTheServiceIsDown() {
        Partner partner = fixtures.partner(Fixtures.unique("erdown"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Erd");
        fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
        stub().behave(Behaviour.FAILING);
        GraphQL.post(Tokens.member(m.subject), "mutation { eraseMyAccount(confirm: \"ERASE MY DATA\") }")
                .body("errors", nullValue());
        assertNotNull(localRow(m).erasedAt);
        assertTrue(fixtures.consents(m.id).stream().allMatch(c -> c.revokedAt != null));
        assertEquals(List.of("ERASURE:UPSTREAM:FAILED:"), requests(m));
    }

    @Transactional
    Member localRow(Member m) {
        Member row = em.find(Member.class, m.id);
        em.detach(row);
        return row;
    }

    @Transactional
    List<String> requests(Member m) {
        List<String> out = new ArrayList<>();
        for (MemberRequest r : em.createQuery("from MemberRequest r where r.memberId = :m order by r.requestedAt",
                MemberRequest.class).setParameter("m", m.id).getResultList()) {
            out.add(r.kind + ":" + r.source + ":" + r.outcome + ":" + r.sections);
        }
        return out;
    }
}
