package org.privacygateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/** The published schema is the gateway's rule book: change a rule in a copy of it, and the gateway follows. */
class PartnerSchemaTest {

    static JsonNode schema() throws IOException {
        return new ObjectMapper().readTree(Path.of("partners/partner.schema.json").toFile());
    }

    static Set<String> texts(JsonNode array) {
        Set<String> set = new TreeSet<>();
        array.forEach(n -> set.add(n.asText()));
        return set;
    }

    static Set<String> names(Enum<?>[] values) {
        Set<String> set = new TreeSet<>();
        Arrays.stream(values).forEach(v -> set.add(v.name()));
        return set;
    }

    @Test
    void enumsMatchTheGateway() throws IOException {
        JsonNode request = schema().at("/properties/requests/items/properties");
        assertEquals(names(DataCategory.values()), texts(request.at("/category/enum")));
        assertEquals(names(Purpose.values()), texts(request.at("/purpose/enum")));
        assertEquals(Set.of("FULL", "PARTIAL"), texts(request.at("/level/enum")));
        assertEquals(DisclosureLevel.values().length - 1, request.at("/level/enum").size());
    }

    @Test
    void fieldsMatchThePartnerFileRecord() throws IOException {
        List<String> recordFields = new ArrayList<>();
        for (var c : PartnerFile.class.getRecordComponents()) {
            recordFields.add(c.getName());
        }
        Set<String> schemaFields = new TreeSet<>();
        schema().get("properties").fieldNames().forEachRemaining(schemaFields::add);
        assertEquals(new TreeSet<>(recordFields), schemaFields);
        Set<String> optional = new TreeSet<>(schemaFields);
        optional.removeAll(texts(schema().get("required")));
        assertEquals(Set.of("logoUrl", "logo", "translations", "webhook"), optional);
    }

    @TempDir
    Path dir;

    static final String VALID = PartnerFilesTest.VALID.formatted("alpha", "travel", "alpha", "alpha", "alpha", "alpha");

    /** The schema as shipped in the application is the file published in partners/. */
    @Test
    void theGatewayUsesThePublishedSchemaFile() throws IOException {
        try (var in = PartnerSchema.class.getResourceAsStream(PartnerSchema.RESOURCE)) {
            assertEquals(schema(), new ObjectMapper().readTree(in));
        }
    }

    private List<PartnerFile> readWith(ObjectNode schema, String yaml) throws IOException {
        Files.writeString(dir.resolve("alpha.yaml"), yaml);
        return PartnerFiles.readFolder(dir, PartnerSchema.of(schema));
    }

    private PartnerFileException refusedWith(ObjectNode schema, String yaml) {
        return assertThrows(PartnerFileException.class, () -> readWith(schema, yaml));
    }

    private static ObjectNode property(ObjectNode schema, String pointer) {
        return (ObjectNode) schema.at(pointer);
    }

    private static ObjectNode copy() throws IOException {
        return (ObjectNode) schema().deepCopy();
    }

    /** One e-mail rule and one URL rule: the schema's patterns are the ones members' and policies' inputs use. */
    @Test
    void theEmailAndUrlPatternsAreTheGatewaysOwn() throws IOException {
        assertEquals("^" + org.privacygateway.error.Inputs.EMAIL_PATTERN + "$",
                schema().at("/properties/privacyContact/pattern").asText());
        for (String field : List.of("policyUrl", "logoUrl")) {
            assertEquals("^" + org.privacygateway.error.Inputs.HTTPS_URL_PATTERN + "$",
                    schema().at("/properties/" + field + "/pattern").asText());
        }
    }

    @Test
    void theHostRuleIsTheSchemas() throws IOException {
        String yaml = VALID.replace("[alpha.marketplace.example]", "[\"Shop.Example\"]");
        assertEquals("hosts[0]", refusedWith(copy(), yaml).field());
        ObjectNode relaxed = copy();
        property(relaxed, "/properties/hosts/items").put("pattern", "^[A-Za-z.]+$");
        assertEquals(1, readWith(relaxed, yaml).size());
    }

