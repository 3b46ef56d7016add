package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.masking.DataCategory.EMAIL;
import static org.privacygateway.masking.DisclosureLevel.FULL;
import static org.privacygateway.masking.Purpose.ORDER_FULFILLMENT;
import static org.privacygateway.support.Fixtures.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import org.privacygateway.partner.Partner;
import org.privacygateway.support.ErrorHygiene;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.LogCapture;
import org.privacygateway.support.Tokens;

/**
 * Every malformed part of the request envelope and every variable the schema cannot coerce is the caller's mistake,
 * whoever the caller is: HTTP 400 (415 for a media type that is not JSON), {@code extensions.code} VALIDATION, a
 * message in plain words, and nothing logged at INFO or above.
 */
@QuarkusTest
class BadInputShapesTest {

    enum Caller {
        ANONYMOUS, MEMBER, PARTNER, ADMIN
    }

    /** A request body as sent, byte for byte, and its media type. */
    record Shape(String name, String contentType, String body, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String JSON = "application/json";
    static final String TYPENAME = "{ __typename }";
    static final String INT = "query($n: Int) { members(purpose: ORDER_FULFILLMENT, first: $n) { edges { cursor } } }";
    static final String INCLUDE = "query($b: Boolean!) { __typename @include(if: $b) }";
    static final String SKIP_DEFAULT = "query($b: Boolean = true) { __typename @skip(if: $b) }";
    static final String PURPOSE = "query($p: Purpose!) { members(purpose: $p) { edges { cursor } } }";
    static final String PURPOSE_DEFAULT =
            "query($p: Purpose = ORDER_FULFILLMENT) { members(purpose: $p) { edges { cursor } } }";
    static final String HOST = "query($h: String!) { coBrand(host: $h) { partnerName } }";
    static final String ID = "query($id: ID!) { member(id: $id, purpose: ORDER_FULFILLMENT) { id } }";
    static final String CATEGORIES = "mutation($c: [DataCategory!]!) { confirmMyData(categories: $c) { __typename } }";
    static final String GRANT = "mutation($i: GrantConsentInput!) { grantConsent(input: $i) { __typename } }";
    static final String PROFILE = "mutation($i: ProfileInput!) { updateMyProfile(input: $i) { __typename } }";
    static final String POLICY = "mutation($i: PolicyVersionInput!) { publishPolicyVersion(input: $i) { __typename } }";

    /** The loggers of whatever serves a request (the embedded database's own log is not one). */
    static final List<String> SERVING_LOGGERS = List.of("org.privacygateway", "io.quarkus", "io.smallrye", "graphql",
            "io.vertx", "io.netty", "org.jboss", "org.hibernate");

    /** Words of Java, SmallRye and graphql-java that a message must not carry. */
    static final List<String> INTERNALS = List.of("Exception", "java", "Coerc", "SRGQL", "ArrayList", "HashMap",
            "BigDecimal", "Unknown Scalar", "StringValue", "NonNull", "graphql.", "smallrye", "Parsson", "Jackson");

    /**
     * Values the shapes send: a message names what is wrong, never what was sent (but for an enum value that is a
     * GraphQL name, such as SELLING, which it names back).
     */
    static final List<String> SENT_VALUES = List.of("not-a-date", "soon", "yes", "other.example",
            "MARKETING", "4294967296", "1.5", "3e9", "3.0E+9", "1E+400", "extra");

    static Shape envelope(String name, String body) {
        return new Shape(name, JSON, body, 400);
    }

    /** A request whose variables (raw JSON) the schema cannot take for the query. */
    static Shape variables(String name, String query, String variables) {
        return new Shape(name, JSON, "{\"query\":\"" + query.replace("\"", "\\\"") + "\",\"variables\":" + variables + "}",
                400);
    }

    static List<Shape> shapes() {
        String grant = "\"category\":\"EMAIL\",\"level\":\"FULL\",\"partnerId\":\"p\",\"purpose\":\"ORDER_FULFILLMENT\"";
        return List.of(
                // The envelope
                envelope("variables is a list", "{\"query\":\"{ __typename }\",\"variables\":[1]}"),
                envelope("variables is a string", "{\"query\":\"{ __typename }\",\"variables\":\"x\"}"),
                envelope("variables is a boolean", "{\"query\":\"{ __typename }\",\"variables\":true}"),
                envelope("variables is a number", "{\"query\":\"{ __typename }\",\"variables\":5}"),
                envelope("operationName is a number", "{\"query\":\"{ __typename }\",\"operationName\":5}"),
                envelope("operationName is an object", "{\"query\":\"{ __typename }\",\"operationName\":{}}"),
                envelope("operationName names no operation", "{\"query\":\"query A { __typename }\",\"operationName\":\"B\"}"),
                envelope("two operations and no operationName",
                        "{\"query\":\"query A { __typename } query B { __typename }\"}"),
                envelope("query is a number", "{\"query\":5}"),
                envelope("query is an object", "{\"query\":{\"a\":1}}"),
                envelope("extensions is a string", "{\"query\":\"{ __typename }\",\"extensions\":\"x\"}"),
                envelope("extensions is a list", "{\"query\":\"{ __typename }\",\"extensions\":[1]}"),
                envelope("the body is a string", "\"{ __typename }\""),
                envelope("the body is null", "null"),
                envelope("trailing bytes", "{\"query\":\"{ __typename }\"} x"),
                envelope("a second document", "{\"query\":\"{ __typename }\"}{\"query\":\"{ __typename }\"}"),
                envelope("a duplicate key", "{\"query\":\"{ __typename }\",\"query\":\"{ __typename }\"}"),
                envelope("a duplicate variable", "{\"query\":\"" + HOST.replace("\"", "\\\"")
                        + "\",\"variables\":{\"h\":\"travel.marketplace.example\",\"h\":\"other.example\"}}"),
                new Shape("media type application/jsonfoo", "application/jsonfoo", "{\"query\":\"{ __typename }\"}", 415),
                new Shape("media type application/json-patch+json", "application/json-patch+json",
                        "{\"query\":\"{ __typename }\"}", 415),
                // Booleans of @include/@skip
                variables("null into @include(if: Boolean!)", INCLUDE, "{\"b\":null}"),
                variables("missing Boolean! for @include", INCLUDE, "{}"),
                variables("explicit null over a Boolean default into @skip", SKIP_DEFAULT, "{\"b\":null}"),
                variables("a string into Boolean!", INCLUDE, "{\"b\":\"yes\"}"),
                // Int
                variables("Float into Int", INT, "{\"n\":1.5}"),
                variables("3e9 into Int", INT, "{\"n\":3e9}"),
                variables("4294967296 into Int", INT, "{\"n\":4294967296}"),
                variables("1e400 into Int", INT, "{\"n\":1e400}"),
                variables("huge exponent into Int", INT, "{\"n\":1e999999999}"),
                variables("string into Int", INT, "{\"n\":\"5\"}"),
                variables("boolean into Int", INT, "{\"n\":true}"),
                variables("list into Int", INT, "{\"n\":[5]}"),
                // Strings, IDs and enums
                variables("object into String!", HOST, "{\"h\":{\"a\":1}}"),
                variables("list into String!", HOST, "{\"h\":[\"travel.marketplace.example\"]}"),
                variables("null into String!", HOST, "{\"h\":null}"),
                variables("Float into ID!", ID, "{\"id\":1.5}"),
                variables("enum value not in the enum", PURPOSE, "{\"p\":\"SELLING\"}"),
                variables("number into an enum", PURPOSE, "{\"p\":5}"),
                variables("null into a non-null enum", PURPOSE, "{\"p\":null}"),
                variables("explicit null over an enum default into a non-null argument", PURPOSE_DEFAULT,
                        "{\"p\":null}"),
                // Lists and input objects
                variables("nested list into [DataCategory!]!", CATEGORIES, "{\"c\":[[\"EMAIL\"]]}"),
                variables("null inside [DataCategory!]!", CATEGORIES, "{\"c\":[null]}"),
                variables("object into [DataCategory!]!", CATEGORIES, "{\"c\":{\"a\":\"EMAIL\"}}"),
                variables("input object missing a field", GRANT, "{\"i\":{\"category\":\"EMAIL\"}}"),
                variables("input object with an unknown field", GRANT, "{\"i\":{" + grant + ",\"extra\":1}}"),
                variables("list into an input object", GRANT, "{\"i\":[{" + grant + "}]}"),
                variables("string into an input object", GRANT, "{\"i\":\"x\"}"),
                variables("not a date", PROFILE, "{\"i\":{\"birthDate\":\"not-a-date\"}}"),
                variables("number into a Date", PROFILE, "{\"i\":{\"birthDate\":5}}"),
                variables("a date-time without an offset for an instant", POLICY, "{\"i\":{\"effectiveAt\":"
                        + "\"2030-01-01T00:00:00\",\"matrix\":[],\"summary\":\"s\",\"url\":\"https://p.example\",\"version\":3}}"),
                variables("not a date-time", POLICY, "{\"i\":{\"effectiveAt\":\"soon\",\"matrix\":[],\"summary\":\"s\","
                        + "\"url\":\"https://p.example\",\"version\":3}}"),
                variables("nested wrong list type in an input", POLICY, "{\"i\":{\"effectiveAt\":\"2030-01-01T00:00:00Z\","
                        + "\"matrix\":[{\"category\":\"EMAIL\",\"purposes\":[[\"MARKETING\"]]}],\"summary\":\"s\","
                        + "\"url\":\"https://p.example\",\"version\":3}}"));
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            for (Shape shape : shapes()) {
                all.add(Arguments.of(caller, shape));
            }
        }
        return all.stream();
    }

