package org.privacygateway.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DataCategory.NAME;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.DisclosureLevel.PARTIAL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;


import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.example.MemberSync.Contact;
import org.privacygateway.example.PartnerApi.AccessReason;
import org.privacygateway.example.PartnerApi.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.Tokens;

/**
 * The partner-side example, run against the gateway itself with a partner's token: SmallRye's typed client pages
 * through the members to the end, keeps masked fields apart, and stops or retries by error code. The README shows
 * the example's code; a test holds the two equal.
 */
@QuarkusTest
class PartnerClientExampleTest {

    @TestHTTPResource("/graphql")
    URL endpoint;

    @Inject
    Fixtures fixtures;

    @Test
    void readsEveryPageToTheEndWithMaskedFieldsAndTheirReasons() {
        Partner partner = fixtures.partner(Fixtures.unique("client"), request(EMAIL, ORDER_FULFILLMENT, FULL),
                request(NAME, ORDER_FULFILLMENT, FULL));
        List<Member> full = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Member m = fixtures.member("Cf" + i);
            fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);
            full.add(m);
        }
        Member partial = fixtures.member("Cpartial");
        fixtures.grant(partial, partner, EMAIL, ORDER_FULFILLMENT, PARTIAL);
        Member nameOnly = fixtures.member("Cname");
        fixtures.grant(nameOnly, partner, NAME, ORDER_FULFILLMENT, FULL);

        List<Contact> contacts = sync(partner, Duration.ofMillis(10)).contacts(Purpose.ORDER_FULFILLMENT, 2);

        // 5 members over 3 pages of 2: each exactly once.
        assertEquals(5, contacts.size(), contacts.toString());
        assertEquals(5, new HashSet<>(contacts.stream().map(Contact::pairwiseId).toList()).size());
        Map<String, Contact> byId = new java.util.HashMap<>();
        contacts.forEach(c -> byId.put(c.pairwiseId(), c));
        for (Member m : full) {
            assertEquals(new Contact(fixtures.pairwise(partner, m), m.email, null),
                    byId.get(fixtures.pairwise(partner, m)));
        }
        assertEquals(new Contact(fixtures.pairwise(partner, partial), "c***@mail.example", null),
                byId.get(fixtures.pairwise(partner, partial)));
        assertEquals(new Contact(fixtures.pairwise(partner, nameOnly), null, AccessReason.CONSENT_REQUIRED),
                byId.get(fixtures.pairwise(partner, nameOnly)));
    }

    @Test
    void stopsWithTheGatewaysCodeOrRetriesWhenRateLimited() {
        Partner partner = fixtures.partner(Fixtures.unique("clienterr"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        Member m = fixtures.member("Cerr");
        fixtures.grant(m, partner, EMAIL, ORDER_FULFILLMENT, FULL);

        MemberSync.SyncStopped forbidden = assertThrows(MemberSync.SyncStopped.class,
                () -> new MemberSync(endpoint.toString(), Tokens.member(Fixtures.unique("notapartner")),
                        Duration.ofMillis(10)).contacts(Purpose.ORDER_FULFILLMENT, 10));
        assertEquals("FORBIDDEN", forbidden.code);

        MemberSync.SyncStopped aggregatesOnly = assertThrows(MemberSync.SyncStopped.class,
                () -> sync(partner, Duration.ofMillis(10)).contacts(Purpose.ANALYTICS, 10));
        assertEquals("VALIDATION", aggregatesOnly.code);
        assertTrue(aggregatesOnly.getMessage().contains("aggregates"), aggregatesOnly.getMessage());

        // A partner allowed ten member reads a minute: a page of ten spends them (a page costs the members it asks
        // for), so its first sync is served and the next is refused three times in a row.
        Partner slow = fixtures.partner(Fixtures.unique("clientslow"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        fixtures.setRateLimit(slow.id, 10);
        fixtures.grant(m, slow, EMAIL, ORDER_FULFILLMENT, FULL);
        MemberSync limited = sync(slow, Duration.ofMillis(10));
        assertEquals(1, limited.contacts(Purpose.ORDER_FULFILLMENT, 10).size(), "the minute's budget, spent");
        MemberSync.SyncStopped rateLimited = assertThrows(MemberSync.SyncStopped.class,
                () -> limited.contacts(Purpose.ORDER_FULFILLMENT, 10));
        assertEquals("RATE_LIMITED", rateLimited.code, "after three attempts within the minute");

        fixtures.suspend(partner.id);
        MemberSync.SyncStopped suspended = assertThrows(MemberSync.SyncStopped.class,
                () -> sync(partner, Duration.ofMillis(10)).contacts(Purpose.ORDER_FULFILLMENT, 10));
        assertEquals("PARTNER_SUSPENDED", suspended.code);
    }

    /** The README's excerpt is the example's code between its tag lines, as it is. */
    @Test
    void theReadmeShowsTheExampleAsItIs() throws IOException {
        List<String> source = Files.readAllLines(
                Path.of("src/test/java/org/privacygateway/example/MemberSync.java"), StandardCharsets.UTF_8);
        int from = source.indexOf("    // tag::example[]");
        int to = source.indexOf("    // end::example[]");
        assertTrue(from >= 0 && to > from, "tag lines in MemberSync.java");
        StringBuilder region = new StringBuilder();
        for (String line : source.subList(from + 1, to)) {
            region.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
        }
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String marker = "<!-- the code of src/test/java/org/privacygateway/example/MemberSync.java -->\n```java\n";
        int start = readme.indexOf(marker);
        assertTrue(start >= 0, "README marker");
        int end = readme.indexOf("```\n", start + marker.length());
        assertEquals(region.toString(), readme.substring(start + marker.length(), end),
                "README excerpt differs from MemberSync.java: copy the region between the tag lines");
    }

    private MemberSync sync(Partner partner, Duration pause) {
        return new MemberSync(endpoint.toString(), Tokens.partner(partner.clientId), pause);
    }

}
