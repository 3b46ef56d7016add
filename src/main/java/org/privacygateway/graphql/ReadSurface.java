package org.privacygateway.graphql;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import org.privacygateway.masking.Company;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.PaymentCard;
import org.privacygateway.masking.PersonName;
import org.privacygateway.masking.PostalAddress;
import org.privacygateway.member.MemberDisclosures.Disclosed;

/**
 * The part of the partner schema the compiled read path serves, and how each of its fields is written: the member
 * read operations, the connection around them and every type a member is made of. Values come from the same decided
 * and rendered {@link Disclosed} the generic resolvers return; this class only writes them.
 *
 * <p>{@link #check} compares this table with the running schema at start: a field added to the schema and missing
 * here makes documents that select it go to the generic engine; a field here that the schema lacks (or types it
 * differently) turns the compiled path off.
 */
final class ReadSurface {

    static final String QUERY = "Query";

    private ReadSurface() {
    }

    /** Per object type, per field: the object type of its value, or "" for a scalar or enum leaf. */
    static final Map<String, Map<String, String>> FIELDS = Map.of(
            QUERY, Map.of("member", "SharedMember", "members", "SharedMemberConnection", "__typename", ""),
            "SharedMemberConnection", Map.of("edges", "SharedMemberEdge", "pageInfo", "PageInfo", "__typename", ""),
            "SharedMemberEdge", Map.of("cursor", "", "node", "SharedMember", "__typename", ""),
            "PageInfo", Map.of("hasNextPage", "", "endCursor", "", "__typename", ""),
            "SharedMember", Map.of("id", "", "name", "PersonName", "email", "", "phone", "",
                    "address", "PostalAddress", "company", "Company", "card", "PaymentCard", "access", "FieldAccess",
                    "__typename", ""),
            "PersonName", Map.of("given", "", "family", "", "__typename", ""),
            "PostalAddress", Map.of("street", "", "city", "", "region", "", "postalCode", "", "country", "",
                    "__typename", ""),
            "Company", Map.of("name", "", "address", "PostalAddress", "__typename", ""),
            "PaymentCard", Map.of("processorToken", "", "brand", "", "last4", "", "expiryMonth", "", "expiryYear", "",
                    "__typename", ""),
            "FieldAccess", Map.of("category", "", "level", "", "reason", "", "__typename", ""));

    /** The object type a field's value has ("" for a leaf), or null when this path does not serve the field. */
    static String fieldType(String type, String field) {
        Map<String, String> fields = FIELDS.get(type);
        return fields == null ? null : fields.get(field);
    }

    /** What in this table disagrees with the running schema; empty when the compiled path may serve. */
    static List<String> check(GraphQLSchema schema) {
        List<String> problems = new ArrayList<>();
        FIELDS.forEach((typeName, fields) -> {
            GraphQLType type = typeName.equals(QUERY) ? schema.getQueryType() : schema.getType(typeName);
            if (!(type instanceof GraphQLObjectType object)) {
                problems.add(typeName + " is not an object type of the schema");
                return;
            }
            fields.forEach((name, child) -> {
                if (name.equals("__typename")) {
                    return;
                }
                GraphQLFieldDefinition definition = object.getFieldDefinition(name);
                if (definition == null) {
                    problems.add(typeName + "." + name + " is not in the schema");
                    return;
                }
                GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(definition.getType());
                boolean isObject = unwrapped instanceof GraphQLObjectType;
                String actual = isObject ? ((GraphQLNamedType) unwrapped).getName() : "";
                if (!actual.equals(child)) {
                    problems.add(typeName + "." + name + " has type " + ((GraphQLNamedType) unwrapped).getName());
                }
            });
        });
        return problems;
    }

    // ---- writers: each writes the selected fields of one object, in the tree's order

    static void member(JsonGenerator g, Map<String, ReadPlan.Node> selection, Disclosed d) throws IOException {
        g.writeStartObject();
        for (ReadPlan.Node f : selection.values()) {
            g.writeFieldName(f.key);
            switch (f.name) {
                case "id" -> g.writeString(d.pairwiseId());
                case "name" -> personName(g, f.children, d.values().name());
                case "email" -> string(g, d.values().email());
                case "phone" -> string(g, d.values().phone());
                case "address" -> address(g, f.children, d.values().address());
                case "company" -> company(g, f.children, d.values().company());
                case "card" -> card(g, f.children, d.values().card());
                case "access" -> {
                    g.writeStartArray();
                    for (FieldDecision decision : d.decisions().values()) {
                        access(g, f.children, decision);
                    }
                    g.writeEndArray();
                }
                case "__typename" -> g.writeString("SharedMember");
                default -> throw unknown(f);
            }
        }
        g.writeEndObject();
    }

    private static void personName(JsonGenerator g, Map<String, ReadPlan.Node> selection, PersonName v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (ReadPlan.Node f : selection.values()) {
            g.writeFieldName(f.key);
            switch (f.name) {
                case "given" -> string(g, v.given());
                case "family" -> string(g, v.family());
                case "__typename" -> g.writeString("PersonName");
                default -> throw unknown(f);
            }
        }
        g.writeEndObject();
    }

    private static void address(JsonGenerator g, Map<String, ReadPlan.Node> selection, PostalAddress v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (ReadPlan.Node f : selection.values()) {
            g.writeFieldName(f.key);
            switch (f.name) {
                case "street" -> string(g, v.street());
                case "city" -> string(g, v.city());
                case "region" -> string(g, v.region());
                case "postalCode" -> string(g, v.postalCode());
                case "country" -> string(g, v.country());
                case "__typename" -> g.writeString("PostalAddress");
                default -> throw unknown(f);
            }
        }
        g.writeEndObject();
    }

    private static void company(JsonGenerator g, Map<String, ReadPlan.Node> selection, Company v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (ReadPlan.Node f : selection.values()) {
            g.writeFieldName(f.key);
            switch (f.name) {
                case "name" -> string(g, v.name());
                case "address" -> address(g, f.children, v.address());
                case "__typename" -> g.writeString("Company");
                default -> throw unknown(f);
            }
        }
        g.writeEndObject();
    }

    private static void card(JsonGenerator g, Map<String, ReadPlan.Node> selection, PaymentCard v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (ReadPlan.Node f : selection.values()) {
            g.writeFieldName(f.key);
            switch (f.name) {
                case "processorToken" -> string(g, v.processorToken());
                case "brand" -> string(g, v.brand());
                case "last4" -> string(g, v.last4());
                case "expiryMonth" -> integer(g, v.expiryMonth());
                case "expiryYear" -> integer(g, v.expiryYear());
                case "__typename" -> g.writeString("PaymentCard");
                default -> throw unknown(f);
            }
        }
        g.writeEndObject();
    }

    private static void access(JsonGenerator g, Map<String, ReadPlan.Node> selection, FieldDecision d) throws IOException {
        g.writeStartObject();
        for (ReadPlan.Node f : selection.values()) {
            g.writeFieldName(f.key);
            switch (f.name) {
                case "category" -> g.writeString(d.category().name());
                case "level" -> g.writeString(d.level().name());
                case "reason" -> g.writeString(d.reason().name());
                case "__typename" -> g.writeString("FieldAccess");
                default -> throw unknown(f);
            }
        }
        g.writeEndObject();
    }

    static void string(JsonGenerator g, String value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void integer(JsonGenerator g, Integer value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value.intValue());
        }
    }

    static IllegalStateException unknown(ReadPlan.Node f) {
        return new IllegalStateException("field " + f.name + " has no writer");
    }
}
