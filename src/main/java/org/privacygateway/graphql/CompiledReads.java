package org.privacygateway.graphql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.validation.Validator;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.consent.PairwiseIds;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.MemberDisclosures;
import org.privacygateway.member.MemberDisclosures.Disclosed;
import org.privacygateway.ops.GatewayMetrics;
import org.privacygateway.ops.RequestIds;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerDirectory;
import org.privacygateway.security.KnownPartners;
import org.privacygateway.security.PartnerCaller;
import org.privacygateway.security.RateLimits;

/**
 * The compiled partner read path: {@code member} and {@code members} documents answered without executing the
 * schema field by field. Each distinct document is validated once by graphql-java against the running schema and
 * compiled into a {@link ReadPlan}; a request then costs the partner lookup, the same {@link MemberDisclosures} read
 * (decision, rendering and access-log rows in one transaction) the resolvers use, and one pass of a streaming JSON
 * writer over the decided values.
 *
 * <p>It serves a request only when it can answer exactly as the generic engine would: a valid query document on the
 * read surface, plainly valid variables and arguments, an active partner within its rate limit, and no failure on
 * the way. Anything else goes on to SmallRye GraphQL untouched (nothing charged, nothing written), which answers
 * with its errors. A differential test holds the two paths to the same bytes, {@code extensions.privacy} and
 * access-log rows.
 */
@ApplicationScoped
public class CompiledReads {

    /** After the gate's inspection (-50), before SmallRye GraphQL's route. */
    static final int ORDER = -40;

    /** Routing-context keys of the request body as the gate parsed it, and of its query's digest. */
    static final String BODY = "privacy-gateway.graphql-body";
    static final String DIGEST = "privacy-gateway.graphql-query-digest";

    /** The media type the generic engine answers with when the client accepts anything. */
    static final String DEFAULT_TYPE = "application/graphql-response+json; charset=UTF-8";

    @Inject
    GatewayConfig config;

    @Inject
    PartnerDirectory directory;

    @Inject
    RateLimits rateLimits;

    @Inject
    PairwiseIds pairwiseIds;

    @Inject
    MemberDisclosures disclosures;

    @Inject
    ObjectMapper json;

    @Inject
    KnownPartners knownPartners;

    @Inject
    org.privacygateway.config.ConfigGeneration generation;

    @Inject
    Instance<GraphQLSchema> schemas;

    private volatile boolean enabled;
    private volatile GraphQLSchema schema;
    private volatile PlanCache<PlanKey, Compiled> plans;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong compilations = new AtomicLong();

    /** A plan's key: the SHA-256 of the query text and the operation name. Never the query itself. */
    record PlanKey(QueryDigest digest, String operationName) {
    }

    /** A compiled document, or the note that this path does not serve it (plan null). */
    record Compiled(ReadPlan plan) {
    }

    void install(@Observes Router router) {
        enabled = config.graphql().compiledReads();
        GatewayConfig.Graphql g = config.graphql();
        plans = new PlanCache<>(g.planCacheBytes(), g.planCachePartnerBytes(), g.planMaxBytes());
        router.post("/graphql").order(ORDER).blockingHandler(this::serve, false);
    }

    /** Turns the compiled path on or off at run time (the differential test compares both paths). */
    void enable(boolean on) {
        enabled = on;
    }

    /** Requests this path answered (the rest went on to the generic engine). */
    long served() {
        return served.get();
    }

    private void serve(RoutingContext rc) {
        byte[] answer = null;
        try {
            answer = enabled ? answer(rc) : null;
        } catch (RuntimeException e) {
            // Nothing was committed (the transaction rolled back) and nothing sent: the generic engine answers,
            // with its own handling of whatever went wrong (a database that is down is a 503 there).
            Log.debugf("Compiled read passed on after %s", e.getClass().getSimpleName());
            answer = null;
        }
        if (answer == null) {
            rc.next();
            return;
        }
        served.incrementAndGet();
        rc.response().setStatusCode(200).end(Buffer.buffer(answer));
    }

