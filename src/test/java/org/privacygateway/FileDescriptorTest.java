package org.privacygateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Serving requests must not leak file descriptors. A trusted-proxy list with a host name in it (Quarkus reads a bare
 * IPv6 address such as {@code ::1} as one) made Quarkus open a DNS client, a UDP socket, on every request and never
 * close it: under load the gateway ran out of descriptors.
 */
@QuarkusTest
class FileDescriptorTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    static int openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Test
    void aThousandRequestsLeaveNoDescriptorsBehind() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(graphql).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ privacyPolicy { current { version } } }\"}")).build();
        for (int i = 0; i < 50; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        int before = openDescriptors();
        if (before < 0) {
            return; // no /proc: not Linux
        }
        for (int i = 0; i < 1000; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        int after = openDescriptors();
        assertTrue(after - before < 50, "open file descriptors grew from " + before + " to " + after + " over 1,000 requests");
    }
}
