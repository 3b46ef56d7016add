package org.privacygateway.graphql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;

import io.smallrye.graphql.spi.EventingService;

/**
 * Variables are held to their scalar types when they are coerced, before anything executes. SmallRye's number and
 * date scalars take any number or string there and convert later, inside the resolver's argument handling, where a
 * {@code 1.5}, {@code 3e9} or {@code "soon"} fails as a server error (and {@code "5"} passes as an Int). Wrapped here,
 * each scalar refuses a variable value that is not of its kind with a {@link CoercingParseValueException}, which
 * graphql-java reports as a request error with no data: the caller's mistake ({@link PrivacyResponse} makes it
 * VALIDATION, HTTP 400). Literals in the query and output are left to the scalars themselves, and so are String and
 * Boolean, which graphql-java already holds to their kinds.
 *
 * <p>Every check is bounded whatever the number: magnitudes are compared by digit counts before any conversion (the
 * gate's JSON reader already refuses numbers longer than 1,000 characters).
 */
public class StrictInputs implements EventingService {

    /** What a scalar's variable value must be, in words for the caller, and the check. */
    record Expectation(String words, Predicate<Object> accepts) {
    }

    static final Map<String, Expectation> EXPECTED = Map.of(
            "Int", new Expectation("a whole number from -2147483648 to 2147483647",
                    v -> whole(v, 10).filter(n -> n.bitLength() < 32).isPresent()),
            "Float", new Expectation("a finite number", v -> decimal(v)
                    .filter(d -> d.abs().compareTo(BigDecimal.valueOf(Double.MAX_VALUE)) <= 0).isPresent()),
            "ID", new Expectation("a string or a whole number", v -> v instanceof String || whole(v, 100).isPresent()),
            "BigInteger", new Expectation("a whole number of at most 100 digits", v -> whole(v, 100).isPresent()),
            "BigDecimal", new Expectation("a number", v -> decimal(v)
                    .filter(d -> Math.abs((long) d.precision() - d.scale()) <= 1000 && Math.abs(d.scale()) <= 1000)
                    .isPresent()),
            "Date", new Expectation("a date written as 2024-12-31", v -> v instanceof String s && parses(s, true)),
            "DateTime", new Expectation("a date and time written as 2024-12-31T23:59:00Z",
                    v -> v instanceof String s && parses(s, false)));

    /**
     * graphql-java's own String and Boolean are strict already (and cannot be replaced: the built-in directives
     * use them); only their words are given here.
     */
    private static final Pattern BUILT_IN = Pattern.compile("Expected an? (String|Boolean) input");

    /** The words for a scalar's expectation, when the detail of a coercion error names one; else empty. */
    static Optional<String> expectation(String detail) {
        if (detail == null) {
            return Optional.empty();
        }
        Matcher builtIn = BUILT_IN.matcher(detail);
        if (builtIn.find()) {
            return Optional.of(builtIn.group(1).equals("String") ? "String takes a string."
                    : "Boolean takes true or false.");
        }
        return EXPECTED.entrySet().stream()
                .filter(e -> detail.endsWith(message(e.getKey(), e.getValue())))
                .map(e -> message(e.getKey(), e.getValue()))
                .findFirst();
    }

    private static String message(String scalar, Expectation expectation) {
        return scalar + " takes " + expectation.words() + ".";
    }

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema built = builder.build();
        return GraphQLSchema.newSchema(SchemaTransformer.transformSchema(built, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node,
                    TraverserContext<GraphQLSchemaElement> context) {
                Expectation expected = EXPECTED.get(node.getName());
                if (expected == null || node.getCoercing() instanceof Strict) {
                    return TraversalControl.CONTINUE;
                }
                Strict strict = new Strict(node.getCoercing(), message(node.getName(), expected), expected.accepts());
                return TreeTransformerUtil.changeNode(context, node.transform(b -> b.coercing(strict)));
            }
        }));
    }

    /** The scalar's own coercing, with a check of variable values in front. */
    @SuppressWarnings({ "rawtypes", "unchecked", "deprecation" })
    record Strict(Coercing delegate, String message, Predicate<Object> accepts) implements Coercing<Object, Object> {

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            if (!accepts.test(input)) {
                throw new CoercingParseValueException(message);
            }
            return delegate.parseValue(input, context, locale);
        }

        @Override
        public Object parseValue(Object input) {
            if (!accepts.test(input)) {
                throw new CoercingParseValueException(message);
            }
            return delegate.parseValue(input);
        }

        @Override
        public Object serialize(Object input, GraphQLContext context, Locale locale) throws CoercingSerializeException {
            return delegate.serialize(input, context, locale);
        }

        @Override
        public Object serialize(Object input) {
            return delegate.serialize(input);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            return delegate.parseLiteral(input, variables, context, locale);
        }

        @Override
        public Object parseLiteral(Object input) {
            return delegate.parseLiteral(input);
        }

        @Override
        public Object parseLiteral(Object input, Map<String, Object> variables) {
            return delegate.parseLiteral(input, variables);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return delegate.valueToLiteral(input, context, locale);
        }

        @Override
        public Value valueToLiteral(Object input) {
            return delegate.valueToLiteral(input);
        }
    }

    /** A JSON number as a decimal; empty for anything else (strings, booleans, NaN, infinities). */
    static Optional<BigDecimal> decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return Optional.of(d);
        }
        if (value instanceof BigInteger i) {
            return Optional.of(new BigDecimal(i));
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** A JSON number that is whole (5 and 5.0, not 5.5) with at most {@code digits} digits; else empty. */
    static Optional<BigInteger> whole(Object value, int digits) {
        Optional<BigDecimal> decimal = decimal(value);
        if (decimal.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal d = decimal.get();
        if (d.signum() == 0) {
            return Optional.of(BigInteger.ZERO);
        }
        // Digits before the point, from the representation alone: 1e400 and 1e999999999 stop here.
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits <= 0 || integerDigits > digits || d.precision() > digits + 1_000) {
            return Optional.empty();
        }
        try {
            return Optional.of(d.toBigIntegerExact());
        } catch (ArithmeticException fraction) {
            return Optional.empty();
        }
    }

    private static boolean parses(String text, boolean dateOnly) {
        if (text.length() > 64) {
            return false;
        }
        try {
            if (dateOnly) {
                LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            } else {
                DateTimeFormatter.ISO_DATE_TIME.parse(text);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