    /** The response body, with status and headers set; null to leave the request to the generic engine. */
    private byte[] answer(RoutingContext rc) {
        if (!(rc.user() instanceof QuarkusHttpUser user)) {
            return null;
        }
        // Only a token with the partner role naming a client goes further: nothing is parsed, compiled or kept for
        // anyone else (their documents are the generic engine's, which refuses them).
        String clientId = PartnerCaller.claimedClient(user.getSecurityIdentity(), config).orElse(null);
        if (clientId == null) {
            return null;
        }
        JsonNode body = rc.get(BODY);
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode query = body.get("query");
        JsonNode operationName = body.get("operationName");
        JsonNode extensions = body.get("extensions");
        if (query == null || !query.isTextual() || (operationName != null && !operationName.isNull() && !operationName.isTextual())
                || (extensions != null && !extensions.isNull())) {
            return null;
        }
        String contentType = responseType(rc);
        if (contentType == null) {
            return null;
        }
        QueryDigest digest = rc.get(DIGEST);
        ReadPlan plan = plan(digest != null ? digest : QueryDigest.of(query.textValue()), query.textValue(),
                operationName == null || operationName.isNull() ? null : operationName.textValue(), clientId);
        if (plan == null) {
            return null;
        }
        ReadPlan.Bound bound = plan.bind(body.get("variables"));
        if (bound == null) {
            return null;
        }
        // Decided, rendered, recorded and written in one transaction: the access-log rows commit before a byte
        // leaves, and a failure anywhere (writing included) rolls them back.
        Charge charge = new Charge();
        Answer answer;
        try {
            answer = QuarkusTransaction.requiringNew().call(() -> execute(user, bound, charge, RequestIds.of(rc)));
        } catch (RuntimeException e) {
            // Rolled back (the commit included): nothing was served, so nothing stays charged.
            if (charge.partner != null) {
                rateLimits.refundPartner(charge.partner.id, charge.partner.rateLimitPerMinute, charge.units);
            }
            throw e;
        }
        if (answer == null) {
            return null;
        }
        Partner partner = answer.partner();
        rc.put(GatewayMetrics.PARTNER, partner.id);
        answer.operations().forEach(operation -> GatewayMetrics.operation(rc, operation));
        rc.response().headers().set("Content-Type", contentType);
        rc.response().headers().set("Link", KnownPartners.policyLink(partner.policyUrl));
        knownPartners.remember(answer.clientId(), partner.policyUrl);
        return answer.body();
    }

    /** A response body and whom it is for. */
    private record Answer(byte[] body, Partner partner, String clientId, List<String> operations) {
    }

    /**
     * In the request's transaction: the partner (as on the generic path), the roots' arguments, the charge, the reads
     * and the body. Null, with nothing charged or written, when the generic engine must answer.
     */
    private Answer execute(QuarkusHttpUser user, ReadPlan.Bound bound, Charge charge, String requestId)
            throws IOException {
        // Partners and policy versions are read several times here and never changed: one stamp for all of them.
        generation.pin();
        PartnerCaller.Lookup lookup = PartnerCaller.lookup(user.getSecurityIdentity(), config, directory);
        if (lookup.refusal() != null || lookup.partner() == null) {
            return null;
        }
        Partner partner = lookup.partner();
        List<Root> roots = roots(partner, bound);
        if (roots == null) {
            return null;
        }
        int units = 0;
        for (Root root : roots) {
            units += root.units();
        }
        if (!rateLimits.tryPartner(partner.id, partner.rateLimitPerMinute, units)) {
            return null;
        }
        charge.partner = partner;
        charge.units = units;
        List<String> operations = roots.stream().map(r -> r.node().name).filter(n -> !n.equals("__typename")).toList();
        return new Answer(write(partner, roots, bound, requestId), partner, lookup.clientId(), operations);
    }

    /** What a request was charged, to give it back when the request ends up served by the generic engine. */
    private static final class Charge {
        Partner partner;
        int units;
    }

