package org.privacygateway.member;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import org.privacygateway.audit.AccessEvent;
import org.privacygateway.audit.AdminAudit;
import org.privacygateway.error.GatewayException;
import org.privacygateway.error.Inputs;
import org.privacygateway.masking.DataCategory;

/**
 * Disclosures outside the consent model, recorded so the member sees them: legal disclosures (subpoenas, court
 * orders) and guardian requests for children under 13.
 */
@ApplicationScoped
public class Disclosures {

    @Inject
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    MemberAccount accounts;

    @Inject
    Clock clock;

    @Transactional
    public AccessEvent recordLegalDisclosure(String actor, UUID memberId, Set<DataCategory> categories, String recipient,
            String legalBasis, String reference) {
        Inputs.line("recipient", recipient, Inputs.NAME);
        Inputs.line("legalBasis", legalBasis, Inputs.NAME);
        Inputs.line("reference", reference, Inputs.NAME);
        require("legalBasis", legalBasis, "a disclosure without a legal basis cannot be recorded");
        require("recipient", recipient, "say who received the data");
        require("reference", reference, "give the order's or request's reference");
        if (categories == null || categories.isEmpty()) {
            throw GatewayException.validation("Field 'categories' must name at least one category disclosed.");
        }
        Member m = existingMember(memberId);
        AccessEvent e = event(AccessEvent.Kind.DISCLOSURE, m.id, "legalDisclosure");
        e.served = categories.stream().sorted().map(c -> c + ":FULL").collect(Collectors.joining(","));
        e.recipient = recipient.strip();
        e.legalBasis = legalBasis.strip();
        e.reference = reference.strip();
        em.persist(e);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("categories", categories);
        after.put("recipient", e.recipient);
        after.put("legalBasis", e.legalBasis);
        after.put("reference", e.reference);
        audit.record(actor, "RECORD_DISCLOSURE", "MEMBER", m.id.toString(), e.legalBasis, null, after);
        return e;
    }

    /**
     * A parent or guardian asked us to remove a child's data: the child's data is erased, the child is opted out of
     * all promotions, and the action stays on record.
     */
    @Transactional
    public AccessEvent recordGuardianRequest(String actor, UUID memberId, String reference) {
        Inputs.line("reference", reference, Inputs.NAME);
        require("reference", reference, "give the guardian request's reference");
        Member m = existingMember(memberId);
        AccessEvent e = event(AccessEvent.Kind.GUARDIAN, m.id, "guardianRequest");
        e.served = "";
        e.reference = reference.strip();
        e.legalBasis = "Guardian request for a child under 13";
        em.persist(e);
        accounts.eraseData(m.id);
        m.marketingOptOut = true;
        audit.record(actor, "RECORD_GUARDIAN_REQUEST", "MEMBER", m.id.toString(), e.reference, null,
                Map.of("erased", true, "marketingOptOut", true));
        Log.infof("Guardian request %s applied to member %s", e.id, m.id);
        return e;
    }

    private AccessEvent event(AccessEvent.Kind kind, UUID memberId, String operation) {
        AccessEvent e = new AccessEvent();
        e.id = UUID.randomUUID();
        e.requestId = UUID.randomUUID().toString();
        e.occurredAt = clock.instant();
        e.kind = kind;
        e.memberId = memberId;
        e.operation = operation;
        e.masked = "";
        return e;
    }

    private Member existingMember(UUID memberId) {
        Member m = memberId == null ? null : em.find(Member.class, memberId);
        if (m == null || m.erased()) {
            throw GatewayException.validation("Field 'memberId': no such member.");
        }
        return m;
    }

    private static void require(String field, String value, String why) {
        if (value == null || value.isBlank()) {
            throw GatewayException.validation("Field '" + field + "' is required: " + why + ".");
        }
    }
}
