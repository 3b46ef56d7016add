package org.privacygateway.graphql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Definition;
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
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;

import org.privacygateway.error.ErrorCode;

/**
 * Decides, before anything executes, whether a query is within a {@link Budget}, in time linear in the query's size
 * whatever its fragments, directives, aliases or variables do.
 *
 * <p>How: graphql-java's parser enforces the character, token and nesting limits while it reads (it stops at the
 * first one exceeded). The parsed document is then measured once: every fragment definition is measured exactly one
 * time and a spread adds the remembered measure of its fragment, so a fragment spread twice per level (the classic
 * fragment bomb) costs one addition per spread, not a walk of its expansion. Counts saturate instead of overflowing.
 * Undefined fragments, fragment cycles, duplicate and unused fragments are refused during that same pass, before
 * any other code walks the document.
 *
 * <p>Pure and thread-safe; the same query and budget always give the same verdict.
 */
public final class QueryLimits {

    /** What one request may cost. The gateway has one budget for authenticated callers and a tighter anonymous one. */
    public record Budget(int maxCharacters, int maxTokens, int maxDepth, int maxFields, int maxAliases,
            int maxFragmentNesting) {
    }

    /** The outcome: {@code refusal} is null when the query is admitted; {@code work} counts the nodes measured. */
    public record Verdict(ErrorCode code, String refusal, long work) {
        public boolean admitted() {
            return refusal == null;
        }
    }

    private final Budget budget;

    public QueryLimits(Budget budget) {
        this.budget = budget;
    }

    public Budget budget() {
        return budget;
    }

    public Verdict check(String query) {
        if (query.length() > budget.maxCharacters()) {
            return tooComplex("the query is longer than " + budget.maxCharacters() + " characters", 0);
        }
        Document document;
        try {
            document = parse(query);
        } catch (ParseCancelledTooDeepException e) {
            return tooComplex("the query nests deeper than this gateway reads", 0);
        } catch (ParseCancelledTooManyCharsException e) {
            return tooComplex("the query is longer than " + budget.maxCharacters() + " characters", 0);
        } catch (ParseCancelledException e) {
            return tooComplex("the query has more than " + budget.maxTokens() + " tokens", 0);
        } catch (InvalidSyntaxException e) {
            return invalid("The query is not valid GraphQL"
                    + (e.getLocation() == null || e.getLocation().getLine() < 0 ? "." : " (line "
                            + e.getLocation().getLine() + ", column " + e.getLocation().getColumn() + ")."), 0);
        } catch (RuntimeException | StackOverflowError e) {
            return invalid("The query is not valid GraphQL.", 0);
        }
        return new Measurement(document).verdict();
    }

