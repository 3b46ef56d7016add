package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DataCategory.PHONE;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.consent.ConsentEvent;

import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/** consentChanges cursors are opaque and sealed per partner: any cursor not given out to this partner is VALIDATION. */
@QuarkusTest
class CursorSealTest {

    static final String FEED = "query($a: String, $f: Int) { consentChanges(after: $a, first: $f) { edges { cursor node { memberId category } } pageInfo { hasNextPage endCursor } } }";

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @Inject
    GatewayConfig config;

    Partner partnerWithThreeRevocations() {
        Partner p = fixtures.partner(Fixtures.unique("feed"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, FULL), request(PHONE, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Feed");
        for (var c : List.of(EMAIL, NAME, PHONE)) {
            fixtures.grant(m, p, c, ORDER_FULFILLMENT, FULL);
            fixtures.revoke(m, p, c, ORDER_FULFILLMENT);
        }
        return p;
    }

    static Map<String, Object> vars(String after, int first) {
        Map<String, Object> v = new java.util.HashMap<>();
        v.put("a", after);
        v.put("f", first);
        return v;
    }

    void refused(String token, String cursor) {
        GraphQL.post(token, FEED, vars(cursor, 5))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("'after'"));
    }

    @Test
    void pagesStillWalkTheWholeFeedOnce() {
        Partner p = partnerWithThreeRevocations();
        String token = Tokens.partner(p.clientId);
        List<String> categories = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 5; page++) {
            var r = GraphQL.post(token, FEED, vars(after, 1)).body("errors", nullValue()).extract();
            categories.addAll(r.path("data.consentChanges.edges.node.category"));
            if (!Boolean.TRUE.equals(r.path("data.consentChanges.pageInfo.hasNextPage"))) {
                break;
            }
            after = r.path("data.consentChanges.pageInfo.endCursor");
        }
        assertEquals(List.of("EMAIL", "NAME", "PHONE"), categories);
    }

    @Test
    void aCursorShowsNothingOfThePosition() {
        Partner p = partnerWithThreeRevocations();
        String cursor = GraphQL.post(Tokens.partner(p.clientId), FEED, vars(null, 1)).extract()
                .path("data.consentChanges.pageInfo.endCursor");
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        assertFalse(decoded.matches("(?s).*\\d{9,}.*"), "the cursor carries a readable time: " + decoded);
        assertFalse(decoded.matches("(?s).*[0-9a-f]{8}-[0-9a-f]{4}-.*"), "the cursor carries a readable id: " + decoded);
    }