    @Test
    void theHttpsUrlRuleIsTheSchemas() throws IOException {
        String yaml = VALID.replace("https://alpha.example/privacy", "http://alpha.example/privacy");
        PartnerFileException e = refusedWith(copy(), yaml);
        assertEquals("policyUrl", e.field());
        assertEquals(schema().at("/properties/policyUrl/x-message/pattern").asText(), e.reason());
        ObjectNode relaxed = copy();
        property(relaxed, "/properties/policyUrl").put("pattern", "^https?://");
        assertEquals(1, readWith(relaxed, yaml).size());
    }

    @Test
    void theEmailRuleIsTheSchemas() throws IOException {
        String yaml = VALID.replace("privacy@alpha.example", "call us");
        assertEquals("privacyContact", refusedWith(copy(), yaml).field());
        ObjectNode relaxed = copy();
        property(relaxed, "/properties/privacyContact").remove("pattern");
        assertEquals(1, readWith(relaxed, yaml).size());
        ObjectNode stricter = copy();
        property(stricter, "/properties/privacyContact").put("pattern", "^dpo@");
        assertEquals("privacyContact", refusedWith(stricter, VALID).field());
    }

    @Test
    void theRangeRulesAreTheSchemas() throws IOException {
        assertEquals(1, readWith(copy(), VALID).size());
        ObjectNode stricter = copy();
        property(stricter, "/properties/rateLimitPerMinute").put("maximum", 50);
        PartnerFileException e = refusedWith(stricter, VALID);
        assertEquals("rateLimitPerMinute", e.field());
        ObjectNode shorter = copy();
        property(shorter, "/properties/displayName").put("maxLength", 3);
        assertEquals("displayName", refusedWith(shorter, VALID).field());
        ObjectNode moreRequests = copy();
        property(moreRequests, "/properties/requests").put("minItems", 2);
        assertEquals("requests", refusedWith(moreRequests, VALID).field());
    }

    @Test
    void anEnumValueAddedToTheSchemaIsAccepted() throws IOException {
        String yaml = VALID.replace("level: FULL", "level: NONE");
        assertEquals("requests[0].level", refusedWith(copy(), yaml).field());
        ObjectNode wider = copy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) wider.at("/properties/requests/items/properties/level/enum")).add("NONE");
        property(wider, "/properties/requests/items/properties/level").remove("x-message");
        assertEquals(1, readWith(wider, yaml).size());
    }

    @Test
    void messagesAreWordsNotValidatorJargon() throws IOException {
        PartnerFileException e = refusedWith(copy(), VALID
                .replace("rateLimitPerMinute: 60", "rateLimitPerMinute: many")
                .replace("kind: travel", "kind: Travel Agency")
                + "colour: blue\n");
        for (PartnerFileException.Problem p : e.problems()) {
            assertFalse(p.reason().contains("$") || p.reason().contains("#/") || p.reason().contains("schema:"),
                    p.describe());
        }
        assertEquals(List.of("kind", "rateLimitPerMinute", "colour"),
                e.problems().stream().map(PartnerFileException.Problem::field).toList(), e.getMessage());
        assertEquals("is not a known field", e.problems().get(2).reason());
    }

    @Test
    void urlsWithUserInformationAreRefusedByTheSchema() throws IOException {
        for (String field : List.of("policyUrl", "logoUrl")) {
            for (String bad : List.of("https://www.skyway-travel.example@evil.example/", "https://user:pw@evil.example/privacy",
                    "https://www.skyway-travel.example%40x@evil.example/privacy", "https://@evil.example/")) {
                String yaml = VALID.replace("policyUrl: https://alpha.example/privacy\n", "")
                        + (field.equals("policyUrl") ? "" : "policyUrl: https://alpha.example/privacy\n")
                        + field + ": \"" + bad + "\"\n";
                PartnerFileException e = refusedWith(copy(), yaml);
                assertEquals(field, e.field(), bad);
                assertTrue(e.reason().contains("user information"), e.reason());
            }
            for (String good : List.of("https://www.skyway-travel.example/privacy", "https://x.example",
                    "https://x.example/p?contact=privacy@x.example", "https://x.example:8443/privacy#top")) {
                String yaml = VALID.replace("policyUrl: https://alpha.example/privacy\n", "")
                        + (field.equals("policyUrl") ? "" : "policyUrl: https://alpha.example/privacy\n")
                        + field + ": \"" + good + "\"\n";
                assertEquals(1, readWith(copy(), yaml).size(), good);
            }
        }
    }
}
