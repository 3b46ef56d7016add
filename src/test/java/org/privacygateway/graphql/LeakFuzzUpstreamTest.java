package org.privacygateway.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.support.UpstreamSource;

/**
 * {@link LeakFuzzTest} again, with every member's values read from the stub member service over HTTP
 * ({@code -Dleakfuzz.upstreamQueries=5000} for the full run).
 */
@QuarkusTest
@TestProfile(UpstreamSource.class)
class LeakFuzzUpstreamTest extends LeakFuzzTest {

    /** The same random members, partners and query shapes; a tenth of the queries keeps the default run short. */
    @Override
    int queries() {
        return Integer.getInteger("leakfuzz.upstreamQueries", QUERIES / 10);
    }
}
