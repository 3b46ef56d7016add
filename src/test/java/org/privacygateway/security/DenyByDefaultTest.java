package org.privacygateway.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.util.AnnotationLiteral;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.Test;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.support.GraphQL;
import org.privacygateway.support.Tokens;

/**
 * Every operation of the running schema states who may call it, as an annotation the framework enforces: a new
 * operation that forgets is a failing build, not an open door.
 */
@QuarkusTest
class DenyByDefaultTest {

    /** Root operations of the schema the gateway serves, as "Query.name" / "Mutation.name". */
    static List<String> operationsOfTheRunningSchema() {
        String sdl = given().auth().oauth2(Tokens.admin("ada")).get("/graphql/schema.graphql").then().statusCode(200)
                .extract().asString();
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        List<String> operations = new ArrayList<>();
        for (String root : List.of("Query", "Mutation")) {
            registry.getType(root, ObjectTypeDefinition.class).ifPresent(type -> {
                for (FieldDefinition field : type.getFieldDefinitions()) {
                    operations.add(root + "." + field.getName());
                }
            });
            for (ObjectTypeDefinition extension : registry.objectTypeExtensions().getOrDefault(root, List.of())) {
                extension.getFieldDefinitions().forEach(f -> operations.add(root + "." + f.getName()));
            }
        }
        return operations;
    }

    /** The Java methods behind root operations, from every @GraphQLApi bean. */
    static Map<String, Method> operationMethods() {
        Map<String, Method> methods = new TreeMap<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, new AnnotationLiteral<jakarta.enterprise.inject.Any>() {
        })) {
            Class<?> type = bean.getBeanClass();
            if (!type.isAnnotationPresent(GraphQLApi.class)) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                Query query = m.getAnnotation(Query.class);
                Mutation mutation = m.getAnnotation(Mutation.class);
                if (query != null) {
                    methods.put("Query." + name(query.value(), m), m);
                } else if (mutation != null) {
                    methods.put("Mutation." + name(mutation.value(), m), m);
                }
            }
        }
        return methods;
    }

    static String name(String declared, Method m) {
        if (!declared.isEmpty()) {
            return declared;
        }
        org.eclipse.microprofile.graphql.Name name = m.getAnnotation(org.eclipse.microprofile.graphql.Name.class);
        return name != null ? name.value() : m.getName();
    }

    static boolean hasRule(AnnotatedElement element) {
        return element.isAnnotationPresent(RolesAllowed.class) || element.isAnnotationPresent(PermitAll.class)
                || element.isAnnotationPresent(DenyAll.class);
    }

    @Test
    void everyOperationOfTheRunningSchemaHasARoleRuleOrAnExplicitPublicMarker() {
        List<String> operations = operationsOfTheRunningSchema();
        Map<String, Method> methods = operationMethods();
        assertTrue(operations.size() >= 20, "the schema lists " + operations);
        TreeSet<String> open = new TreeSet<>();
        for (String operation : operations) {
            if (operation.endsWith(".__typename")) {
                continue;
            }
            Method m = methods.get(operation);
            if (m == null) {
                open.add(operation + " (no Java method found)");
            } else if (!hasRule(m) && !hasRule(m.getDeclaringClass())) {
                open.add(operation + " (" + m.getDeclaringClass().getSimpleName() + "." + m.getName() + ")");
            }
        }
        assertEquals(new TreeSet<>(), open, "operations without @RolesAllowed, @PermitAll or @DenyAll");
    }

    @Test
    void theOnlyPublicOperationsAreTheCoBrandLookupAndThePolicy() {
        TreeSet<String> publicOnes = new TreeSet<>();
        operationMethods().forEach((operation, m) -> {
            boolean permitted = m.isAnnotationPresent(PermitAll.class)
                    || (!m.isAnnotationPresent(RolesAllowed.class) && m.getDeclaringClass().isAnnotationPresent(PermitAll.class));
            if (permitted) {
                publicOnes.add(operation);
            }
        });
        assertEquals(new TreeSet<>(List.of("Query.coBrand", "Query.privacyPolicy")), publicOnes);
    }

    @Test
    void anAnonymousCallerIsRefusedByTheFrameworkBeforeAnyResolverRuns() {
        GraphQL.post(null, "{ me { name { given } } }").statusCode(200)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("UNAUTHENTICATED"));
        GraphQL.post(null, "{ partner { id } }")
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("UNAUTHENTICATED"));
        GraphQL.post(Tokens.member("nobody-" + System.nanoTime()), "{ adminActions { edges { cursor } } }")
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("FORBIDDEN"));
    }
}
