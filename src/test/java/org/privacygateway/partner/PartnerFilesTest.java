package org.privacygateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerFilesTest {

    @TempDir
    Path dir;

    static final String VALID = """
            id: %s
            displayName: Example
            kind: %s
            clientId: %s
            hosts: [%s.marketplace.example]
            policyUrl: https://%s.example/privacy
            privacyContact: privacy@%s.example
            rateLimitPerMinute: 60
            requests:
              - category: EMAIL
                purpose: ORDER_FULFILLMENT
                level: FULL
                justification: Booking confirmations.
            """;

    private Path write(String id, String yaml) throws IOException {
        return Files.writeString(dir.resolve(id + ".yaml"), yaml);
    }

    private String valid(String id) {
        return VALID.formatted(id, "travel", id, id, id, id);
    }

    private PartnerFileException rejected(String id, String yaml) throws IOException {
        write(id, yaml);
        return assertThrows(PartnerFileException.class, () -> PartnerFiles.readFolder(dir));
    }

    @Test
    void theShippedPartnersAreValid() {
        List<PartnerFile> partners = PartnerFiles.readFolder(Path.of("partners"));
        assertTrue(partners.size() >= 3);
        assertTrue(partners.stream().anyMatch(p -> p.kind().equals("payment-processor")));
    }

    @Test
    void aValidFolderReads() throws IOException {
        write("alpha", valid("alpha"));
        write("beta", valid("beta"));
        assertEquals(2, PartnerFiles.readFolder(dir).size());
    }

    @Test
    void anHttpPolicyUrlIsNamedByFileAndField() throws IOException {
        PartnerFileException e = rejected("alpha", valid("alpha").replace("https://alpha.example/privacy", "http://alpha.example/privacy"));
        assertTrue(e.file().endsWith("alpha.yaml"));
        assertEquals("policyUrl", e.field());
        assertTrue(e.getMessage().contains("https"));
    }

    @Test
    void anUnknownCategoryIsNamed() throws IOException {
        PartnerFileException e = rejected("alpha", valid("alpha").replace("category: EMAIL", "category: SHOE_SIZE"));
        assertEquals("requests[0].category", e.field());
        assertTrue(e.getMessage().contains("SHOE_SIZE"));
    }

    @Test
    void aDuplicateClientIdIsNamed() throws IOException {
        write("alpha", valid("alpha"));
        PartnerFileException e = rejected("beta", valid("beta").replace("clientId: beta", "clientId: alpha"));
        assertTrue(e.file().endsWith("beta.yaml"));
        assertEquals("clientId", e.field());
    }

    @Test
    void cardAtFullOnlyForAPaymentProcessorForPaymentProcessing() throws IOException {
        String card = valid("alpha").replace("category: EMAIL", "category: PAYMENT_CARD");
        PartnerFileException e = rejected("alpha", card);
        assertEquals("requests[0].level", e.field());
        Files.delete(dir.resolve("alpha.yaml"));
        write("alpha", VALID.formatted("alpha", "payment-processor", "alpha", "alpha", "alpha", "alpha")
                .replace("category: EMAIL", "category: PAYMENT_CARD")
                .replace("purpose: ORDER_FULFILLMENT", "purpose: PAYMENT_PROCESSING"));
        assertEquals(1, PartnerFiles.readFolder(dir).size());
    }

    @Test
    void theIdMustMatchTheFileName() throws IOException {
        PartnerFileException e = rejected("alpha", valid("gamma"));
        assertEquals("id", e.field());
    }
}
