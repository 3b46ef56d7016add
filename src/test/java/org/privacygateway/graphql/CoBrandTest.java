package org.privacygateway.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.GraphQL;

/** coBrand(host): no token needed; unknown hosts and suspended partners give null. */
@QuarkusTest
class CoBrandTest {

    static final String QUERY = "query($h: String!) { coBrand(host: $h) { partnerName logoUrl policyUrl gatewayPolicyVersion gatewayPolicyUrl } }";

    @Inject
    Fixtures fixtures;

    @Test
    void aKnownHostNamesThePartnerAndBothPolicies() {
        GraphQL.post(null, QUERY, Map.of("h", "travel.marketplace.example"))
                .body("errors", nullValue())
                .body("data.coBrand.partnerName", equalTo("Skyway Travel"))
                .body("data.coBrand.policyUrl", equalTo("https://www.skyway-travel.example/privacy"))
                .body("data.coBrand.logoUrl", equalTo("https://www.skyway-travel.example/assets/logo.svg"))
                .body("data.coBrand.gatewayPolicyVersion", equalTo(1))
                .body("data.coBrand.gatewayPolicyUrl", equalTo("https://privacy-gateway.example/policy/v1"));
    }

    @Test
    void hostsAreMatchedWithoutRegardToCase() {
        GraphQL.post(null, QUERY, Map.of("h", "Track.Marketplace.Example"))
                .body("data.coBrand.partnerName", equalTo("ParcelPath Logistics"));
    }

    @Test
    void anUnknownHostIsNull() {
        GraphQL.post(null, QUERY, Map.of("h", "nobody.example")).body("errors", nullValue()).body("data.coBrand", nullValue());
    }

    @Test
    void aSuspendedPartnerIsNull() {
        Partner partner = fixtures.partner(Fixtures.unique("cob"));
        GraphQL.post(null, QUERY, Map.of("h", partner.id + ".marketplace.example")).body("data.coBrand.partnerName", equalTo(partner.displayName));
        fixtures.suspend(partner.id);
        GraphQL.post(null, QUERY, Map.of("h", partner.id + ".marketplace.example")).body("data.coBrand", nullValue());
    }
}