    /** The feed's revocations of one partner, oldest first, as the database holds them. */
    List<ConsentEvent> revocations(Partner p) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from ConsentEvent e where e.partnerId = :p and e.action = :a order by e.occurredAt, e.id",
                ConsentEvent.class).setParameter("p", p.id).setParameter("a", ConsentEvent.Action.REVOKE)
                .getResultList());
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /**
     * Sealed is not enough: a cursor is encrypted, so neither the event's internal id nor its time can be read from
     * it, in any byte order, whole or in part (the seconds' low four bytes, either half of the id).
     */
    @Test
    void aCursorHoldsNeitherTheEventIdNorItsTime() {
        Partner p = partnerWithThreeRevocations();
        List<ConsentEvent> events = revocations(p);
        var page = GraphQL.post(Tokens.partner(p.clientId), FEED, vars(null, 3)).body("errors", nullValue()).extract();
        List<String> cursors = page.path("data.consentChanges.edges.cursor");
        List<String> categories = page.path("data.consentChanges.edges.node.category");
        assertEquals(3, cursors.size());
        for (int i = 0; i < 3; i++) {
            byte[] raw = Base64.getUrlDecoder().decode(cursors.get(i));
            String category = categories.get(i);
            ConsentEvent e = events.stream().filter(ev -> ev.category.name().equals(category)).findFirst().orElseThrow();
            ByteBuffer id = ByteBuffer.allocate(16).putLong(e.id.getMostSignificantBits())
                    .putLong(e.id.getLeastSignificantBits());
            byte[] high = Arrays.copyOf(id.array(), 8);
            byte[] low = Arrays.copyOfRange(id.array(), 8, 16);
            byte[] seconds = Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(e.occurredAt.getEpochSecond()).array(), 4, 8);
            for (byte[] part : List.of(high, low, seconds)) {
                assertFalse(contains(raw, part) || contains(raw, reversed(part)),
                        "cursor " + i + " carries part of the event's id or time");
            }
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(Long.toString(e.occurredAt.getEpochSecond())), "a readable time");
            assertFalse(text.contains(e.id.toString()), "a readable id");
        }
    }

    /**
     * Cursors given out before they were encrypted (version 1: the position in clear, then an HMAC tag) still page
     * on, so a partner that stored its place in the feed across the upgrade keeps it; only new ones are given out.
     */
    @Test
    void aCursorOfTheSignedOnlyFormStillPages() throws Exception {
        Partner p = partnerWithThreeRevocations();
        List<ConsentEvent> events = revocations(p);
        ConsentEvent first = events.get(0);
        ByteBuffer body = ByteBuffer.allocate(29).put((byte) 1).putLong(first.occurredAt.getEpochSecond())
                .putInt(first.occurredAt.getNano()).putLong(first.id.getMostSignificantBits())
                .putLong(first.id.getLeastSignificantBits());
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(config.pairwise().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] key = derive.doFinal(("cursor/v1/consent-changes/" + p.id).getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] tag = Arrays.copyOf(mac.doFinal(body.array()), 16);
        String old = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(45).put(body.array()).put(tag).array());
        var page = GraphQL.post(Tokens.partner(p.clientId), FEED, vars(old, 5)).body("errors", nullValue()).extract();
        assertEquals(List.of(events.get(1).category.name(), events.get(2).category.name()),
                page.path("data.consentChanges.edges.node.category"));
        String next = page.path("data.consentChanges.edges[0].cursor");
        assertFalse(next.equals(old), "a new cursor is given out in the new form");
        // The old form altered in one bit is still refused.
        byte[] bent = Base64.getUrlDecoder().decode(old);
        bent[5] ^= 1;
        refused(Tokens.partner(p.clientId), Base64.getUrlEncoder().withoutPadding().encodeToString(bent));
    }

    @Test
    void everyAlteredForgedOrForeignCursorIsValidation() {
        Partner p = partnerWithThreeRevocations();
        Partner other = partnerWithThreeRevocations();
        String token = Tokens.partner(p.clientId);
        String cursor = GraphQL.post(token, FEED, vars(null, 1)).extract().path("data.consentChanges.pageInfo.endCursor");
        String foreign = GraphQL.post(Tokens.partner(other.clientId), FEED, vars(null, 1)).extract()
                .path("data.consentChanges.pageInfo.endCursor");

        // Another partner's cursor is not one of ours, although it is genuine.
        refused(token, foreign);
        // Every single-character change of a genuine cursor.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < cursor.length(); i += 3) {
            char replacement = alphabet.charAt((alphabet.indexOf(cursor.charAt(i)) + 1) % alphabet.length());
            refused(token, cursor.substring(0, i) + replacement + cursor.substring(i + 1));
        }
        refused(token, cursor.substring(1));
        refused(token, cursor + "A");
        // Cursors in the old readable shape, in range and far out of it (these reached SQL: INTERNAL).
        UUID id = UUID.randomUUID();
        for (String raw : List.of("1700000000.0." + id, "99999999999999.0." + id, "-99999999999.999999999." + id,
                "31556889864403199.999999999." + id)) {
            refused(token, Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        }
        for (String junk : List.of("", "%%%", "A".repeat(4000), "\u0000", "pw_AAAAAAAAAAAAAAAAAAAAAA")) {
            refused(token, junk);
        }
    }

    @Test
    void theAccessLogAndAdminCursorsAreSealedToo() {
        Member m = fixtures.member("Cur");
        String member = Tokens.member(m.subject);
        UUID id = UUID.randomUUID();
        String readable = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("99999999999999.0." + id).getBytes(StandardCharsets.UTF_8));
        GraphQL.post(member, "query($a: String) { myAccessLog(after: $a) { edges { cursor } } }", Map.of("a", readable))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        String admin = Tokens.admin("ada");
        GraphQL.post(admin, "query($a: String) { auditLog(after: $a) { edges { cursor } } }", Map.of("a", readable))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        GraphQL.post(admin, "query($a: String) { adminActions(after: $a) { edges { cursor } } }", Map.of("a", readable))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }
}
