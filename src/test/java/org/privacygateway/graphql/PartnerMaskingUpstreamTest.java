package org.privacygateway.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import org.privacygateway.support.UpstreamSource;

/** {@link PartnerMaskingTest} again, with every member's values read from the stub member service over HTTP. */
@QuarkusTest
@TestProfile(UpstreamSource.class)
class PartnerMaskingUpstreamTest extends PartnerMaskingTest {
}
