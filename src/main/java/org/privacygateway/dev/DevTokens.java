package org.privacygateway.dev;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.profile.IfBuildProfile;

import org.privacygateway.partner.Partner;

/**
 * Hands out tokens in dev mode, where the OIDC dev service listens on a random port. Asks the dev service itself,
 * so the tokens are as real as dev mode gets. Not part of any other build.
 */
@IfBuildProfile("dev")
@Path("/dev/tokens")
@Produces(MediaType.TEXT_PLAIN)
public class DevTokens {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @ConfigProperty(name = "quarkus.oidc.client-id")
    String clientId;

    @ConfigProperty(name = "quarkus.oidc.credentials.secret")
    String clientSecret;

    /** A token for the partner's OIDC client (the dev issuer puts the client in {@code sub}). */
    @GET
    @Path("partner/{id}")
    public String partner(@PathParam("id") String partnerId) throws IOException, InterruptedException {
        String partnerClient = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> {
            Partner partner = em.find(Partner.class, partnerId);
            return partner == null ? null : partner.clientId;
        });
        if (partnerClient == null) {
            throw new NotFoundException();
        }
        return token(partnerClient);
    }

    /** A token for a user of the dev issuer: members alice, bob, chloe; admin ada. */
    @GET
    @Path("user/{username}")
    public String user(@PathParam("username") String username) throws IOException, InterruptedException {
        return token(username);
    }

    private String token(String username) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        String token = response.statusCode() == 200 ? json.readTree(response.body()).path("access_token").asText() : "";
        if (token.isEmpty()) {
            throw new IllegalStateException("The dev OIDC service refused a token (HTTP " + response.statusCode() + ")");
        }
        return token + "\n";
    }
}
