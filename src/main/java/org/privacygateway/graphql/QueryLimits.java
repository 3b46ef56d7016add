package org.privacygateway.graphql;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;

import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;

/**
 * Measures a query before it runs: tokens (while parsing), depth, selected fields and aliases (fragments expanded).
 * Pure; the same query string always gives the same verdict, so verdicts can be cached.
 */
public final class QueryLimits {

    private final int maxDepth;
    private final int maxFields;
    private final int maxAliases;
    private final int maxTokens;

    public QueryLimits(int maxDepth, int maxFields, int maxAliases, int maxTokens) {
        this.maxDepth = maxDepth;
        this.maxFields = maxFields;
        this.maxAliases = maxAliases;
        this.maxTokens = maxTokens;
    }

    /** @throws GatewayException QUERY_TOO_COMPLEX naming the limit, or VALIDATION when the query does not parse */
    public void check(String query) {
        Document document;
        try {
            ParserOptions options = ParserOptions.newParserOptions()
                    .maxTokens(maxTokens)
                    .maxWhitespaceTokens(Math.max(maxTokens * 20, 20_000))
                    .captureSourceLocation(false)
                    .build();
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                    .document(query).parserOptions(options).build());
        } catch (InvalidSyntaxException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("tokens have been presented")) {
                throw tooComplex("the query has more than " + maxTokens + " tokens");
            }
            throw GatewayException.validation("The query is not valid GraphQL"
                    + (e.getLocation() == null ? "." : " (line " + e.getLocation().getLine() + ", column "
                            + e.getLocation().getColumn() + ")."));
        } catch (RuntimeException e) {
            throw GatewayException.validation("The query is not valid GraphQL.");
        }
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        for (FragmentDefinition f : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.put(f.getName(), f);
        }
        Counts counts = new Counts();
        for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
            walk(op.getSelectionSet(), 1, fragments, new HashSet<>(), counts);
        }
        for (FragmentDefinition f : fragments.values()) {
            // Unused fragments are refused by validation later; they still must not be expensive to look at.
            walk(f.getSelectionSet(), 1, fragments, new HashSet<>(Set.of(f.getName())), new Counts());
        }
    }

    private static final class Counts {
        int fields;
        int aliases;
    }

    private void walk(SelectionSet set, int depth, Map<String, FragmentDefinition> fragments, Set<String> visiting,
            Counts counts) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (depth > maxDepth) {
                    throw tooComplex("the query is deeper than " + maxDepth + " levels");
                }
                if (++counts.fields > maxFields) {
                    throw tooComplex("the query selects more than " + maxFields + " fields");
                }
                if (field.getAlias() != null && ++counts.aliases > maxAliases) {
                    throw tooComplex("the query uses more than " + maxAliases + " aliases");
                }
                walk(field.getSelectionSet(), depth + 1, fragments, visiting, counts);
            } else if (selection instanceof InlineFragment inline) {
                walk(inline.getSelectionSet(), depth, fragments, visiting, counts);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && visiting.add(spread.getName())) {
                    walk(fragment.getSelectionSet(), depth, fragments, visiting, counts);
                    visiting.remove(spread.getName());
                }
            }
        }
    }

    private static GatewayException tooComplex(String why) {
        return new GatewayException(ErrorCode.QUERY_TOO_COMPLEX, "Query refused before it ran: " + why + ".");
    }
}
