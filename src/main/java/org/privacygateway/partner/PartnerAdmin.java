package org.privacygateway.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import org.privacygateway.audit.AdminAudit;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.error.Inputs;

/**
 * Admin changes to partners. Each validates fully before it writes, and records itself in the admin audit in the
 * same transaction, so a refused change leaves nothing behind.
 */
@ApplicationScoped
public class PartnerAdmin {

    @Inject
    EntityManager em;

    @Inject
    AdminAudit audit;

    @Inject
    Clock clock;

    @Transactional
    public Partner onboard(String actor, PartnerFile input) {
        validate(input);
        if (em.find(Partner.class, input.id()) != null) {
            throw GatewayException.validation("Field 'id': a partner '" + input.id() + "' already exists.");
        }
        checkUnique(input, null);
        Instant now = clock.instant();
        Partner p = new Partner();
        p.id = input.id();
        p.source = PartnerSource.API;
        p.status = PartnerStatus.ACTIVE;
        p.createdAt = now;
        p.applySettings(input, now);
        em.persist(p);
        audit.record(actor, "ONBOARD_PARTNER", "PARTNER", p.id, null, null, state(p));
        Log.infof("Partner %s onboarded by an admin", p.id);
        return p;
    }

    @Transactional
    public Partner update(String actor, String id, PartnerFile input) {
        Partner p = checkUpdate(id, input);
        Map<String, Object> before = state(p);
        // The admin API has no webhook field: a webhook is declared in the partner's file, and an update keeps it.
        String webhookUrl = p.webhookUrl;
        String webhookSecretRef = p.webhookSecretRef;
        p.applySettings(input, clock.instant());
        if (input.webhook() == null) {
            p.webhookUrl = webhookUrl;
            p.webhookSecretRef = webhookSecretRef;
        }
        audit.record(actor, "UPDATE_PARTNER", "PARTNER", p.id, null, before, state(p));
        return p;
    }

    /**
     * Every check of {@link #update} without writing anything: the stored partner the input would replace. Refuses
     * what the update refuses ({@code VALIDATION}), a raised level included.
     */
    @Transactional
    public Partner checkUpdate(String id, PartnerFile input) {
        Partner p = checkInput(id, input);
        for (DeclarationChange change : DeclarationChange.between(p, input)) {
            if (change.refused()) {
                throw GatewayException.validation("Field 'requests': " + change.refusal());
            }
        }
        return p;
    }

    /** The checks of {@link #checkUpdate} but the rule on raised levels, which a plan reports rather than throws. */
    @Transactional
    public Partner checkInput(String id, PartnerFile input) {
        Inputs.argument("id", id, Inputs.PARTNER_ID);
        Partner p = existing(id);
        if (!id.equals(input.id())) {
            throw GatewayException.validation("Field 'id': a partner's id cannot change (expected '" + id + "').");
        }
        validate(input);
        checkUnique(input, id);
        // Shown (a dry run) or compared (a plan) after this transaction: loaded now.
        org.hibernate.Hibernate.initialize(p.hosts);
        org.hibernate.Hibernate.initialize(p.requests);
        return p;
    }

    @Transactional
    public Partner suspend(String actor, String id, String reason) {
        Inputs.argument("id", id, Inputs.PARTNER_ID);
        // The reason's rules (required, length, no control characters) are on the GraphQL argument.
        Partner p = existing(id);
        Map<String, Object> before = state(p);
        p.status = PartnerStatus.SUSPENDED;
        p.suspendedByAdmin = true;
        p.suspensionReason = reason.strip();
        p.updatedAt = clock.instant();
        audit.record(actor, "SUSPEND_PARTNER", "PARTNER", p.id, p.suspensionReason, before, state(p));
        Log.infof("Partner %s suspended by an admin", p.id);
        return p;
    }

    @Transactional
    public Partner reactivate(String actor, String id) {
        Inputs.argument("id", id, Inputs.PARTNER_ID);
        Partner p = existing(id);
        Map<String, Object> before = state(p);
        p.status = PartnerStatus.ACTIVE;
        p.suspendedByAdmin = false;
        p.suspensionReason = null;
        p.updatedAt = clock.instant();
        audit.record(actor, "REACTIVATE_PARTNER", "PARTNER", p.id, null, before, state(p));
        return p;
    }

    /** Every partner with its hosts and requests loaded, ready to be shown outside the transaction. */
    @Transactional
    public List<Partner> all() {
        List<Partner> all = em.createQuery("select distinct p from Partner p left join fetch p.requests order by p.id",
                Partner.class).getResultList();
        all.forEach(p -> org.hibernate.Hibernate.initialize(p.hosts));
        return all;
    }

    private Partner existing(String id) {
        Partner p = id == null ? null : em.find(Partner.class, id);
        if (p == null) {
            throw GatewayException.validation("Argument 'id': no partner '" + id + "'.");
        }
        return p;
    }

    /** The partner schema and its rules between fields, as for a file: one source for every rule. */
    private static void validate(PartnerFile input) {
        List<PartnerFileException.Problem> problems = PartnerFiles.problems(input);
        if (!problems.isEmpty()) {
            PartnerFileException.Problem first = problems.get(0);
            throw new GatewayException(ErrorCode.VALIDATION, "Field '" + first.field() + "': " + first.reason() + ".");
        }
    }

    private void checkUnique(PartnerFile input, String self) {
        Long clients = em.createQuery("select count(p) from Partner p where p.clientId = :c and p.id <> :self", Long.class)
                .setParameter("c", input.clientId()).setParameter("self", self == null ? "" : self).getSingleResult();
        if (clients > 0) {
            throw GatewayException.validation("Field 'clientId': '" + input.clientId() + "' belongs to another partner.");
        }
        List<String> taken = em.createQuery(
                "select h from Partner p join p.hosts h where h in :hosts and p.id <> :self", String.class)
                .setParameter("hosts", input.hosts()).setParameter("self", self == null ? "" : self).getResultList();
        if (!taken.isEmpty()) {
            throw GatewayException.validation("Field 'hosts': '" + taken.get(0) + "' belongs to another partner.");
        }
    }


    /** What the admin audit stores of a partner: its configuration, never member data. */
    static Map<String, Object> state(Partner p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", p.id);
        s.put("displayName", p.displayName);
        s.put("kind", p.kind);
        s.put("status", p.status);
        s.put("clientId", p.clientId);
        s.put("policyUrl", p.policyUrl);
        s.put("logoUrl", p.logoUrl);
        s.put("privacyContact", p.privacyContact);
        s.put("rateLimitPerMinute", p.rateLimitPerMinute);
        s.put("hosts", p.hosts.stream().sorted().toList());
        s.put("requests", p.requests.stream()
                .map(r -> r.category + "/" + r.purpose + "/" + r.level)
                .sorted().toList());
        s.put("suspensionReason", p.suspensionReason);
        return s;
    }
}
