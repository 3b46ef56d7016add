package org.privacygateway.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway reading member facts from the stub member service instead of its own table: the masking, leak-fuzz,
 * differential and fail-closed suites run again under it. Timeouts are short so the slow-service tests stay quick;
 * the breaker opens and closes fast so one test's failures do not spill into the next; the answer bound is lowered.
 */
public class UpstreamSource implements QuarkusTestProfile {

    static final String CALLS = "org.privacygateway.member.MemberServiceCalls/";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.members.upstream.read-timeout", "700ms",
                // Page answers in the tests are under 60 KB; the huge-answer test sends 50 MB.
                "gateway.members.upstream.max-answer-bytes", "262144",
                "quarkus.fault-tolerance.\"" + CALLS + "batchRead\".timeout.value", "1000",
                "quarkus.fault-tolerance.\"" + CALLS + "batchRead\".circuit-breaker.delay", "300",
                "quarkus.fault-tolerance.\"" + CALLS + "batchRead\".circuit-breaker.delay-unit", "millis");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StubMemberServiceResource.class));
    }
}
