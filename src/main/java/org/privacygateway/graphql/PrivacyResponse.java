package org.privacygateway.graphql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.MissingRootTypeException;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.OneOfNullValueException;
import graphql.execution.OneOfTooManyKeysException;
import graphql.execution.UnknownOperationException;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.validation.ValidationError;
import io.quarkus.logging.Log;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.quarkus.arc.Arc;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.graphql.spi.EventingService;

import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.ops.GatewayMetrics;
import org.privacygateway.policy.PolicyService;
import org.privacygateway.security.KnownPartners;
import org.privacygateway.security.ResponseStatus;

/**
 * Registered through {@code META-INF/services} rather than as a CDI observer: SmallRye's CDI event bridge would
 * also fire two CDI events for every field of every response, which costs more than the rest of a request.
 *
 * <p>The last step of every GraphQL request: rewrites each error into the gateway's shape ({@code message},
 * {@code locations}, {@code path}, {@code extensions.code}, nothing else: no exception class, no stack trace) and
 * adds {@code extensions.privacy} to every partner response.
 */
public class PrivacyResponse implements EventingService {

    /** Always on: this is not an optional extension but the gateway's response contract. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void afterExecute(Context context) {
        shape(context);
    }

    /** Notes each root operation the request runs, for the request timer's {@code operation} tag. */
    @Override
    public void beforeDataFetch(Context context) {
        String parent = context.getParentTypeName().orElse(null);
        if ("Query".equals(parent) || "Mutation".equals(parent)) {
            GatewayMetrics.operation(PrivacyNotes.currentRequest(), context.getFieldName());
        }
    }

    /** Looked up per use: this object is created by a ServiceLoader and outlives application restarts in tests. */
    private static PolicyService policies() {
        return Arc.container().instance(PolicyService.class).get();
    }

    private static final Pattern VALUE_TO_STRING = Pattern.compile("\\w+Value\\{name='([^']*)'}|\\w+Value\\{value=([^}]*)}");
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*");

    private void shape(Context context) {
        SmallRyeContext smallRye = (SmallRyeContext) context;
        ExecutionResult result = smallRye.unwrap(ExecutionResult.class);
        if (result == null) {
            return;
        }
        ExecutionInput input = smallRye.unwrap(ExecutionInput.class);
        PrivacyNotes found = input == null ? null : PrivacyNotes.find(input.getGraphQLContext());
        // The HTTP request, when this runs where its request context is active (null otherwise): looked up once.
        RoutingContext rc = PrivacyNotes.currentRequest();
        if ((found == null || !found.concernsPartner()) && input != null) {
            // No partner operation ran (a validation error, every root skipped by @skip, another audience's
            // operation refused): the response still goes to a partner when the token is one's.
            found = notePartnerFromToken(rc, input, found);
        }
        PrivacyNotes notes = found;

        List<GraphQLError> errors = new ArrayList<>(result.getErrors().size());
        Set<String> refusedArguments = new HashSet<>();
        boolean badInput = false;
        for (GraphQLError error : result.getErrors()) {
            if (error instanceof ValidationError v && result.isDataPresent() && v.getQueryPath() != null) {
                refusedArguments.add(String.valueOf(v.getQueryPath()));
            }
        }
        for (GraphQLError error : result.getErrors()) {
            if (error instanceof NonNullableFieldWasNullError && error.getPath() != null
                    && refusedArguments.contains(String.valueOf(error.getPath()))) {
                continue; // the field is null because its argument was refused, which the caller is told
            }
            ClientError shaped = clientError(error, notes, result.isDataPresent());
            badInput |= shaped.input();
            errors.add(shaped);
        }
        if (badInput && nothingServed(result) && rc != null) {
            // The caller's variables (or choice of operation) were refused and nothing was served: a bad request.
            ResponseStatus.set(rc, 400, null, null);
        }
        noteOutcome(rc, errors);
        Map<Object, Object> extensions = result.getExtensions() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(result.getExtensions());
        if (notes != null && notes.concernsPartner()) {
            if (!notes.hasGatewayPolicy()) {
                // The request failed before it read the policy; the last version seen in force is as good.
                policies().lastKnownCurrent().ifPresent(current -> notes.gatewayPolicy(current.version, current.url));
            }
            extensions.put("privacy", notes.toExtension());
        }
        smallRye.setExecutionResult(ExecutionResultImpl.newExecutionResult()
                .from(result)
                .errors(errors)
                .extensions(extensions.isEmpty() ? null : extensions)
                .build());
    }

