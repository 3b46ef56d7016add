package org.privacygateway.member;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.quarkus.logging.Log;

import org.privacygateway.masking.Company;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.MemberValues;
import org.privacygateway.masking.PaymentCard;
import org.privacygateway.masking.PersonName;
import org.privacygateway.masking.PostalAddress;
import org.privacygateway.member.MemberSourceUnavailableException.Failure;
import org.privacygateway.policy.PolicyService;

/**
 * The member facts from the marketplace's member service (docs/member-service.openapi.yaml): one batch read per
 * page, keyed by the member's login subject, which is the id the marketplace and the gateway share. The answer is
 * checked whole before any of it is used: every id asked answered exactly once (as a member or as unknown), nothing
 * else, every field of its type. Otherwise the read fails closed. Nothing read is kept beyond the request.
 */
@ApplicationScoped
@Typed(UpstreamMemberSource.class)
public class UpstreamMemberSource implements MemberSource {

    /** The largest batch the contract allows, the gateway's largest page. */
    public static final int MAX_BATCH = 100;

    @Inject
    MemberServiceCalls calls;

    @Inject
    PolicyService policies;

    @Inject
    ObjectMapper json;

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public Map<UUID, SourcedMember> read(Collection<Member> members) {
        Map<UUID, SourcedMember> facts = new HashMap<>();
        List<Member> batch = new ArrayList<>(Math.min(members.size(), MAX_BATCH));
        for (Member m : members) {
            if (m.erased()) {
                continue; // nothing to ask: the gateway has erased it, whatever the marketplace holds
            }
            batch.add(m);
            if (batch.size() == MAX_BATCH) {
                readBatch(batch, facts);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            readBatch(batch, facts);
        }
        return facts;
    }

    private void readBatch(List<Member> batch, Map<UUID, SourcedMember> facts) {
        Map<String, UUID> bySubject = new HashMap<>();
        ObjectNode request = json.createObjectNode();
        ArrayNode ids = request.putArray("ids");
        for (Member m : batch) {
            bySubject.put(m.subject, m.id);
            ids.add(m.subject);
        }
        byte[] answer = call(request);
        JsonNode root;
        try {
            root = json.readTree(answer);
        } catch (IOException e) {
            throw unavailable(Failure.MALFORMED, "the answer is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("members").isArray()
                || !(root.path("unknown").isArray() || root.path("unknown").isMissingNode())) {
            throw unavailable(Failure.MALFORMED, "the answer is not a batch-read answer");
        }
        Set<String> answered = new HashSet<>();
        Map<UUID, SourcedMember> read = new HashMap<>();
        PolicyService.Timeline timeline = policies.timeline();
        for (JsonNode record : root.get("members")) {
            String id = record.path("id").isTextual() ? record.get("id").textValue() : null;
            if (id == null || !bySubject.containsKey(id) || !answered.add(id)) {
                throw unavailable(Failure.MALFORMED, "a member record without an id asked for, or twice");
            }
            read.put(bySubject.get(id), parse(record, timeline));
        }
        for (JsonNode unknown : root.path("unknown")) {
            if (!unknown.isTextual() || !bySubject.containsKey(unknown.textValue()) || !answered.add(unknown.textValue())) {
                throw unavailable(Failure.MALFORMED, "an unknown id not asked for, or answered twice");
            }
        }
        if (answered.size() != bySubject.size()) {
            throw unavailable(Failure.PARTIAL, (bySubject.size() - answered.size()) + " of " + bySubject.size()
                    + " members not answered");
        }
        facts.putAll(read);
    }

    private byte[] call(ObjectNode request) {
        try {
            return calls.batchRead(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (CircuitBreakerOpenException e) {
            throw unavailable(Failure.CIRCUIT_OPEN, "the circuit breaker is open after recent failures");
        } catch (TimeoutException | MemberServiceCalls.TooSlow e) {
            throw unavailable(Failure.SLOW, "no whole answer within the time allowed");
        } catch (BoundedBody.TooLarge e) {
            throw unavailable(Failure.TOO_LARGE, "the answer is larger than gateway.members.upstream.max-answer-bytes");
        } catch (MemberServiceCalls.ServerError e) {
            throw unavailable(Failure.DOWN, "HTTP " + e.status);
        } catch (MemberServiceCalls.Refused e) {
            throw unavailable(Failure.REFUSED, "HTTP " + e.status);
        } catch (MemberServiceCalls.Unreachable e) {
            throw unavailable(Failure.DOWN, e.kind);
        }
    }

    /** What became of a correction or an erasure sent to the member service. */
    public enum Outcome {
        /** The service applied it. */
        DONE,
        /** The service is read-only here: the member does it at the marketplace. */
        HANDLED_BY_MARKETPLACE,
        /** The service refused it or could not be reached. */
        FAILED
    }

    /**
     * Sends a profile correction (the sections given; a blank field clears it). The service stamps what it stores
     * with the time, which is how the gateway later learns the policy version it was collected under.
     *
     * @throws MemberSourceUnavailableException when the service cannot take it now (nothing was changed here)
     */
    public Outcome correct(Member m, ProfileChange change, boolean writable) {
        if (!writable) {
            return Outcome.HANDLED_BY_MARKETPLACE;
        }
        ObjectNode body = json.createObjectNode();
        if (change.name() != null) {
            body.putObject("name").put("given", change.name().given()).put("family", change.name().family());
        }
        if (change.email() != null) {
            body.put("email", change.email());
        }
        if (change.phone() != null) {
            body.put("phone", change.phone());
        }
        if (change.address() != null) {
            address(body.putObject("address"), change.address());
        }
        if (change.company() != null) {
            ObjectNode c = body.putObject("company").put("name", change.company().name());
            if (change.company().address() != null) {
                address(c.putObject("address"), change.company().address());
            }
        }
        if (body.isEmpty()) {
            return Outcome.DONE;
        }
        int status;
        try {
            status = calls.correct(m.subject, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (CircuitBreakerOpenException e) {
            throw unavailable(Failure.CIRCUIT_OPEN, "the circuit breaker is open after recent failures");
        } catch (TimeoutException | MemberServiceCalls.TooSlow e) {
            throw unavailable(Failure.SLOW, "no answer to a correction within the time allowed");
        } catch (MemberServiceCalls.Unreachable e) {
            throw unavailable(Failure.DOWN, e.kind);
        }
        if (status == 409 || status == 405) {
            return Outcome.HANDLED_BY_MARKETPLACE;
        }
        if (status / 100 != 2) {
            throw unavailable(Failure.REFUSED, "HTTP " + status + " to a correction");
        }
        return Outcome.DONE;
    }

    /** Asks the service to erase the member; never throws, as the gateway's own erasure goes ahead whatever it says. */
    public Outcome erase(Member m, boolean writable) {
        if (!writable) {
            return Outcome.HANDLED_BY_MARKETPLACE;
        }
        try {
            int status = calls.erase(m.subject);
            if (status == 409 || status == 405) {
                return Outcome.HANDLED_BY_MARKETPLACE;
            }
            return status / 100 == 2 || status == 404 ? Outcome.DONE : Outcome.FAILED;
        } catch (RuntimeException e) {
            Log.warnf("Member service did not take an erasure: %s", Causes.name(e));
            return Outcome.FAILED;
        }
    }

    private static void address(ObjectNode into, ProfileChange.Address a) {
        into.put("street", a.street()).put("city", a.city()).put("region", a.region())
                .put("postalCode", a.postalCode()).put("country", a.country());
    }

    /** One record, every field checked for its type; a field of the wrong type makes the whole answer malformed. */
    private SourcedMember parse(JsonNode r, PolicyService.Timeline timeline) {
        JsonNode name = object(r, "name");
        JsonNode address = object(r, "address");
        JsonNode company = object(r, "company");
        JsonNode card = object(r, "paymentCard");
        MemberValues values = new MemberValues(
                name == null ? null : new PersonName(text(name, "given"), text(name, "family")),
                text(r, "email"),
                text(r, "phone"),
                address(address),
                company == null ? null : new Company(text(company, "name"), address(object(company, "address"))),
                card == null ? null : new PaymentCard(text(card, "processorToken"), text(card, "brand"),
                        text(card, "last4"), integer(card, "expiryMonth"), integer(card, "expiryYear")));
        LocalDate birth;
        try {
            String b = text(r, "birthDate");
            birth = b == null ? null : LocalDate.parse(b);
        } catch (DateTimeParseException e) {
            throw unavailable(Failure.MALFORMED, "a birth date that is not a date");
        }
        Map<DataCategory, Integer> under = new EnumMap<>(DataCategory.class);
        JsonNode collected = object(r, "collectedAt");
        if (collected != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = collected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                DataCategory category;
                Instant at;
                try {
                    category = DataCategory.valueOf(f.getKey());
                    at = f.getValue().isNull() ? null : Instant.parse(f.getValue().asText());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw unavailable(Failure.MALFORMED, "a collectedAt entry that is not a category and a time");
                }
                if (at != null) {
                    Integer version = timeline.inForceAt(at);
                    under.put(category, version == null ? 0 : version);
                }
            }
        }
        return new SourcedMember(values, birth, under);
    }

    private static PostalAddress address(JsonNode a) {
        return a == null ? null : new PostalAddress(text(a, "street"), text(a, "city"), text(a, "region"),
                text(a, "postalCode"), text(a, "country"));
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw unavailable(Failure.MALFORMED, "field '" + field + "' is not an object");
        }
        return n;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw unavailable(Failure.MALFORMED, "field '" + field + "' is not a string");
        }
        return n.textValue();
    }

    private static Integer integer(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw unavailable(Failure.MALFORMED, "field '" + field + "' is not an integer");
        }
        return n.intValue();
    }

    /** Logged with the failure only: never an id, a value or the answer's text. */
    static MemberSourceUnavailableException unavailable(Failure failure, String detail) {
        Log.warnf("Member service unavailable (%s): %s", failure, detail);
        return new MemberSourceUnavailableException(failure, detail);
    }

    /** Walks an exception's causes without printing them: their messages may quote the answer. */
    static final class Causes {
        static boolean timeout(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof java.util.concurrent.TimeoutException || c instanceof java.net.SocketTimeoutException
                        || c.getClass().getSimpleName().contains("Timeout")) {
                    return true;
                }
            }
            return false;
        }

        static String name(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName();
        }
    }
}
