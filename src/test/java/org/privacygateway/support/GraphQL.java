package org.privacygateway.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Posts GraphQL requests built from a map (query and variables), as a partner client would. */
public final class GraphQL {

    private GraphQL() {
    }

    public static ValidatableResponse post(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        if (variables != null && !variables.isEmpty()) {
            body.put("variables", variables);
        }
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        io.restassured.response.Response response = request.when().post("/graphql");
        ErrorHygiene.check(response.statusCode(), response.asString());
        return response.then();
    }

    public static ValidatableResponse post(String token, String query) {
        return post(token, query, Map.of());
    }

    /** Every member field a partner can select. */
    public static final String ALL_FIELDS = """
            id
            name { given family }
            email
            phone
            address { street city region postalCode country }
            company { name address { street city region postalCode country } }
            card { processorToken brand last4 expiryMonth expiryYear }
            access { category level reason }
            """;
}
