package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.SchemaContract;
import org.privacygateway.support.Tokens;

/**
 * The schema the gateway serves is the committed one ({@value #COMMITTED}), so every change to the partner contract
 * shows in a review. On a difference the test prints a diff; {@code -Dschema.update=true} writes the running schema
 * to the file instead (then review and commit it).
 */
@QuarkusTest
class PublishedSchemaTest {

    static final String COMMITTED = "src/main/resources/graphql/schema.graphql";

    @Inject
    Fixtures fixtures;

    @Test
    void theRunningSchemaIsTheCommittedOne() throws IOException {
        Partner partner = fixtures.partner(Fixtures.unique("sdl"));
        // As a partner gets it: with its own token.
        String served = given().auth().oauth2(Tokens.partner(partner.clientId)).get("/graphql/schema.graphql").then()
                .statusCode(200).extract().asString();
        String running = SchemaContract.canonical(served);
        Path file = Path.of(COMMITTED);
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (running.equals(committed)) {
            return;
        }
        if (Boolean.getBoolean("schema.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, running, StandardCharsets.UTF_8);
            System.out.println("Wrote the running schema to " + COMMITTED + ": review the change and commit it.");
            return;
        }
        fail("The schema the gateway serves differs from " + COMMITTED + ". If the change is meant, run the test with"
                + " -Dschema.update=true to write the file, and commit it:\n"
                + SchemaContract.diff(COMMITTED, committed, "served /graphql/schema.graphql", running, 3));
    }

    @Test
    void theCommittedSchemaIsInCanonicalFormAndFullyDescribed() throws IOException {
        String committed = Files.readString(Path.of(COMMITTED), StandardCharsets.UTF_8);
        assertEquals(SchemaContract.canonical(committed), committed, "the committed schema is printed canonically");
        List<String> undescribed = SchemaContract.undescribed(committed);
        assertTrue(undescribed.isEmpty(), "no description: " + String.join(", ", undescribed));
    }

    @Test
    void everyDescriptionTextStillHasItsElement() {
        given().auth().oauth2(Tokens.admin("ada")).get("/graphql/schema.graphql").then().statusCode(200);
        assertEquals(java.util.Set.of(), SchemaDescriptions.unused(), "entries of SchemaDescriptions no schema element has");
    }

    @Test
    void anonymousCallersGetNoSchema() {
        given().get("/graphql/schema.graphql").then().statusCode(401);
    }
}
