package org.privacygateway.partner;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import org.privacygateway.config.GatewayConfig;

/**
 * Resolves a partner's webhook secret from its reference ({@code env:NAME}) when it is needed, so the secret is in
 * neither the partner file nor the database. The name is looked up in the gateway's configuration, which reads
 * environment variables (and, for dev mode and the tests only, a profile entry in {@code application.properties}).
 * A Standard Webhooks secret is {@code whsec_} followed by the base64 of 24 to 64 random bytes.
 */
@ApplicationScoped
public class WebhookSecrets {

    static final String PREFIX = "whsec_";

    @Inject
    Config config;

    @Inject
    GatewayConfig gateway;

    /** The secret's key bytes, or empty when the reference names nothing usable (never says what it found). */
    public Optional<byte[]> resolve(String storedRef) {
        if (storedRef == null || !storedRef.startsWith("env:")) {
            return Optional.empty();
        }
        return config.getOptionalValue(storedRef.substring(4), String.class).flatMap(WebhookSecrets::key);
    }

    static Optional<byte[]> key(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            return key.length >= 24 && key.length <= 64 ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Refuses files whose webhook cannot work here: a secret reference that resolves to no Standard Webhooks secret,
     * or a plain http receiver where local receivers are not allowed. Every problem, one line each.
     */
    public void check(List<PartnerFile> files) {
        List<PartnerFileException.Problem> problems = new ArrayList<>();
        for (PartnerFile f : files) {
            if (f.webhook() == null) {
                continue;
            }
            String file = f.id() + ".yaml";
            if (f.webhook().url().toLowerCase(Locale.ROOT).startsWith("http://")
                    && !gateway.webhooks().allowLocalReceivers()) {
                problems.add(new PartnerFileException.Problem(file, 0, "webhook.url",
                        "must be an https:// URL (plain http is for dev mode only)"));
            }
            if (resolve(f.webhook().secret().stored()).isEmpty()) {
                problems.add(new PartnerFileException.Problem(file, 0, "webhook.secret.env",
                        "environment variable " + f.webhook().secret().env() + " must hold the webhook's signing"
                                + " secret: whsec_ followed by the base64 of 24 to 64 random bytes"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PartnerFileException(problems);
        }
    }
}
