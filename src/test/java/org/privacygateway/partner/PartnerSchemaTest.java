package org.privacygateway.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/** The published schema and the gateway's own checks describe the same file. */
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
        assertEquals(Set.of("logoUrl"), optional);
    }

    @Test
    void idPatternMatchesTheGateway() throws IOException {
        assertEquals("^" + PartnerFiles.SLUG.pattern() + "$", schema().at("/properties/id/pattern").asText());
        assertEquals("^" + PartnerFiles.SLUG.pattern() + "$", schema().at("/properties/kind/pattern").asText());
    }

    @Test
    void urlsWithUserInformationAreRefusedByTheSchemaAndTheGateway() throws IOException {
        for (String field : List.of("policyUrl", "logoUrl")) {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(schema().at("/properties/" + field + "/pattern").asText());
            for (String bad : List.of("https://www.skyway-travel.example@evil.example/", "https://user:pw@evil.example/privacy",
                    "https://www.skyway-travel.example%40x@evil.example/privacy", "https://@evil.example/")) {
                org.junit.jupiter.api.Assertions.assertFalse(pattern.matcher(bad).find(), field + " " + bad);
                PartnerFileException e = org.junit.jupiter.api.Assertions.assertThrows(PartnerFileException.class,
                        () -> PartnerFiles.validateHttpsUrl("f.yaml", field, bad, true), bad);
                assertEquals(field, e.field());
            }
            for (String good : List.of("https://www.skyway-travel.example/privacy", "https://x.example",
                    "https://x.example/p?contact=privacy@x.example", "https://x.example:8443/privacy#top")) {
                org.junit.jupiter.api.Assertions.assertTrue(pattern.matcher(good).find(), field + " " + good);
                PartnerFiles.validateHttpsUrl("f.yaml", field, good, true);
            }
        }
    }
}
