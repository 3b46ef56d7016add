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

    private void assertNamed(PartnerFileException e, String file, String field) {
        assertTrue(e.file().endsWith(file), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ": field '" + field + "': "), e.getMessage());
    }

    @Test
    void anUnknownFieldIsNamed() throws IOException {
        assertNamed(rejected("alpha", valid("alpha") + "favouriteColour: blue\n"), "alpha.yaml", "favouriteColour");
    }

    @Test
    void aWrongTypeIsNamed() throws IOException {
        assertNamed(rejected("alpha", valid("alpha").replace("rateLimitPerMinute: 60", "rateLimitPerMinute: fast")),
                "alpha.yaml", "rateLimitPerMinute");
    }

    @Test
    void aMissingRequiredFieldIsNamed() throws IOException {
        assertNamed(rejected("alpha", valid("alpha").replace("displayName: Example\n", "")), "alpha.yaml", "displayName");
    }

    @Test
    void anUnknownPurposeIsNamed() throws IOException {
        assertNamed(rejected("alpha", valid("alpha").replace("purpose: ORDER_FULFILLMENT", "purpose: RESALE")),
                "alpha.yaml", "requests[0].purpose");
    }

    @Test
    void anUnknownLevelIsNamed() throws IOException {
        assertNamed(rejected("alpha", valid("alpha").replace("level: FULL", "level: EVERYTHING")),
                "alpha.yaml", "requests[0].level");
    }

    @Test
    void levelNoneIsNotARequest() throws IOException {
        assertNamed(rejected("alpha", valid("alpha").replace("level: FULL", "level: NONE")),
                "alpha.yaml", "requests[0].level");
    }

    @Test
    void aMissingJustificationIsNamed() throws IOException {
        assertNamed(rejected("alpha", valid("alpha").replace("    justification: Booking confirmations.\n", "")),
                "alpha.yaml", "requests[0].justification");
    }

    @Test
    void aRequestDeclaredTwiceIsNamed() throws IOException {
        String twice = valid("alpha") + """
                  - category: EMAIL
                    purpose: ORDER_FULFILLMENT
                    level: PARTIAL
                    justification: Again.
                """;
        assertNamed(rejected("alpha", twice), "alpha.yaml", "requests[1]");
    }

    @Test
    void anHttpLogoIsNamed() throws IOException {
        assertNamed(rejected("alpha", valid("alpha") + "logoUrl: http://alpha.example/logo.png\n"), "alpha.yaml", "logoUrl");
    }

    @Test
    void aPrivacyContactMustBeAnEmail() throws IOException {
        assertNamed(rejected("alpha", valid("alpha").replace("privacy@alpha.example", "call us")), "alpha.yaml",
                "privacyContact");
    }

    @Test
    void aBadHostIsNamed() throws IOException {
        assertNamed(rejected("alpha", valid("alpha").replace("[alpha.marketplace.example]", "[\"Not A Host\"]")),
                "alpha.yaml", "hosts[0]");
    }

    @Test
    void aHostOfTwoPartnersIsNamed() throws IOException {
        write("alpha", valid("alpha"));
        assertNamed(rejected("beta", valid("beta").replace("[beta.marketplace.example]", "[alpha.marketplace.example]")),
                "beta.yaml", "hosts");
    }

    @Test
    void notYamlIsNamed() throws IOException {
        assertNamed(rejected("alpha", "id: \"unterminated\n"), "alpha.yaml", "(file)");
    }

    @Test
    void theValidationCommandExitsNonZeroOnTheFirstProblem() throws IOException {
        write("alpha", valid("alpha").replace("https://alpha.example/privacy", "http://alpha.example/privacy"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = PartnerValidation.run(dir, new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertEquals(1, code);
        assertTrue(err.toString().contains("alpha.yaml: field 'policyUrl'"), err.toString());
    }

    @Test
    void theValidationCommandPassesTheShippedPartners() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = PartnerValidation.run(Path.of("partners"), new java.io.PrintStream(out),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        assertEquals(0, code);
        assertTrue(out.toString().contains("partner file(s) valid"), out.toString());
    }
}
