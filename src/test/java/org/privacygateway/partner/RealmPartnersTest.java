package org.privacygateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every partner file has its Keycloak client in the production realm, and every partner client has its file. */
class RealmPartnersTest {

    static final Path REALM = Path.of("k8s/keycloak/privacy-gateway-realm.json");

    static JsonNode realm() throws IOException {
        return new ObjectMapper().readTree(REALM.toFile());
    }

    @Test
    void partnerFilesAndPartnerClientsMatchOneToOne() throws IOException {
        Set<String> fromFiles = PartnerFiles.readFolder(Path.of("partners")).stream().map(PartnerFile::clientId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> partnerServiceAccounts = new TreeSet<>();
        for (JsonNode user : realm().get("users")) {
            if (user.has("serviceAccountClientId")) {
                boolean partner = false;
                for (JsonNode role : user.path("realmRoles")) {
                    partner |= role.asText().equals("partner");
                }
                if (partner) {
                    partnerServiceAccounts.add(user.get("serviceAccountClientId").asText());
                }
            }
        }
        assertEquals(fromFiles, partnerServiceAccounts);
        for (String clientId : fromFiles) {
            JsonNode client = client(clientId);
            assertTrue(client.path("serviceAccountsEnabled").asBoolean(), clientId + " cannot use client credentials");
            assertFalse(client.path("publicClient").asBoolean(), clientId + " is public");
            assertFalse(client.path("standardFlowEnabled").asBoolean(), clientId + " allows browser logins");
            assertTrue(hasGatewayAudience(client), clientId + " tokens lack the gateway audience");
        }
    }

    @Test
    void theProductionRealmHoldsNoPeopleAndNoFixedSecrets() throws IOException {
        for (JsonNode user : realm().get("users")) {
            assertTrue(user.has("serviceAccountClientId"), "a person in the production realm: " + user.get("username"));
            assertFalse(user.has("credentials"), "credentials in the production realm");
        }
        for (JsonNode client : realm().get("clients")) {
            assertFalse(client.has("secret"), "a fixed secret for " + client.get("clientId"));
        }
    }

    @Test
    void memberClientsCarryTheGatewayAudience() throws IOException {
        assertTrue(hasGatewayAudience(client("consent-center")));
        assertTrue(hasGatewayAudience(client("member-app")));
        assertTrue(client("member-app").path("publicClient").asBoolean());
        assertEquals("S256", client("member-app").path("attributes").path("pkce.code.challenge.method").asText());
    }

    @Test
    void theKubernetesPartnersConfigMapCarriesEveryPartnerFile() throws IOException {
        String kustomization = java.nio.file.Files.readString(Path.of("k8s/base/kustomization.yaml"));
        for (PartnerFile p : PartnerFiles.readFolder(Path.of("partners"))) {
            assertTrue(kustomization.contains("../../partners/" + p.id() + ".yaml"),
                    "k8s/base/kustomization.yaml does not ship partners/" + p.id() + ".yaml");
        }
    }

    private static JsonNode client(String clientId) throws IOException {
        for (JsonNode c : realm().get("clients")) {
            if (c.get("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId + " in " + REALM);
    }

    private static boolean hasGatewayAudience(JsonNode client) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")
                    && mapper.path("config").path("included.client.audience").asText().equals("privacy-gateway-api")) {
                return true;
            }
        }
        return false;
    }
}