    /**
     * The document, read within this budget (the parser stops at the first limit exceeded, with a
     * {@link graphql.parser.exceptions.ParseCancelledException}, or throws {@link InvalidSyntaxException}).
     */
    Document parse(String query) {
        ParserOptions options = ParserOptions.newParserOptions()
                .maxCharacters(budget.maxCharacters())
                .maxTokens(budget.maxTokens())
                .maxWhitespaceTokens(Math.max(budget.maxTokens() * 20, 2_000))
                // Selection sets, values and types nest at most this far (graphql-java counts grammar rules,
                // about three per level of nesting).
                .maxRuleDepth(Math.max(budget.maxDepth() * 4 + 20, 50))
                .captureSourceLocation(false)
                .captureLineComments(false)
                .captureIgnoredChars(false)
                .build();
        return new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                .document(query).parserOptions(options).build());
    }

    /** Saturating measure of a selection set with its fragments expanded. */
    private record Cost(long fields, long aliases, int depth) {
        static final Cost ZERO = new Cost(0, 0, 0);
    }

    /** Thrown inside a measurement to stop at the first refusal. */
    private static final class Refused extends RuntimeException {
        final Verdict verdict;

        Refused(Verdict verdict) {
            super(null, null, false, false);
            this.verdict = verdict;
        }
    }

    /** One measurement of one document. Not thread-safe; one per check. */
    private final class Measurement {

        private final Document document;
        private final Map<String, FragmentDefinition> fragments = new HashMap<>();
        private final Map<String, Cost> measured = new HashMap<>();
        private final Set<String> measuring = new HashSet<>();
        private final Set<String> used = new HashSet<>();
        private long work;

        Measurement(Document document) {
            this.document = document;
        }

        Verdict verdict() {
            try {
                List<Definition> definitions = document.getDefinitions();
                for (Definition<?> definition : definitions) {
                    if (definition instanceof FragmentDefinition f && fragments.putIfAbsent(f.getName(), f) != null) {
                        throw refused(invalid("There can be only one fragment named '" + shown(f.getName()) + "'.", work));
                    }
                }
                long fields = 0;
                long aliases = 0;
                int depth = 0;
                boolean anyOperation = false;
                for (Definition<?> definition : definitions) {
                    if (definition instanceof OperationDefinition op) {
                        anyOperation = true;
                        Cost cost = measure(op.getSelectionSet(), 0);
                        fields = add(fields, cost.fields());
                        aliases = add(aliases, cost.aliases());
                        depth = Math.max(depth, cost.depth());
                        within(fields, aliases, depth);
                    } else if (!(definition instanceof FragmentDefinition)) {
                        throw refused(invalid("Only operations and fragments may be sent, not type definitions.", work));
                    }
                }
                if (!anyOperation) {
                    throw refused(invalid("The document has no operation.", work));
                }
                for (String name : fragments.keySet()) {
                    if (!used.contains(name)) {
                        throw refused(invalid("Fragment '" + shown(name) + "' is never used.", work));
                    }
                }
                return new Verdict(null, null, work);
            } catch (Refused r) {
                return r.verdict;
            }
        }

        /** @param nesting how many fragment spreads deep this selection set is */
        private Cost measure(SelectionSet set, int nesting) {
            if (set == null) {
                return Cost.ZERO;
            }
            long fields = 0;
            long aliases = 0;
            int depth = 0;
            for (Selection<?> selection : set.getSelections()) {
                work++;
                Cost cost;
                if (selection instanceof Field field) {
                    Cost below = measure(field.getSelectionSet(), nesting);
                    cost = new Cost(add(1, below.fields()), add(field.getAlias() == null ? 0 : 1, below.aliases()),
                            below.depth() + 1);
                } else if (selection instanceof InlineFragment inline) {
                    cost = measure(inline.getSelectionSet(), nesting);
                } else if (selection instanceof FragmentSpread spread) {
                    cost = fragment(spread.getName(), nesting + 1);
                } else {
                    cost = Cost.ZERO;
                }
                fields = add(fields, cost.fields());
                aliases = add(aliases, cost.aliases());
                depth = Math.max(depth, cost.depth());
                within(fields, aliases, depth);
            }
            return new Cost(fields, aliases, depth);
        }

        private Cost fragment(String name, int nesting) {
            Cost known = measured.get(name);
            if (known != null) {
                used.add(name);
                return known;
            }
            FragmentDefinition definition = fragments.get(name);
            if (definition == null) {
                throw refused(invalid("Unknown fragment '" + shown(name) + "'.", work));
            }
            if (!measuring.add(name)) {
                throw refused(invalid("Fragment '" + shown(name) + "' spreads itself.", work));
            }
            if (nesting > budget.maxFragmentNesting()) {
                throw refused(tooComplex("fragments are nested more than " + budget.maxFragmentNesting() + " deep", work));
            }
            used.add(name);
            Cost cost = measure(definition.getSelectionSet(), nesting);
            measuring.remove(name);
            measured.put(name, cost);
            return cost;
        }

        private void within(long fields, long aliases, int depth) {
            if (depth > budget.maxDepth()) {
                throw refused(tooComplex("the query is deeper than " + budget.maxDepth() + " levels", work));
            }
            if (fields > budget.maxFields()) {
                throw refused(tooComplex("the query selects more than " + budget.maxFields() + " fields", work));
            }
            if (aliases > budget.maxAliases()) {
                throw refused(tooComplex("the query uses more than " + budget.maxAliases() + " aliases", work));
            }
        }

        private Refused refused(Verdict verdict) {
            return new Refused(verdict);
        }
    }

    /** Longest name a refusal quotes: verdicts are remembered, so what they hold must not grow with the query. */
    static final int MAX_QUOTED_NAME = 64;

    /** A name as a refusal quotes it: whole up to {@link #MAX_QUOTED_NAME} characters, else its start and "...". */
    static String shown(String name) {
        return name.length() <= MAX_QUOTED_NAME ? name : name.substring(0, MAX_QUOTED_NAME) + "...";
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 || sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : sum;
    }

    private static Verdict tooComplex(String why, long work) {
        return new Verdict(ErrorCode.QUERY_TOO_COMPLEX, "Query refused before it ran: " + why + ".", work);
    }

    private static Verdict invalid(String message, long work) {
        return new Verdict(ErrorCode.VALIDATION, message, work);
    }
}
