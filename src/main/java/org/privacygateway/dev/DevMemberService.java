package org.privacygateway.dev;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.member.Member;
import org.privacygateway.policy.PolicyService;

/**
 * {@code ./mvnw quarkus:dev -Dgateway.members.source=upstream} with no member service URL: the gateway starts the
 * stub member service on the loopback port {@code gateway.members.upstream.stub-port} (8181), holding the demo
 * members' values, so the README's queries answer the same as with the local source.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevMemberService {

    @Inject
    GatewayConfig config;

    @Inject
    PolicyService policies;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private StubMemberService stub;

    void onStart(@Observes @Priority(21) StartupEvent event) {
        GatewayConfig.Members members = config.members();
        if (members.source() != GatewayConfig.Members.Source.UPSTREAM || members.upstream().url().isPresent()) {
            return;
        }
        Instant now = clock.instant();
        var policy = policies.snapshot(now).current();
        stub = new StubMemberService(members.upstream().stubPort(), clock).start();
        for (Member m : DemoData.members(now, policy.version)) {
            stub.put(MemberRecords.of(json, m, v -> policy.effectiveAt));
        }
        Log.infof("Stub member service with the demo members listening on %s", stub.url());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (stub != null) {
            stub.stop();
        }
    }
}
