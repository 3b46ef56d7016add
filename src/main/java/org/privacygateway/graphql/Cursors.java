package org.privacygateway.graphql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.privacygateway.error.GatewayException;

/** Opaque keyset cursors over (time, id), for newest-first logs. */
final class Cursors {

    record Position(Instant at, UUID id) {
    }

    private Cursors() {
    }

    static String encode(Instant at, UUID id) {
        String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws GatewayException VALIDATION naming the argument when the cursor is not one of ours */
    static Position decode(String argument, String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            return new Position(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw GatewayException.validation("Argument '" + argument + "' is not a cursor this API gave out.");
        }
    }

    static int pageSize(Integer first, int defaultSize, int max) {
        int size = first == null ? defaultSize : first;
        if (size < 1 || size > max) {
            throw GatewayException.validation("Argument 'first' must be between 1 and " + max + ".");
        }
        return size;
    }
}
