package org.privacygateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

import io.quarkus.arc.profile.IfBuildProfile;

import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.Company;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.PaymentCard;
import org.privacygateway.masking.PersonName;
import org.privacygateway.masking.PostalAddress;

/**
 * Only in the benchmark build: G0, the ceiling of generic GraphQL execution on this machine. Plain graphql-java (the
 * library SmallRye runs on, nothing of SmallRye) over an in-memory schema with the shape of the partner read
 * ({@code members(purpose, first) { edges { node { ...every SharedMember field } } } }), answered from 50 prebuilt
 * Java objects by graphql-java's default property fetchers: no database, no masking, no audit, no security. Parsed
 * and validated documents are cached by query text (as SmallRye's query cache does), so what remains is per-field
 * execution and serialisation (Jackson). Whatever S2 does on top of this, it cannot beat this figure by executing the
 * same shape field by field.
 */
@IfBuildProfile("bench")
@Path("/bench/g0")
public class GenericCeiling {

    static final String SDL = """
            type Query { members(purpose: Purpose!, first: Int): SharedMemberConnection! }
            enum Purpose { ORDER_FULFILLMENT ANALYTICS MARKETING }
            type SharedMemberConnection { edges: [SharedMemberEdge!]! pageInfo: PageInfo! }
            type PageInfo { hasNextPage: Boolean! endCursor: String }
            type SharedMemberEdge { cursor: String! node: SharedMember! }
            type SharedMember { id: ID! name: PersonName email: String phone: String address: PostalAddress
              company: Company card: PaymentCard access: [FieldAccess!]! }
            type PersonName { given: String family: String }
            type PostalAddress { street: String city: String region: String postalCode: String country: String }
            type Company { name: String address: PostalAddress }
            type PaymentCard { brand: String last4: String expiryMonth: Int expiryYear: Int }
            type FieldAccess { category: DataCategory! level: DisclosureLevel! reason: AccessReason! }
            enum DataCategory { NAME EMAIL PHONE ADDRESS COMPANY PAYMENT_CARD }
            enum DisclosureLevel { NONE PARTIAL FULL }
            enum AccessReason { MINOR NOT_REQUESTED OPTED_OUT POLICY_VERSION PUBLIC CONSENT_REQUIRED CONSENT_EXPIRED CONSENTED }
            """;

    public record Member(String id, PersonName name, String email, String phone, PostalAddress address, Company company,
            PaymentCard card, List<Access> access) {
    }

    public record Access(DataCategory category, DisclosureLevel level, AccessReason reason) {
    }

    public record Edge(String cursor, Member node) {
    }

    public record Page(boolean hasNextPage, String endCursor) {
    }

    public record Connection(List<Edge> edges, Page pageInfo) {
    }

    @Inject
    ObjectMapper json;

    final GraphQL graphql;
    final Connection page;

    public GenericCeiling() {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            List<Access> access = new ArrayList<>();
            for (DataCategory c : DataCategory.values()) {
                access.add(new Access(c, c == DataCategory.PAYMENT_CARD ? DisclosureLevel.PARTIAL : DisclosureLevel.FULL,
                        AccessReason.CONSENTED));
            }
            Member m = new Member(String.format("pw_%022d", i), new PersonName("Given" + i, "Family" + i),
                    "member" + i + "@mail.example", "+46 70 " + (1000000 + i),
                    new PostalAddress(i + " Bench Street", "City" + (i % 50), "Region" + (i % 10), String.valueOf(10000 + i), "SE"),
                    new Company("Company " + (i % 200), new PostalAddress(i + " Bench Street", "City" + (i % 50), null, null, null)),
                    new PaymentCard(null, "VISA", "4242", 12, 2030), access);
            edges.add(new Edge("c" + i, m));
        }
        page = new Connection(edges, new Page(true, "c49"));
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("members", env -> page))
                .build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
        Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();
        PreparsedDocumentProvider cache = (input, parseAndValidate) -> CompletableFuture.completedFuture(
                documents.computeIfAbsent(input.getQuery(), q -> parseAndValidate.apply(input)));
        graphql = GraphQL.newGraphQL(schema).preparsedDocumentProvider(cache).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] execute(byte[] body) throws Exception {
        JsonNode request = json.readTree(body);
        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput(request.get("query").asText()).build());
        return json.writeValueAsBytes(result.toSpecification());
    }
}
