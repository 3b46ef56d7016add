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
        assertTrue(e.getMessage().startsWith(e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": field '" + field + "': "),
                e.getMessage());
    }

    /** The problem is named by file, field and the line the author wrote it on. */
    private void assertAt(PartnerFileException e, String file, int line, String field) {
        assertNamed(e, file, field);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ":" + line + ": field '" + field + "': "), e.getMessage());
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
                "beta.yaml", "hosts[0]");
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
        assertTrue(err.toString().contains("alpha.yaml:6: field 'policyUrl'"), err.toString());
    }

    @Test
    void theValidationCommandPassesTheShippedPartners() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = PartnerValidation.run(Path.of("partners"), new java.io.PrintStream(out),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        assertEquals(0, code);
        assertTrue(out.toString().contains("partner file(s) valid"), out.toString());
    }

    // Line numbers: VALID has id on line 1, hosts on 5, policyUrl on 6, privacyContact on 7, rateLimitPerMinute on
    // 8, requests on 9, the first request's category on 10, purpose 11, level 12, justification 13.

    @Test
    void problemsCarryTheLineOfTheField() throws IOException {
        assertAt(rejected("alpha", valid("alpha").replace("https://alpha.example/privacy", "http://alpha.example/privacy")),
                "alpha.yaml", 6, "policyUrl");
        Files.delete(dir.resolve("alpha.yaml"));
        assertAt(rejected("alpha", valid("alpha").replace("level: FULL", "level: EVERYTHING")),
                "alpha.yaml", 12, "requests[0].level");
        Files.delete(dir.resolve("alpha.yaml"));
        assertAt(rejected("alpha", valid("alpha").replace("rateLimitPerMinute: 60", "rateLimitPerMinute: 0")),
                "alpha.yaml", 8, "rateLimitPerMinute");
        Files.delete(dir.resolve("alpha.yaml"));
        assertAt(rejected("alpha", valid("alpha").replace("[alpha.marketplace.example]", "[\"Not A Host\"]")),
                "alpha.yaml", 5, "hosts[0]");
    }

    @Test
    void aMissingFieldPointsAtItsParent() throws IOException {
        PartnerFileException e = rejected("alpha", valid("alpha").replace("    justification: Booking confirmations.\n", ""));
        assertAt(e, "alpha.yaml", 10, "requests[0].justification");
        assertTrue(e.reason().contains("required"), e.getMessage());
    }

    @Test
    void everyProblemOfAFileIsReportedInLineOrder() throws IOException {
        PartnerFileException e = rejected("alpha", valid("alpha")
                .replace("https://alpha.example/privacy", "http://alpha.example/privacy")
                .replace("privacy@alpha.example", "call us")
                .replace("level: FULL", "level: NONE"));
        assertEquals(List.of("policyUrl", "privacyContact", "requests[0].level"),
                e.problems().stream().map(PartnerFileException.Problem::field).toList(), e.getMessage());
        assertEquals(List.of(6, 7, 12), e.problems().stream().map(PartnerFileException.Problem::line).toList());
    }

    @Test
    void aYamlSyntaxErrorSaysSoWithItsLine() throws IOException {
        PartnerFileException e = rejected("alpha", valid("alpha").replace("kind: travel", "kind: [travel"));
        assertNamed(e, "alpha.yaml", "(file)");
        assertTrue(e.reason().startsWith("is not valid YAML"), e.getMessage());
        assertTrue(e.line() >= 3, e.getMessage());
        assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().contains("org."), e.getMessage());
    }

    @Test
    void aFieldGivenTwiceIsNamedWithItsLine() throws IOException {
        assertAt(rejected("alpha", valid("alpha") + "kind: logistics\n"), "alpha.yaml", 14, "kind");
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        assertNamed(rejected("alpha", "# nothing here\n"), "alpha.yaml", "(file)");
    }

    @Test
    void anEmptyFolderIsAnError() {
        PartnerFileException e = assertThrows(PartnerFileException.class, () -> PartnerFiles.readFolder(dir));
        assertEquals("(folder)", e.field());
        assertTrue(e.reason().contains("no partner files"), e.getMessage());
    }

    @Test
    void aMissingFolderIsAnError() {
        PartnerFileException e = assertThrows(PartnerFileException.class,
                () -> PartnerFiles.readFolder(dir.resolve("nowhere")));
        assertEquals("(folder)", e.field());
        assertTrue(e.reason().contains("does not exist"), e.getMessage());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(1, PartnerValidation.run(dir.resolve("nowhere"), new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err)));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }

    @Test
    void everyFileIsCheckedNotOnlyTheFirstBadOne() throws IOException {
        write("alpha", valid("alpha").replace("rateLimitPerMinute: 60", "rateLimitPerMinute: 100001"));
        write("beta", valid("beta").replace("privacy@beta.example", "privacy-at-beta.example"));
        PartnerFileException e = assertThrows(PartnerFileException.class, () -> PartnerFiles.readFolder(dir));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).file().endsWith("alpha.yaml"));
        assertTrue(e.problems().get(1).file().endsWith("beta.yaml"));
    }

    @Test
    void helpPrintsUsage() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertEquals(0, PartnerValidation.main(List.of("--help"), new java.io.PrintStream(out),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream())));
        assertTrue(out.toString().startsWith("Usage:"), out.toString());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(2, PartnerValidation.main(List.of("--fast"), new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err)));
        assertTrue(err.toString().contains("Usage:"), err.toString());
    }

    /** The real entry point, in a process of its own: --help answers at once, and no server starts. */
    @Test
    void helpFromTheEntryPointDoesNotBootTheServer() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.privacygateway.GatewayMain",
                PartnerValidation.COMMAND, "--help").redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the command did not exit");
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.startsWith("Usage:"), output);
        assertTrue(!output.contains("Quarkus") && !output.contains("Listening"), output);
    }
}
