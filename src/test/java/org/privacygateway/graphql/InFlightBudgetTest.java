package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;
import org.privacygateway.support.LogCapture;
import org.privacygateway.support.Tokens;

/**
 * Admission under slow senders (issue 23): bytes are reserved only once the caller is known, a caller without a
 * valid token holds nothing, anonymous callers have a small share of their own, one client address holds at most a
 * part of any budget, and a body must arrive within the deadline. The budgets here are small (400,000 bytes, 10 %
 * of it for anonymous callers, a quarter of each per address) and the deadline short, so the test is quick; client
 * addresses other than the test's own come in {@code X-Forwarded-For}, which the gateway believes from 127.0.0.1 with
 * {@code gateway.rate-limits.trust-forwarded-for}.
 */
@QuarkusTest
@TestProfile(InFlightBudgetTest.SmallBudget.class)
class InFlightBudgetTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.limits.in-flight-body-bytes", "400000",
                    "gateway.limits.anonymous.in-flight-percent", "10",
                    "gateway.limits.per-address-percent", "25",
                    "gateway.limits.body-deadline", "5s",
                    // The test's own address is a trusted proxy (GATEWAY_TRUSTED_PROXIES), which names clients.
                    "gateway.rate-limits.trust-forwarded-for", "true");
        }
    }

    /** The signed-in callers' budget: the 400,000 bytes less the anonymous tenth; a quarter of it per address. */
    static final long SIGNED_IN = 360_000;
    /** The anonymous share. */
    static final long ANONYMOUS = 40_000;

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    GraphQLGate gate;

    @Inject
    Fixtures fixtures;

    @Inject
    MeterRegistry registry;

    final List<Socket> open = new CopyOnWriteArrayList<>();
    final AtomicInteger addresses = new AtomicInteger();

    @AfterEach
    void closeEverything() throws Exception {
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
        awaitHeld(gate::inFlightBytes, 0);
        awaitHeld(gate::anonymousInFlightBytes, 0);
        // Nothing held, nothing remembered: the per-address tallies go with the last byte.
        awaitHeld(gate::trackedAddresses, 0);
    }

    /** A client address nobody has used yet in this run (TEST-NET-3). */
    String freshAddress() {
        return "203.0.113." + addresses.incrementAndGet();
    }

    /**
     * Opens a POST declaring {@code declared} body bytes and sends the first {@code sent} of them, from
     * {@code address} (null: the test's own) with the {@code Authorization} header given (null: none).
     */
    Socket slowSender(String address, String authorization, int declared, int sent) throws IOException {
        Socket socket = new Socket("127.0.0.1", graphql.getPort());
        open.add(socket);
        socket.setSoTimeout(20_000);
        StringBuilder head = new StringBuilder("POST /graphql HTTP/1.1\r\nHost: localhost\r\n")
                .append("Content-Type: application/json\r\nContent-Length: ").append(declared).append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (address != null) {
            head.append("X-Forwarded-For: ").append(address).append("\r\n");
        }
        head.append("\r\n");
        String body = "{\"query\":\"" + " ".repeat(Math.max(0, declared));
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body.substring(0, Math.min(sent, Math.max(0, declared - 1))).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    /** Reads what is left; true once the gateway has closed the connection, false if it is still open. */
    static boolean closedByTheGateway(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // the rest of the answer
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    String partnerToken() {
        return Tokens.partner(Fixtures.unique("budget"));
    }

    double failClosed(String cause) {
        Counter counter = registry.find("gateway.fail.closed").tag("cause", cause).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void signedInCallersAreAnsweredWhileTwoHundredSendersWithoutATokenHang() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("patient"), request(EMAIL, ORDER_FULFILLMENT, FULL));
        String token = Tokens.partner(p.clientId);
        GraphQL.post(token, "{ partner { id } }").statusCode(200); // warm: the first request loads what it needs
        double busy = failClosed("busy");
        double anonymousBusy = failClosed("busy_anonymous");
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            // 40 without a token: 10 from the test's own address, 30 from 15 others.
            for (int i = 0; i < 40; i++) {
                slowSender(i < 10 ? null : "198.51.100." + i / 2, null, 4096, 20);
            }
            List<Socket> forged = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                // From 65,000 declared bytes down to 1, as in the review: enough to fill any budget to the byte.
                int declared = i < 130 ? 65_000 - i * 450 : 1 << (14 - (i - 130) / 2);
                forged.add(slowSender(null, "Bearer x", declared, 20));
            }
            // Every sender keeps sending a byte a second, as slowly as it may.
            trickle.scheduleAtFixedRate(() -> open.forEach(s -> {
                try {
                    s.getOutputStream().write(' ');
                } catch (IOException gone) {
                    // cut off
                }
            }), 1, 1, TimeUnit.SECONDS);

            // While they hang, a partner is answered.
            GraphQL.post(token, "{ partner { id } }").statusCode(200).body("data.partner.id", equalTo(p.id));

            // The senders with a made-up token held nothing: they were refused (401) before their bodies were read.
            for (Socket socket : forged) {
                assertTrue(statusLine(socket).contains(" 401 "), "a made-up token is refused before its body is read");
            }
            assertEquals(0, gate.inFlightBytes(), "bytes held for callers without a valid token");
            assertEquals(busy, failClosed("busy"), "the signed-in budget was never full");
            // Those without a token filled their own share, and no more.
            assertTrue(failClosed("busy_anonymous") > anonymousBusy, "the anonymous share was full");
            assertTrue(gate.anonymousInFlightBytes() <= ANONYMOUS, "anonymous bytes held: " + gate.anonymousInFlightBytes());
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void aSlowSenderIsCutOffAtTheDeadlineAndItsReservationReleased() throws Exception {
        Socket signedIn = slowSender(freshAddress(), "Bearer " + partnerToken(), 60_000, 100);
        Socket anonymous = slowSender(freshAddress(), null, 4096, 100);
        Socket forged = slowSender(freshAddress(), "Bearer x", 60_000, 100);
        awaitHeld(gate::inFlightBytes, 60_000);
        awaitHeld(gate::anonymousInFlightBytes, 4096);
        assertTrue(statusLine(forged).contains(" 401 "));

        // Nobody sends the rest: at the deadline each is answered 408 and cut off, and what it held comes back.
        assertTrue(statusLine(signedIn).contains(" 408 "), "a body slower than the deadline is answered 408");
        assertTrue(statusLine(anonymous).contains(" 408 "));
        assertTrue(closedByTheGateway(signedIn), "the connection of a sender cut off is closed");
        assertTrue(closedByTheGateway(anonymous));
        // A sender refused before its body was read is not kept trickling after its answer either.
        assertTrue(closedByTheGateway(forged), "the connection of a refused sender still sending is closed");
        assertEquals(0, gate.inFlightBytes());
        assertEquals(0, gate.anonymousInFlightBytes());
    }

    @Test
    void oneAddressHoldsNoMoreThanItsShare() throws Exception {
        String token = "Bearer " + partnerToken();
        String a = freshAddress();
        slowSender(a, token, 60_000, 100);
        awaitHeld(gate::inFlightBytes, 60_000);
        // A quarter of 360,000 bytes per address: a second 60,000-byte body from the same address is refused (429),
        // one from another address is not.
        try (Socket second = slowSender(a, token, 60_000, 100)) {
            assertTrue(statusLine(second).contains(" 429 "), "one address may hold a quarter of the budget");
        }
        slowSender(freshAddress(), token, 60_000, 100);
        awaitHeld(gate::inFlightBytes, 120_000);

        // The same for anonymous callers, in their share: 10,000 bytes per address.
        String c = freshAddress();
        slowSender(c, null, 4096, 10);
        slowSender(c, null, 4096, 10);
        awaitHeld(gate::anonymousInFlightBytes, 8192);
        try (Socket third = slowSender(c, null, 4096, 10)) {
            assertTrue(statusLine(third).contains(" 429 "), "one address may hold a quarter of the anonymous share");
        }
        assertEquals(8192, gate.anonymousInFlightBytes());
        assertTrue(gate.trackedAddresses() > 0);
    }

    @Test
    void aRealOverloadIsStill503AndIsLoggedAndCounted() throws Exception {
        double before = failClosed("busy");
        List<String> used = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            String token = "Bearer " + partnerToken();
            // Six addresses with 60,000 bytes each fill the 360,000 bytes of signed-in callers.
            for (int i = 0; i < 6; i++) {
                String address = freshAddress();
                used.add(address);
                slowSender(address, token, 60_000, 100);
            }
            awaitHeld(gate::inFlightBytes, SIGNED_IN);
            String seventh = freshAddress();
            used.add(seventh);
            try (Socket refused = slowSender(seventh, token, 60_000, 100)) {
                assertTrue(statusLine(refused).contains(" 503 "), "the budget is full");
            }
            assertEquals(SIGNED_IN, gate.inFlightBytes());
            assertEquals(before + 1, failClosed("busy"), "the refusal is counted");

            // Senders who give up return what they held; the budget admits again.
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
            awaitHeld(gate::inFlightBytes, 0);
            slowSender(freshAddress(), token, 60_000, 100);
            awaitHeld(gate::inFlightBytes, 60_000);

            List<LogCapture.Entry> warnings = log.entries().stream()
                    .filter(e -> e.level().intValue() >= Level.WARNING.intValue()).toList();
            // The overload is worth a warning (and only it: clients hanging up mid-request are not), which names no
            // client address.
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).logger().endsWith("GraphQLGate"), warnings.toString());
            assertTrue(used.stream().noneMatch(address -> warnings.get(0).text().contains(address)), warnings.toString());
            assertTrue(warnings.stream().noneMatch(w -> w.text().contains("127.0.0.1")), warnings.toString());
        }
    }

    void awaitHeld(LongSupplier held, long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (held.getAsLong() != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(expected, held.getAsLong());
    }
}
