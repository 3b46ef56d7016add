package org.privacygateway.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import org.privacygateway.dev.MemberRecords;
import org.privacygateway.dev.StubMemberService;
import org.privacygateway.masking.DataCategory;

/**
 * The member-service contract (docs/member-service.openapi.yaml) against the two sides that use it: every
 * operation the gateway's client calls is in the document, and the stub's answers are valid against its schemas
 * (which also refuse a record with a field of the wrong type).
 */
class MemberServiceContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static JsonNode contract;
    static StubMemberService stub;

    @BeforeAll
    static void start() throws IOException {
        contract = new YAMLMapper().readTree(Files.readString(Path.of("docs/member-service.openapi.yaml")));
        stub = new StubMemberService(0, Clock.systemUTC()).start();
    }

    @AfterAll
    static void stop() {
        stub.stop();
    }

    @Test
    void everyOperationTheClientCallsIsInTheContract() {
        int operations = 0;
        for (MemberServiceCalls.Operation op : MemberServiceCalls.Operation.values()) {
            JsonNode operation = contract.path("paths").path(op.path).path(op.method.toLowerCase(Locale.ROOT));
            assertFalse(operation.isMissingNode(), op.method + " " + op.path + " is not in the contract");
            assertEquals(op.name(), operation.path("operationId").asText());
            operations++;
        }
        assertEquals(3, operations);
    }

    @Test
    void theStubsBatchAnswersAreValidAgainstTheContract() throws Exception {
        Member full = new Member();
        full.subject = "contract-full";
        full.givenName = "Ada";
        full.familyName = "Lovelace";
        full.email = "ada@mail.example";
        full.street = "1 Street";
        full.country = "GB";
        full.companyName = "Engines Ltd";
        full.companyCity = "London";
        full.cardToken = "tok_ada";
        full.cardLast4 = "4242";
        full.cardExpiryMonth = 12;
        full.cardExpiryYear = 2030;
        full.birthDate = LocalDate.of(1980, 1, 1);
        full.stamp(DataCategory.NAME, 1);
        Member sparse = new Member();
        sparse.subject = "contract-sparse";
        stub.put(MemberRecords.of(JSON, full, v -> Instant.parse("2001-10-16T00:00:00Z")));
        stub.put(MemberRecords.of(JSON, sparse, v -> Instant.EPOCH));

        JsonNode answer = batchRead(List.of("contract-full", "contract-sparse", "contract-unknown"));
        Schema schema = schema("BatchReadAnswer");
        assertEquals(List.of(), schema.validate(answer).stream().map(Error::getMessage).toList());
        assertEquals(2, answer.get("members").size());
        assertEquals("contract-unknown", answer.get("unknown").get(0).asText());
        assertTrue(schema("BatchReadRequest").validate(JSON.readTree("{\"ids\":[\"a\",\"b\"]}")).isEmpty());

        // The schema has teeth: the record the stub sends when told to misbehave is refused.
        ObjectNode wrong = (ObjectNode) answer.deepCopy();
        ((ObjectNode) wrong.get("members").get(0)).put("email", 42);
        assertFalse(schema.validate(wrong).isEmpty());
        assertFalse(schema("BatchReadRequest").validate(JSON.readTree("{\"ids\":[]}")).isEmpty());
    }

    private static JsonNode batchRead(List<String> ids) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stub.url()
                + "/members/batch-read")).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        java.util.Map.of("ids", ids)))).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return JSON.readTree(r.body());
    }

    /** One of the contract's schemas, its references to the others resolved within one JSON Schema document. */
    private static Schema schema(String name) throws IOException {
        String defs = JSON.writeValueAsString(contract.path("components").path("schemas"))
                .replace("#/components/schemas/", "#/$defs/");
        JsonNode document = JSON.readTree("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$defs\":"
                + defs + ",\"$ref\":\"#/$defs/" + name + "\"}");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(document);
    }
}
