package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.privacygateway.support.SchemaContract;

/**
 * Removing from the partner contract goes through {@code @deprecated(reason:)} first: whatever the committed schema
 * drops of the last released one ({@value #RELEASED}) must have been deprecated there. At a release, the committed
 * schema is copied over the released one.
 */
class SchemaEvolutionTest {

    static final String RELEASED = "src/test/resources/graphql/released-schema.graphql";

    @Test
    void nothingWasRemovedWithoutADeprecationInTheLastRelease() throws IOException {
        String released = Files.readString(Path.of(RELEASED), StandardCharsets.UTF_8);
        String committed = Files.readString(Path.of(PublishedSchemaTest.COMMITTED), StandardCharsets.UTF_8);
        List<String> refused = SchemaContract.removedWithoutDeprecation(released, committed);
        assertTrue(refused.isEmpty(), "removed from the partner contract without a deprecation in " + RELEASED
                + " (deprecate them with @Deprecated and a reason for one release first): " + refused);
    }

    private static final String BASE = """
            "A member"
            type Member {
              "Id"
              id: ID!
              "Email"
              email: String
              "Old name"
              nick: String @deprecated(reason: "Use name")
              "Orders"
              orders("How many" first: Int, "Old filter" status: String): [String!]!
            }
            "Root"
            type Query {
              "A member"
              member("Id" id: ID!): Member
              "Old root"
              legacy: String @deprecated(reason: "Gone")
            }
            "Why"
            enum Reason {
              "Yes"
              CONSENTED
              "No"
              OPTED_OUT
              "Old"
              LEGACY @deprecated(reason: "Never returned")
            }
            "In"
            input Filter {
              "Kept"
              city: String
              "Dropped"
              country: String
            }
            """;

    @Test
    void removingWhatWasDeprecatedIsAllowed() {
        String next = BASE.replace("  \"Old name\"\n  nick: String @deprecated(reason: \"Use name\")\n", "")
                .replace("  \"Old root\"\n  legacy: String @deprecated(reason: \"Gone\")\n", "")
                .replace("  \"Old\"\n  LEGACY @deprecated(reason: \"Never returned\")\n", "");
        assertTrue(!next.contains("nick") && !next.contains("legacy") && !next.contains("LEGACY"), next);
        assertEquals(List.of(), SchemaContract.removedWithoutDeprecation(BASE, next));
    }

    @Test
    void removingAFieldArgumentEnumValueOrInputFieldThatWasNotDeprecatedIsRefused() {
        String next = BASE.replace("  \"Email\"\n  email: String\n", "")
                .replace(", \"Old filter\" status: String", "")
                .replace("  \"No\"\n  OPTED_OUT\n", "")
                .replace("  \"Dropped\"\n  country: String\n", "");
        assertEquals(List.of("Filter.country", "Member.email", "Member.orders(status)", "Reason.OPTED_OUT"),
                SchemaContract.removedWithoutDeprecation(BASE, next));
    }

    @Test
    void deprecatingFirstThenRemovingInTheNextReleaseIsThePath() {
        String deprecated = BASE.replace("email: String\n", "email: String @deprecated(reason: \"Use contact\")\n");
        assertEquals(List.of(), SchemaContract.removedWithoutDeprecation(BASE, deprecated), "deprecating removes nothing");
        String removed = deprecated.replace("  \"Email\"\n  email: String @deprecated(reason: \"Use contact\")\n", "");
        assertEquals(List.of("Member.email"), SchemaContract.removedWithoutDeprecation(BASE, removed),
                "not in the same release as the deprecation");
        assertEquals(List.of(), SchemaContract.removedWithoutDeprecation(deprecated, removed),
                "once the deprecation was released");
    }

    @Test
    void aMissingDescriptionIsFoundWhereverItIs() {
        assertEquals(List.of(), SchemaContract.undescribed(BASE));
        String bare = BASE.replace("\"Id\" id: ID!", "id: ID!").replace("  \"Yes\"\n", "")
                .replace("  \"Kept\"\n", "").replace("\"A member\"\ntype Member", "type Member")
                .replace("  \"Orders\"\n", "") + "scalar Money\n";
        assertEquals(List.of("Filter.city", "Member", "Member.orders", "Money", "Query.member(id)", "Reason.CONSENTED"),
                SchemaContract.undescribed(bare));
    }

    @Test
    void theDiffShowsWhatChangedWithItsLines() {
        String diff = SchemaContract.diff("a", "one\ntwo\nthree\n", "b", "one\n2\nthree\n", 1);
        assertEquals("--- a\n+++ b\n@@ -1 +1 @@\n one\n-two\n+2\n three\n", diff);
        assertEquals("", SchemaContract.diff("a", "same\n", "b", "same\n", 3));
    }
}