    /**
     * The response's media type as the generic engine would choose it from {@code Accept}: the first of
     * application/json or application/graphql-response+json (as written), the default for none or any; null (the
     * generic engine decides) for anything else.
     */
    static String responseType(RoutingContext rc) {
        String accept = rc.request().getHeader("Accept");
        if (accept == null || accept.isBlank() || accept.equals("*/*")) {
            return DEFAULT_TYPE;
        }
        List<MIMEHeader> parsed = rc.parsedHeaders() == null ? List.of() : rc.parsedHeaders().accept();
        if (parsed.size() == 1) {
            String raw = parsed.get(0).rawValue();
            if (raw.equals("application/json") || raw.equals("application/graphql-response+json")) {
                return raw;
            }
        }
        return null;
    }

    // ---- plans

    /** The plan of a document for a partner's client (tests: compiled whether or not the client is a partner). */
    ReadPlan plan(String query, String operationName, String clientId) {
        PlanKey key = new PlanKey(QueryDigest.of(query), operationName);
        PlanCache.Entry<Compiled> known = plans.get(key);
        if (known != null) {
            return known.value().plan();
        }
        return keep(key, compile(query, operationName), clientId);
    }

    /**
     * The remembered plan of a document, or a new one, compiled only for a registered, active partner (the plan is
     * charged to it; anything else is left to the generic engine, which refuses it, with nothing compiled or kept).
     * A plan over {@code gateway.graphql.plan-max-bytes} answers this request and is not kept: it costs what the
     * generic engine's parsing and validation of the same document would, and the writer is still the cheaper one.
     */
    private ReadPlan plan(QueryDigest digest, String query, String operationName, String clientId) {
        PlanKey key = new PlanKey(digest, operationName);
        PlanCache.Entry<Compiled> known = plans.get(key);
        if (known != null) {
            return known.value().plan();
        }
        Partner partner = directory.byClientId(clientId).orElse(null);
        if (partner == null || !partner.active()) {
            return null;
        }
        return keep(key, compile(query, operationName), clientId);
    }

    private ReadPlan keep(PlanKey key, ReadPlan plan, String clientId) {
        // The key keeps the operation name as sent: charged with the plan (or with the note that there is none).
        long bytes = (plan == null ? 0 : plan.bytes()) + PlanSize.string(key.operationName());
        plans.put(key, new Compiled(plan), clientId, bytes);
        return plan;
    }

    int rememberedPlans() {
        return plans.size();
    }

    /** The plan memory: what is kept, in estimated bytes, overall and per partner client, and its bounds. */
    PlanCache<PlanKey, Compiled> planCache() {
        return plans;
    }

    /** Documents parsed, validated and compiled here (tests: who may cost a compilation). */
    long compilations() {
        return compilations.get();
    }