    @Inject
    Fixtures fixtures;

    static Partner partner;

    @BeforeEach
    void partner() {
        if (partner == null) {
            partner = fixtures.partner(Fixtures.unique("shapes"), request(EMAIL, ORDER_FULFILLMENT, FULL));
            fixtures.setRateLimit(partner.id, 100_000);
        }
    }

    String token(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case MEMBER -> Tokens.member("shapes-member");
            case PARTNER -> Tokens.partner(partner.clientId);
            case ADMIN -> Tokens.admin("shapes-admin");
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void eachBadShapeIsTheCallersMistake(Caller caller, Shape shape) {
        long events = fixtures.accessEventCount();
        try (LogCapture log = LogCapture.start()) {
            var request = given().config(RestAssuredConfig.config().encoderConfig(
                    EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                    .contentType(shape.contentType()).body(shape.body().getBytes(StandardCharsets.UTF_8));
            String token = token(caller);
            if (token != null) {
                request = request.auth().oauth2(token);
            }
            Response response = request.post("/graphql");
            String body = response.asString();
            assertEquals(shape.status(), response.statusCode(), body);
            ErrorHygiene.check(response.statusCode(), body);
            JsonPath json = JsonPath.from(body);
            assertEquals("VALIDATION", json.getString("errors[0].extensions.code"), body);
            String message = json.getString("errors[0].message");
            assertFalse(message == null || message.isBlank(), body);
            for (String internal : INTERNALS) {
                assertFalse(message.contains(internal), "the message names internals (" + internal + "): " + message);
            }
            for (String sent : SENT_VALUES) {
                assertFalse(message.contains(sent), "the message repeats a value sent (" + sent + "): " + message);
            }
            assertNull(json.get("data"), body);
            var loud = log.atLeast(Level.INFO).stream()
                    .filter(e -> e.logger() != null && SERVING_LOGGERS.stream().anyMatch(e.logger()::startsWith)).toList();
            assertTrue(loud.isEmpty(), "bad input was logged at INFO or above: " + loud);
        }
        assertEquals(events, fixtures.accessEventCount(), "a refused request wrote to the access log");
    }
}
