package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.support.ErrorHygiene;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.Tokens;

/**
 * The compiled read path against the generic engine: random partner documents (aliases, fragments, inline fragments,
 * {@code @skip}/{@code @include} by literal and variable, merged duplicates, several roots, {@code __typename},
 * cursors, operation names, and bad arguments and variables) sent twice, once on each path. Status, media type,
 * policy link, body (all of it, {@code extensions.privacy} included, the request id aside) and the access-log rows
 * of the request must be the same. The compiled path must have answered most of them itself, or the comparison
 * proves nothing.
 */
@QuarkusTest
class CompiledReadsDifferentialTest {

    static final int DOCUMENTS = Integer.getInteger("differential.documents", 300);

    @Inject
    Fixtures fixtures;

    @Inject
    CompiledReads compiled;

    @Inject
    EntityManager em;

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void compiledBackOn() {
        compiled.enable(true);
    }

    @Test
    void bothPathsGiveTheSameAnswersAndTheSameAccessLog() throws Exception {
        Random random = new Random(Long.getLong("differential.seed", 20261129L));
        String run = Fixtures.unique("diff");
        List<Partner> partners = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            List<DeclaredRequest> requests = new ArrayList<>();
            for (DataCategory c : DataCategory.values()) {
                for (Purpose u : Purpose.values()) {
                    if (random.nextInt(10) < 6) {
                        requests.add(Fixtures.request(c, u, random.nextBoolean() ? DisclosureLevel.FULL : DisclosureLevel.PARTIAL));
                    }
                }
            }
            Partner partner = fixtures.partner(run + "-" + p, requests.toArray(new DeclaredRequest[0]));
            fixtures.setRateLimit(partner.id, 1_000_000);
            partners.add(partner);
        }
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Member m = fixtures.member("D" + i);
            int n = i;
            fixtures.update(m.id, x -> {
                x.birthDate = n == 3 ? java.time.LocalDate.now().minusYears(9) : java.time.LocalDate.of(1980, 1, 1 + n);
                x.marketingOptOut = n % 4 == 0;
                x.erasedAt = n == 7 ? java.time.Instant.now() : null;
                x.phone = n % 5 == 0 ? null : x.phone;
            });
            members.add(fixtures.reload(m.id));
            for (Partner partner : partners) {
                for (DataCategory c : DataCategory.values()) {
                    for (Purpose u : Purpose.values()) {
                        int roll = random.nextInt(10);
                        if (roll < 4) {
                            fixtures.grant(members.get(i), partner, c, u, random.nextBoolean() ? DisclosureLevel.FULL : DisclosureLevel.PARTIAL);
                        } else if (roll == 4) {
                            fixtures.grantExpired(members.get(i), partner, c, u, DisclosureLevel.FULL);
                        }
                    }
                }
            }
        }

        long servedBefore = compiled.served();
        for (int q = 0; q < DOCUMENTS; q++) {
            Partner partner = partners.get(random.nextInt(partners.size()));
            Map<String, Object> body = new HashMap<>();
            Map<String, Object> variables = new HashMap<>();
            String query = new Documents(random, partner, partners, members, variables).document(body);
            body.put("query", query);
            if (!variables.isEmpty() || random.nextInt(5) == 0) {
                body.put("variables", variables);
            }
            String accept = switch (random.nextInt(6)) {
                case 0 -> "application/json";
                case 1 -> "application/graphql-response+json";
                case 2 -> "*/*";
                default -> null;
            };
            compiled.enable(true);
            Response fast = post(partner, body, accept);
            compiled.enable(false);
            Response generic = post(partner, body, accept);
            compare(q, query, body, fast, generic);
        }
        long served = compiled.served() - servedBefore;
        System.out.printf("Differential: %d documents, %d answered by the compiled path%n", DOCUMENTS, served);
        assertTrue(served > DOCUMENTS * 6 / 10, "the compiled path answered only " + served + " of " + DOCUMENTS);
    }

    @Inject
    jakarta.enterprise.inject.Instance<graphql.schema.GraphQLSchema> schema;

    @Test
    void theReadSurfaceIsTheSchemasAndCoversEveryFieldOfItsTypes() {
        graphql.schema.GraphQLSchema running = schema.get();
        assertEquals(List.of(), ReadSurface.check(running));
        for (String type : ReadSurface.FIELDS.keySet()) {
            if (type.equals(ReadSurface.QUERY)) {
                continue;
            }
            for (var field : ((graphql.schema.GraphQLObjectType) running.getType(type)).getFieldDefinitions()) {
                assertTrue(ReadSurface.FIELDS.get(type).containsKey(field.getName()),
                        type + "." + field.getName() + " is in the schema but not in the compiled read surface:"
                                + " documents selecting it go to the generic engine; add it to ReadSurface");
            }
        }
    }

    @Test
    void rememberedPlansAreBoundedWhateverIsSent() {
        var plans = compiled.planCache();
        for (int i = 0; i < 1_300; i++) {
            compiled.plan("{ a" + i + ": members(purpose: ORDER_FULFILLMENT) { edges { node { id } } } }", null, "diff-client");
            assertTrue(plans.bytes("diff-client") <= plans.maxOwnerBytes(), "bytes kept: " + plans.bytes("diff-client"));
            assertTrue(plans.bytes() <= plans.maxBytes(), "bytes kept: " + plans.bytes());
        }
    }

    private Response post(Partner partner, Map<String, Object> body, String accept) {
        var request = given().contentType(ContentType.JSON).auth().oauth2(Tokens.partner(partner.clientId)).body(body);
        if (accept != null) {
            request = request.accept(accept);
        }
        Response response = request.post("/graphql");
        ErrorHygiene.check(response.statusCode(), response.asString());
        return response;
    }

    private void compare(int q, String query, Map<String, Object> body, Response fast, Response generic) throws Exception {
        String context = "document " + q + ": " + query + "\nbody: " + body + "\ncompiled: " + fast.asString()
                + "\ngeneric:  " + generic.asString();
        assertEquals(generic.statusCode(), fast.statusCode(), "status\n" + context);
        assertEquals(generic.contentType(), fast.contentType(), "content type\n" + context);
        assertEquals(generic.header("Link"), fast.header("Link"), "Link\n" + context);
        JsonNode a = json.readTree(fast.asString());
        JsonNode b = json.readTree(generic.asString());
        String idA = requestId(a);
        String idB = requestId(b);
        if (!a.toString().equals(b.toString())) {
            fail("bodies differ\n" + context);
        }
        if (idA != null && idB != null) {
            assertEquals(accessRows(idB), accessRows(idA), "access-log rows\n" + context);
        }
    }

    /** Takes the request id out of {@code extensions.privacy} (it differs by design) and returns it. */
    private static String requestId(JsonNode response) {
        JsonNode privacy = response.path("extensions").path("privacy");
        if (privacy instanceof ObjectNode o && o.has("requestId")) {
            return o.remove("requestId").asText();
        }
        return null;
    }

    @Transactional
    List<String> accessRows(String requestId) {
        List<String> rows = new ArrayList<>();
        for (Object[] r : em.createQuery("select e.memberId, e.partnerId, e.purpose, e.operation, e.kind, e.served, e.masked"
                + " from AccessEvent e where e.requestId = :r order by e.memberId, e.operation", Object[].class)
                .setParameter("r", requestId).getResultList()) {
            rows.add(java.util.Arrays.toString(r));
        }
        rows.sort(null);
        return rows;
    }

    /** Random partner documents, most of them valid, some refused by an argument or a variable. */
    final class Documents {
        final Random r;
        final Partner partner;
        final List<Partner> partners;
        final List<Member> members;
        final Map<String, Object> variables;
        final List<String> declarations = new ArrayList<>();
        final StringBuilder fragments = new StringBuilder();
        int fragmentCount;

        Documents(Random r, Partner partner, List<Partner> partners, List<Member> members, Map<String, Object> variables) {
            this.r = r;
            this.partner = partner;
            this.partners = partners;
            this.members = members;
            this.variables = variables;
        }

        String document(Map<String, Object> body) {
            StringBuilder roots = new StringBuilder();
            int count = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
            for (int i = 0; i < count; i++) {
                roots.append(r.nextBoolean() ? member(i) : members(i)).append(' ');
            }
            if (r.nextInt(6) == 0) {
                roots.append("__typename ");
            }
            String vars = declarations.isEmpty() ? "" : "(" + String.join(", ", declarations) + ")";
            String operation = "query Q" + vars + " { " + roots + "}";
            if (r.nextInt(8) == 0) {
                body.put("operationName", "Q");
                return "query Other { __typename } " + operation + " " + fragments;
            }
            if (r.nextInt(30) == 0) {
                // A mutation is never the compiled path's.
                return "mutation { __typename }";
            }
            return operation + " " + fragments;
        }

        String purpose(int i) {
            Purpose purpose = r.nextInt(25) == 0 ? Purpose.ANALYTICS
                    : Purpose.values()[r.nextInt(Purpose.values().length - 1)];
            if (r.nextBoolean()) {
                String name = "p" + i;
                declarations.add("$" + name + ": Purpose!");
                variables.put(name, r.nextInt(40) == 0 ? "NOT_A_PURPOSE" : purpose.name());
                return "$" + name;
            }
            return purpose.name();
        }

        String member(int i) {
            Member m = members.get(r.nextInt(members.size()));
            int roll = r.nextInt(12);
            String id = roll < 8 ? fixtures.pairwise(partner, m)
                    : roll < 10 ? fixtures.pairwise(partners.get(r.nextInt(partners.size())), m)
                    : roll == 10 ? "pw_AAAAAAAAAAAAAAAAAAAAAA" : "not-an-id";
            String idArg;
            if (r.nextBoolean()) {
                declarations.add("$id" + i + ": ID!");
                variables.put("id" + i, id);
                idArg = "$id" + i;
            } else {
                idArg = "\"" + id + "\"";
            }
            return alias("m" + i) + "member(id: " + idArg + ", purpose: " + purpose(i) + ") " + condition(i) + "{ "
                    + memberSelection(i) + "}";
        }

        String members(int i) {
            String first = "";
            int roll = r.nextInt(10);
            if (roll < 4) {
                int n = r.nextInt(30) == 0 ? 0 : 1 + r.nextInt(8);
                first = ", first: " + n;
            } else if (roll < 7) {
                declarations.add("$first" + i + ": Int");
                int pick = r.nextInt(20);
                if (pick == 0) {
                    variables.put("first" + i, "three");
                } else if (pick == 1) {
                    variables.put("first" + i, null);
                } else if (pick != 2) {
                    variables.put("first" + i, 1 + r.nextInt(8));
                }
                first = ", first: $first" + i;
            } else if (roll == 7) {
                first = ", first: null";
            }
            String after = "";
            if (r.nextInt(4) == 0) {
                Member m = members.get(r.nextInt(members.size()));
                after = ", after: \"" + (r.nextInt(10) == 0 ? "garbage" : fixtures.pairwise(partner, m)) + "\"";
            }
            StringBuilder edges = new StringBuilder();
            int edgeAliases = r.nextInt(5) == 0 ? 2 : 1;
            for (int e = 0; e < edgeAliases; e++) {
                edges.append(e == 0 && r.nextBoolean() ? "" : "e" + e + ": ").append("edges { ")
                        .append(r.nextInt(3) == 0 ? "cursor " : "")
                        .append(r.nextInt(6) == 0 ? "__typename " : "")
                        .append(r.nextInt(5) == 0 ? "n2: node { id } " : "")
                        .append("node { ").append(memberSelection(i)).append("} } ");
            }
            String pageInfo = r.nextBoolean() ? "pageInfo { hasNextPage endCursor " + (r.nextInt(5) == 0 ? "__typename " : "") + "} " : "";
            return alias("l" + i) + "members(purpose: " + purpose(i) + first + after + ") " + condition(i) + "{ "
                    + (r.nextInt(6) == 0 ? "__typename " : "") + edges + pageInfo + "}";
        }

        String alias(String name) {
            return r.nextInt(3) == 0 ? name + ": " : "";
        }

        /** Sometimes a @skip or @include, by literal or by variable. */
        String condition(int i) {
            int roll = r.nextInt(12);
            if (roll == 0) {
                return "@include(if: true) ";
            }
            if (roll == 1) {
                return "@skip(if: false) ";
            }
            if (roll == 2) {
                String name = "c" + i + "x" + declarations.size();
                declarations.add("$" + name + ": Boolean!");
                variables.put(name, r.nextBoolean());
                return (r.nextBoolean() ? "@include" : "@skip") + "(if: $" + name + ") ";
            }
            if (roll == 3) {
                return "@skip(if: true) ";
            }
            return "";
        }

        /** A field with a directive where GraphQL puts it: after the name, before the selection set. */
        String directed(String field, String directive) {
            int brace = field.indexOf('{');
            return brace < 0 ? field + " " + directive : field.substring(0, brace) + directive + field.substring(brace);
        }

        private final String[] scalars = { "id", "email", "phone", "__typename" };
        private final String[] objects = { "name { given family }", "name { family __typename }",
                "address { street city region postalCode country }", "address { city }",
                "company { name address { street city __typename } }", "company { name }",
                "card { processorToken brand last4 expiryMonth expiryYear }", "card { last4 }",
                "access { category level reason }", "access { reason __typename }" };

        String memberSelection(int i) {
            StringBuilder s = new StringBuilder();
            int fields = 1 + r.nextInt(5);
            for (int f = 0; f < fields; f++) {
                String field = r.nextInt(3) == 0 ? scalars[r.nextInt(scalars.length)] : objects[r.nextInt(objects.length)];
                if (r.nextInt(5) == 0 && !field.startsWith("__")) {
                    field = "x" + f + ": " + field;
                }
                s.append(field).append(' ');
                if (r.nextInt(5) == 0 && !field.startsWith("__")) {
                    // The same field again, under a condition: merged with the first when the condition holds.
                    s.append(directed(field.replaceFirst("^x\\d+: ", ""), condition(i))).append(' ');
                }
            }
            if (r.nextInt(4) == 0) {
                s.append("... ").append(r.nextBoolean() ? "on SharedMember " : "").append(condition(i)).append("{ ")
                        .append(objects[r.nextInt(objects.length)]).append(" } ");
            }
            if (r.nextInt(4) == 0) {
                String name = "F" + fragmentCount++;
                fragments.append("fragment ").append(name).append(" on SharedMember { ")
                        .append(scalars[r.nextInt(scalars.length)]).append(' ')
                        .append(objects[r.nextInt(objects.length)]).append(" } ");
                s.append("...").append(name).append(' ').append(condition(i));
            }
            return s.toString();
        }
    }
}
