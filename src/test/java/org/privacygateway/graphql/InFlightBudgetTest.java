package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The gateway holds at most {@code gateway.limits.in-flight-body-bytes} of request bodies at once: slow senders that
 * declare large bodies get the budget, the next one gets 503, and the budget comes back when a sender gives up.
 */
@QuarkusTest
@TestProfile(InFlightBudgetTest.SmallBudget.class)
class InFlightBudgetTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.limits.in-flight-body-bytes", "100000");
        }
    }

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    GraphQLGate gate;

    /** Opens a request declaring a 60,000-byte body with a (fake) token, and sends only part of it. */
    Socket slowSender() throws IOException {
        Socket socket = new Socket(graphql.getHost(), graphql.getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer x\r\nContent-Length: 60000\r\n\r\n{\"query\":\"").getBytes(StandardCharsets.US_ASCII));
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

    @Test
    void slowSendersCannotMakeTheGatewayHoldMoreThanItsBudget() throws Exception {
        java.util.List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    errors.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("").addHandler(capture);
        try {
            exercise();
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(capture);
        }
        // Anyone can hang up mid-request: that is not worth a warning, let alone an error with a stack trace.
        assertEquals(java.util.List.of(), errors);
    }

    void exercise() throws Exception {
        try (Socket first = slowSender()) {
            awaitInFlight(60_000);
            try (Socket second = slowSender()) {
                assertTrue(statusLine(second).contains(" 503 "), "the second 60,000-byte body exceeds the budget");
            }
            assertEquals(60_000, gate.inFlightBytes());
        }
        // The first sender gave up: its reservation is returned, and a new sender is admitted again.
        awaitInFlight(0);
        try (Socket third = slowSender()) {
            awaitInFlight(60_000);
        }
        awaitInFlight(0);
    }

    void awaitInFlight(long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (gate.inFlightBytes() != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(expected, gate.inFlightBytes());
    }
}