    private ReadPlan compile(String query, String operationName) {
        compilations.incrementAndGet();
        GraphQLSchema current = schema();
        if (current == null) {
            return null;
        }
        Document document;
        try {
            // The gate has already parsed this query within the caller's budget; these options only repeat its bounds.
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.newParserOptions().captureSourceLocation(false)
                            .captureLineComments(false).captureIgnoredChars(false)
                            .maxCharacters(config.limits().maxQueryCharacters())
                            .maxTokens(config.limits().maxTokens()).build())
                    .build());
        } catch (InvalidSyntaxException e) {
            return null;
        }
        if (!new Validator().validateDocument(current, document, Locale.ENGLISH).isEmpty()) {
            return null;
        }
        return ReadPlan.compile(document, operationName);
    }

    private GraphQLSchema schema() {
        GraphQLSchema known = schema;
        if (known != null) {
            return known;
        }
        GraphQLSchema running = schemas.isResolvable() ? schemas.get() : null;
        if (running == null) {
            return null;
        }
        List<String> problems = ReadSurface.check(running);
        if (!problems.isEmpty()) {
            Log.warnf("Compiled partner reads are off: the schema differs from the read surface (%s)", problems);
            enabled = false;
            return null;
        }
        schema = running;
        return running;
    }


    // ---- execution

    /** A root field of the request, with its arguments checked. */
    private record Root(ReadPlan.Node node, Purpose purpose, UUID member, int first, UUID after) {
        int units() {
            return node.name.equals("members") ? first : node.name.equals("member") ? 1 : 0;
        }
    }

    /** The root fields with their arguments, each as the resolvers would accept it; null if any would be refused. */
    private List<Root> roots(Partner partner, ReadPlan.Bound bound) {
        List<Root> roots = new ArrayList<>();
        for (ReadPlan.Node node : bound.tree().values()) {
            switch (node.name) {
                case "__typename" -> roots.add(new Root(node, null, null, 0, null));
                case "member" -> {
                    Object purpose = bound.argument(node, "purpose", "Purpose");
                    Object id = bound.argument(node, "id", "ID");
                    if (!(purpose instanceof Purpose p) || p.aggregatesOnly() || !(id instanceof String pairwise)
                            || !PairwiseIds.wellFormed(pairwise)) {
                        return null;
                    }
                    roots.add(new Root(node, p, pairwiseIds.resolve(partner.id, pairwise), 0, null));
                }
                case "members" -> {
                    Object purpose = bound.argument(node, "purpose", "Purpose");
                    Object first = bound.argument(node, "first", "Int");
                    Object after = bound.argument(node, "after", "String");
                    int size = first == ReadPlan.Unusable.MISSING || first == null ? 20
                            : first instanceof Integer i ? i : -1;
                    if (!(purpose instanceof Purpose p) || p.aggregatesOnly() || size < 1 || size > PartnerGraphQL.MAX_PAGE) {
                        return null;
                    }
                    UUID afterMember = null;
                    if (after instanceof String cursor) {
                        if (!PairwiseIds.wellFormed(cursor)) {
                            return null;
                        }
                        afterMember = pairwiseIds.resolve(partner.id, cursor);
                    } else if (after != null && after != ReadPlan.Unusable.MISSING) {
                        return null;
                    }
                    roots.add(new Root(node, p, null, size, afterMember));
                }
                default -> {
                    return null;
                }
            }
        }
        // Every read skipped: the generic engine's shaping of a response without an operation applies.
        return roots.stream().anyMatch(r -> r.node().type != null) ? roots : null;
    }

    private byte[] write(Partner partner, List<Root> roots, ReadPlan.Bound bound, String requestId)
            throws IOException {
        PrivacyNotes notes = new PrivacyNotes(requestId);
        notes.partnerPolicy(partner.policyUrl);
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("data");
            g.writeStartObject();
            for (Root root : roots) {
                ReadPlan.Node node = root.node();
                g.writeFieldName(node.key);
                switch (node.name) {
                    case "__typename" -> g.writeString(ReadSurface.QUERY);
                    case "member" -> member(g, partner, root, notes);
                    case "members" -> members(g, partner, root, notes);
                    default -> throw ReadSurface.unknown(node);
                }
            }
            g.writeEndObject();
            g.writeFieldName("extensions");
            g.writeStartObject();
            g.writeFieldName("privacy");
            json.writeValue(g, notes.toExtension());
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private void member(JsonGenerator g, Partner partner, Root root, PrivacyNotes notes) throws IOException {
        List<SelectedCategories.Selection> selections = selections(root.node(), false);
        MemberDisclosures.Result result = disclosures.one(partner, root.member(), root.purpose(),
                categories(selections), notes.requestId);
        notes.gatewayPolicy(result.policy().current().version, result.policy().current().url);
        Disclosed d = result.single().orElse(null);
        if (d == null) {
            g.writeNull();
            return;
        }
        noteMasks(notes, root.node().key, selections, d, 0);
        ReadSurface.member(g, root.node().children, d);
    }

    private void members(JsonGenerator g, Partner partner, Root root, PrivacyNotes notes) throws IOException {
        List<SelectedCategories.Selection> selections = selections(root.node(), true);
        MemberDisclosures.Result result = disclosures.page(partner, root.purpose(), root.first(), root.after(),
                categories(selections), notes.requestId);
        notes.gatewayPolicy(result.policy().current().version, result.policy().current().url);
        List<Disclosed> members = result.members();
        for (int i = 0; i < members.size(); i++) {
            noteMasks(notes, root.node().key, selections, members.get(i), i);
        }
        String endCursor = members.isEmpty() ? null : members.get(members.size() - 1).pairwiseId();
        g.writeStartObject();
        for (ReadPlan.Node f : root.node().children.values()) {
            g.writeFieldName(f.key);
            switch (f.name) {
                case "edges" -> {
                    g.writeStartArray();
                    for (Disclosed d : members) {
                        g.writeStartObject();
                        for (ReadPlan.Node e : f.children.values()) {
                            g.writeFieldName(e.key);
                            switch (e.name) {
                                case "cursor" -> g.writeString(d.pairwiseId());
                                case "node" -> ReadSurface.member(g, e.children, d);
                                case "__typename" -> g.writeString("SharedMemberEdge");
                                default -> throw ReadSurface.unknown(e);
                            }
                        }
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                case "pageInfo" -> {
                    g.writeStartObject();
                    for (ReadPlan.Node p : f.children.values()) {
                        g.writeFieldName(p.key);
                        switch (p.name) {
                            case "hasNextPage" -> g.writeBoolean(result.hasNext());
                            case "endCursor" -> ReadSurface.string(g, endCursor);
                            case "__typename" -> g.writeString("PageInfo");
                            default -> throw ReadSurface.unknown(p);
                        }
                    }
                    g.writeEndObject();
                }
                case "__typename" -> g.writeString("SharedMemberConnection");
                default -> throw ReadSurface.unknown(f);
            }
        }
        g.writeEndObject();
    }

    /**
     * The member categories a root field selects, at which relative paths, in the order graphql-java's selection set
     * lists them (grouped by field path in order of first appearance), so masked paths are noted in the same order
     * as on the generic path.
     */
    static List<SelectedCategories.Selection> selections(ReadPlan.Node root, boolean page) {
        LinkedHashMap<String, List<SelectedCategories.Selection>> byPath = new LinkedHashMap<>();
        if (!page) {
            for (ReadPlan.Node f : root.children.values()) {
                DataCategory c = SelectedCategories.FIELDS.get(f.name);
                if (c != null) {
                    byPath.computeIfAbsent(f.name, k -> new ArrayList<>())
                            .add(new SelectedCategories.Selection(c, List.of(f.key)));
                }
            }
        } else {
            for (ReadPlan.Node edges : root.children.values()) {
                if (!edges.name.equals("edges")) {
                    continue;
                }
                for (ReadPlan.Node node : edges.children.values()) {
                    if (!node.name.equals("node")) {
                        continue;
                    }
                    for (ReadPlan.Node f : node.children.values()) {
                        DataCategory c = SelectedCategories.FIELDS.get(f.name);
                        if (c != null) {
                            byPath.computeIfAbsent(f.name, k -> new ArrayList<>()).add(new SelectedCategories.Selection(
                                    c, List.of(edges.key, SelectedCategories.INDEX, node.key, f.key)));
                        }
                    }
                }
            }
        }
        List<SelectedCategories.Selection> all = new ArrayList<>();
        byPath.values().forEach(all::addAll);
        return all;
    }

    private static Set<DataCategory> categories(List<SelectedCategories.Selection> selections) {
        EnumSet<DataCategory> set = EnumSet.noneOf(DataCategory.class);
        selections.forEach(s -> set.add(s.category()));
        return set;
    }

    private static void noteMasks(PrivacyNotes notes, String rootKey, List<SelectedCategories.Selection> selections,
            Disclosed member, int index) {
        List<Object> root = List.of(rootKey);
        for (SelectedCategories.Selection s : selections) {
            FieldDecision d = member.decisions().get(s.category());
            if (d.masked()) {
                notes.masked(SelectedCategories.absolute(root, s.path(), index), s.category(), d.reason());
            }
        }
    }
}
