package org.privacygateway.support;

import java.time.Clock;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import org.privacygateway.dev.StubMemberService;

/**
 * The stub member service as a real HTTP server on a free loopback port, and the gateway pointed at it
 * ({@code gateway.members.source=upstream}). Tests reach the running stub through {@link #stub()}: {@link Fixtures}
 * writes each member's values there instead of in the gateway's table.
 */
public class StubMemberServiceResource implements QuarkusTestResourceLifecycleManager {

    private static volatile StubMemberService stub;

    /** The running stub, or null when the gateway under test reads its own table. */
    public static StubMemberService stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = new StubMemberService(0, Clock.systemUTC()).start();
        return Map.of(
                "gateway.members.source", "upstream",
                "gateway.members.upstream.url", stub.url());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.stop();
            stub = null;
        }
    }
}
