package org.privacygateway.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

import org.privacygateway.masking.AccessReason;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.ops.RequestIds;

/**
 * What one GraphQL request tells a partner about privacy: the policy links and every masked path. Kept in the
 * request's GraphQLContext and written to {@code extensions.privacy} once execution ends.
 */
final class PrivacyNotes {

    private static final String KEY = PrivacyNotes.class.getName();

    final String requestId;
    private String partnerPolicyUrl;
    private Integer gatewayPolicyVersion;
    private String gatewayPolicyUrl;
    private final List<Map<String, Object>> masked = new ArrayList<>();

    PrivacyNotes(String requestId) {
        this.requestId = requestId;
    }

    /** The request's notes, made on first use with the id the gate gave the request ({@link RequestIds}). */
    static PrivacyNotes of(GraphQLContext context) {
        return context.computeIfAbsent(KEY, k -> new PrivacyNotes(RequestIds.of(currentRequest())));
    }

    /** The HTTP request being served, when a request context is active on this thread; else null. */
    static RoutingContext currentRequest() {
        try {
            return Arc.container().requestContext().isActive()
                    ? Arc.container().instance(CurrentVertxRequest.class).get().getCurrent() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static PrivacyNotes find(GraphQLContext context) {
        return context.get(KEY);
    }

    synchronized void partnerPolicy(String url) {
        this.partnerPolicyUrl = url;
    }

    synchronized void gatewayPolicy(int version, String url) {
        this.gatewayPolicyVersion = version;
        this.gatewayPolicyUrl = url;
    }

    synchronized void masked(List<Object> path, DataCategory category, AccessReason reason) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", path);
        entry.put("category", category.name());
        entry.put("reason", reason.name());
        masked.add(entry);
    }

    synchronized boolean hasGatewayPolicy() {
        return gatewayPolicyVersion != null;
    }

    synchronized boolean concernsPartner() {
        return partnerPolicyUrl != null;
    }

    synchronized String partnerPolicyUrl() {
        return partnerPolicyUrl;
    }

    synchronized Map<String, Object> toExtension() {
        Map<String, Object> privacy = new LinkedHashMap<>();
        privacy.put("requestId", requestId);
        privacy.put("masked", List.copyOf(masked));
        privacy.put("partnerPolicyUrl", partnerPolicyUrl);
        privacy.put("gatewayPolicyVersion", gatewayPolicyVersion);
        privacy.put("gatewayPolicyUrl", gatewayPolicyUrl);
        return privacy;
    }
}