    /** The request's outcome for the request timer: ok, or the first error's code. */
    private static void noteOutcome(RoutingContext rc, List<GraphQLError> errors) {
        if (rc != null) {
            Object code = errors.isEmpty() || errors.get(0).getExtensions() == null ? null
                    : errors.get(0).getExtensions().get("code");
            rc.put(GatewayMetrics.OUTCOME, errors.isEmpty() ? "ok"
                    : code == null ? "error" : code.toString().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * The partner behind the verified token, as the gate found it, noted for {@code extensions.privacy} and put in the
     * {@code Link} header. No database here (this may run on the I/O thread). Fail-safe: anything that goes wrong
     * leaves the response as it was.
     */
    private static PrivacyNotes notePartnerFromToken(RoutingContext rc, ExecutionInput input, PrivacyNotes notes) {
        try {
            String policyUrl = rc == null ? null : rc.get(GraphQLGate.PARTNER_POLICY);
            if (policyUrl == null) {
                return notes;
            }
            if (!rc.response().headWritten()) {
                rc.response().headers().set("Link", KnownPartners.policyLink(policyUrl));
            }
            PrivacyNotes noted = notes != null ? notes : PrivacyNotes.of(input.getGraphQLContext());
            noted.partnerPolicy(policyUrl);
            return noted;
        } catch (RuntimeException e) {
            Log.debugf("No partner noted on a response: %s", e.getClass().getSimpleName());
            return notes;
        }
    }

    /** Whether a response served nothing: no data, or only nulls at the root. */
    private static boolean nothingServed(ExecutionResult result) {
        if (!result.isDataPresent() || result.getData() == null) {
            return true;
        }
        return result.getData() instanceof Map<?, ?> roots && roots.values().stream().allMatch(v -> v == null);
    }

    /**
     * graphql-java's refusals of what the request gave rather than of the document: a variable that does not fit its
     * type (also when SmallRye converts it late, inside a resolver's argument handling), a missing or null required
     * value, an input field no type defines, an operation name that names nothing.
     */
    static boolean isInputError(Object e) {
        return e instanceof CoercingParseValueException || e instanceof CoercingParseLiteralException
                || e instanceof NonNullableValueCoercedAsNullException || e instanceof InputMapDefinesTooManyFieldsException
                || e instanceof OneOfNullValueException || e instanceof OneOfTooManyKeysException
                || e instanceof UnknownOperationException || e instanceof MissingRootTypeException;
    }

    private static final Pattern SUBJECT = Pattern.compile("^(Variable|Argument|Input field) '([_A-Za-z][_0-9A-Za-z]{0,63})'");
    private static final Pattern OF_VARIABLE = Pattern.compile(" of variable '([_A-Za-z][_0-9A-Za-z]{0,63})'");
    private static final Pattern FIELD = Pattern.compile(
            "Field '([_A-Za-z][_0-9A-Za-z]{0,63})' (?:of variable '[_0-9A-Za-z]*' )?has coerced Null");
    private static final Pattern INPUT_TYPE = Pattern.compile("input object type '([_A-Za-z][_0-9A-Za-z]{0,63})'");
    private static final Pattern ENUM_TYPE = Pattern.compile("Invalid input for enum '([_A-Za-z][_0-9A-Za-z]{0,63})'");
    private static final Pattern ENUM_NAME = Pattern.compile("No value found for name '([_A-Za-z][_0-9A-Za-z]{0,63})'$");
    private static final Pattern ARGUMENT = Pattern.compile("^argument '([_A-Za-z][_0-9A-Za-z]{0,63})' with value");

    /**
     * An input error in plain words: which variable and what its type takes, from graphql-java's message but never
     * the value given (the caller's data) or a Java type.
     */
    static String inputMessage(Throwable e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof UnknownOperationException) {
            return text.contains("Must provide operation name")
                    ? "The query has several operations: name the one to run in 'operationName'."
                    : "The query has no operation of the name given in 'operationName'.";
        }
        if (e instanceof MissingRootTypeException) {
            return "This gateway has no operations of that kind.";
        }
        // Names in graphql-java's text are the query's and the schema's own (GraphQL names), never values.
        Matcher ofVariable = OF_VARIABLE.matcher(text);
        Matcher subject = SUBJECT.matcher(text);
        String who = ofVariable.find() ? "Variable '" + ofVariable.group(1) + "'"
                : subject.find() ? subject.group(1) + " '" + subject.group(2) + "'" : "A value in this request";
        if (e instanceof NonNullableValueCoercedAsNullException) {
            Matcher field = FIELD.matcher(text);
            return field.find() ? who + " needs a value for its field '" + field.group(1) + "'."
                    : who.startsWith("A value") ? "A required value is missing or null."
                    : who + " needs a value: it is missing or null where its type requires one.";
        }
        if (e instanceof InputMapDefinesTooManyFieldsException) {
            Matcher type = INPUT_TYPE.matcher(text);
            return (who.startsWith("Variable") ? who : "A variable") + " has a field that "
                    + (type.find() ? "the input type '" + type.group(1) + "'" : "its input type") + " does not define.";
        }
        if (e instanceof OneOfNullValueException || e instanceof OneOfTooManyKeysException) {
            return who + " must give exactly one field of its input type, and not as null.";
        }
        java.util.Optional<String> expected = StrictInputs.expectation(text);
        if (expected.isPresent()) {
            return who + " does not fit its type: " + expected.get();
        }
        Matcher enumType = ENUM_TYPE.matcher(text);
        if (enumType.find()) {
            // The value is named back only when it is itself a short GraphQL name (a misspelt value, say).
            Matcher given = ENUM_NAME.matcher(text);
            return who + (given.find() ? " has '" + given.group(1) + "', which is not" : " is not")
                    + " one of the values of the enum '" + enumType.group(1) + "'.";
        }
        return who + " does not have the form of its declared type.";
    }

    static ClientError clientError(GraphQLError error, PrivacyNotes notes, boolean executed) {
        ErrorCode code;
        String message;
        Throwable cause = error instanceof ExceptionWhileDataFetching fetching ? rootCause(fetching.getException()) : null;
        Throwable input = cause == null ? null
                : first(((ExceptionWhileDataFetching) error).getException(), PrivacyResponse::isInputError);
        if (isInputError(error)) {
            // Refused before anything executed: a variable, or the operation to run. The caller's mistake.
            return new ClientError(inputMessage((Throwable) error), error.getLocations(), error.getPath(),
                    ErrorCode.VALIDATION, true);
        } else if (input != null && !(cause instanceof GatewayException)) {
            // A variable SmallRye converts only when the resolver is called, refused there: the caller's mistake.
            Log.debugf("An argument of %s was refused: %s", error.getPath(), input.getClass().getSimpleName());
            return new ClientError(inputMessage(input), error.getLocations(), error.getPath(), ErrorCode.VALIDATION,
                    true);
        } else if (error instanceof ValidationError v && executed) {
            // SmallRye could not convert an argument to its Java type (a date in another form, say). Its text quotes
            // the whole value; only the argument's name is kept.
            Matcher argument = ARGUMENT.matcher(v.getDescription() == null ? "" : v.getDescription());
            return new ClientError((argument.find() ? "Argument '" + argument.group(1) + "'" : "An argument")
                    + " does not have the form of its declared type.", error.getLocations(), error.getPath(),
                    ErrorCode.VALIDATION, true);
        }
        if (cause instanceof GatewayException gateway) {
            code = gateway.code();
            message = gateway.getMessage();
        } else if (cause instanceof io.quarkus.security.UnauthorizedException) {
            // The operation's @RolesAllowed refused an anonymous caller.
            code = ErrorCode.UNAUTHENTICATED;
            message = "This operation needs a bearer token.";
        } else if (cause instanceof io.quarkus.security.ForbiddenException) {
            // The operation's @RolesAllowed refused a caller without its role.
            code = ErrorCode.FORBIDDEN;
            message = "This operation is not available to this caller.";
        } else if (cause != null && isDataException(((ExceptionWhileDataFetching) error).getException())) {
            // The database refused a value (too long, a byte it cannot store): bad input that slipped past the
            // checks in front of it. The caller's fault, so not an ERROR; the value itself is never logged.
            code = ErrorCode.VALIDATION;
            Log.debugf(Redacted.of(((ExceptionWhileDataFetching) error).getException()),
                    "The database refused a value while resolving %s", error.getPath());
            message = "A value in this request is not valid: too long, or with characters that are not allowed.";
        } else if (cause != null) {
            code = ErrorCode.INTERNAL;
            String requestId = notes == null ? "" : " (request " + notes.requestId + ")";
            if (cause instanceof jakarta.enterprise.context.ContextNotActiveException) {
                // The request context ends when the client hangs up; a resolver still running then finds it gone.
                // Anyone can cause that, and there is nobody left to answer: not a server error.
                Log.debugf("Client went away while %s was resolving%s", error.getPath(), requestId);
            } else {
                // Exception messages can carry the values of the request (drivers quote rows and parameters): only
                // the exception types and stack frames are logged.
                Log.errorf(Redacted.of(((ExceptionWhileDataFetching) error).getException()),
                        "Unexpected failure resolving %s%s", error.getPath(), requestId);
            }
            message = "The gateway could not complete this request" + requestId + ".";
        } else if (error instanceof io.smallrye.graphql.validation.BeanValidationError) {
            // A constraint on an argument or input field: named as the caller wrote it, with the rule's own words;
            // never the constraint's class or the value given.
            code = ErrorCode.VALIDATION;
            message = constraintMessage(error);
        } else if (isValidation(error.getErrorType())) {
            code = ErrorCode.VALIDATION;
            message = validationMessage(error);
        } else {
            code = ErrorCode.INTERNAL;
            Log.warnf("GraphQL error of type %s", error.getErrorType());
            message = "The gateway could not complete this request.";
        }
        return new ClientError(message, error.getLocations(), error.getPath(), code, false);
    }

    /** The first throwable of a cause chain that passes the test (bounded, like {@link Causes}); else null. */
    private static Throwable first(Throwable t, java.util.function.Predicate<Throwable> test) {
        Throwable[] found = new Throwable[1];
        Causes.any(t, c -> {
            if (test.test(c)) {
                found[0] = c;
                return true;
            }
            return false;
        });
        return found[0];
    }

    private static boolean isValidation(ErrorClassification type) {
        return type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax;
    }

    private static String validationMessage(GraphQLError error) {
        String text = error instanceof ValidationError v && v.getDescription() != null ? v.getDescription() : error.getMessage();
        if (text == null || text.isBlank()) {
            return "The request is not valid.";
        }
        Matcher values = VALUE_TO_STRING.matcher(text);
        StringBuilder cleaned = new StringBuilder();
        while (values.find()) {
            String value = values.group(1) != null ? values.group(1) : values.group(2);
            values.appendReplacement(cleaned, Matcher.quoteReplacement("'" + value.replace("'", "") + "'"));
        }
        values.appendTail(cleaned);
        return JAVA_NAME.matcher(cleaned.toString().replace("''", "'")).replaceAll("a value");
    }

    /**
     * SmallRye lists each violation under {@code extensions.violations} with its {@code propertyPath} (operation,
     * argument, then the fields inside an input). The first, by path, becomes "Argument 'reason' ..." or
     * "Field 'address.country' ...".
     */
    @SuppressWarnings("unchecked")
    static String constraintMessage(GraphQLError error) {
        Object violations = error.getExtensions() == null ? null : error.getExtensions().get("violations");
        List<String> messages = new ArrayList<>();
        if (violations instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> violation)) {
                    continue;
                }
                Object path = violation.get("propertyPath");
                Object text = violation.get("message");
                List<String> names = path instanceof List<?> p ? p.stream().map(String::valueOf).toList() : List.of();
                String what = names.size() <= 2
                        ? "Argument '" + (names.isEmpty() ? "input" : names.get(names.size() - 1)) + "'"
                        : "Field '" + String.join(".", names.subList(2, names.size())).replace(".[", "[") + "'";
                messages.add(what + " " + (text == null ? "is not valid" : text) + ".");
            }
        }
        if (messages.isEmpty()) {
            return "The request is not valid.";
        }
        messages.sort(null);
        return messages.get(0);
    }

    /** SQLSTATE class 22, data exception: the database refused a value as such (length, encoding, range). */
    static boolean isDataException(Throwable t) {
        return Causes.any(t, c -> c instanceof java.sql.SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22"));
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof GatewayException) {
                return current;
            }
            if (current.getCause() == null || current.getCause() == current) {
                return current;
            }
            current = current.getCause();
        }
        return t;
    }
}
