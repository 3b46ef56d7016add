package org.privacygateway.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import org.privacygateway.config.GatewayConfig;

/**
 * Applies {@code partners/} at start: creates new partners, updates changed ones, suspends file partners whose file
 * is gone (never deletes: audit rows point at them). Leaves API partners alone, and never lifts an admin's
 * suspension. A bad file stops the start.
 */
@ApplicationScoped
public class PartnerSync {

    @Inject
    GatewayConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PartnerPresentation presentation;

    @Inject
    WebhookSecrets webhooks;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (!config.partners().sync() || !config.startUpWork()) {
            return;
        }
        List<PartnerFile> files = PartnerFiles.readFolder(config.partners().dir());
        Summary summary = apply(files);
        presentation.load(config.partners().dir(), files);
        Log.infof("Partner files applied from %s: %d created, %d updated, %d unchanged, %d suspended (file gone)",
                config.partners().dir(), summary.created(), summary.updated(), summary.unchanged(), summary.suspended());
    }

    @Transactional
    public Summary apply(List<PartnerFile> files) {
        // Every webhook's secret must be there before anything is applied: a refused sync changes nothing.
        webhooks.check(files);
        Instant now = clock.instant();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int suspended = 0;
        Set<String> inFiles = files.stream().map(PartnerFile::id).collect(Collectors.toSet());
        List<PartnerFileException.Problem> refused = new java.util.ArrayList<>();
        for (PartnerFile file : files) {
            refused.addAll(refusals(file, em.find(Partner.class, file.id())));
        }
        if (!refused.isEmpty()) {
            // Checked for every file before any is applied: a refused file leaves every partner as it was.
            throw new PartnerFileException(refused);
        }
        for (PartnerFile file : files) {
            Partner existing = em.find(Partner.class, file.id());
            if (existing == null) {
                Partner p = new Partner();
                p.id = file.id();
                p.source = PartnerSource.FILE;
                p.status = PartnerStatus.ACTIVE;
                p.createdAt = now;
                p.applySettings(file, now);
                em.persist(p);
                created++;
            } else if (differs(file, existing) || fileSuspended(existing)) {
                existing.applySettings(file, now);
                if (fileSuspended(existing)) {
                    // The file is back: the sync lifts its own suspension, never an admin's.
                    existing.status = PartnerStatus.ACTIVE;
                    existing.suspensionReason = null;
                }
                updated++;
            } else {
                unchanged++;
            }
        }
        List<Partner> gone = em.createQuery(
                "from Partner p where p.source = :file and p.status = :active", Partner.class)
                .setParameter("file", PartnerSource.FILE)
                .setParameter("active", PartnerStatus.ACTIVE)
                .getResultList();
        for (Partner p : gone) {
            if (!inFiles.contains(p.id)) {
                p.status = PartnerStatus.SUSPENDED;
                p.suspensionReason = "Partner file removed";
                p.updatedAt = now;
                suspended++;
            }
        }
        return new Summary(created, updated, unchanged, suspended);
    }

    /**
     * What no file may do to the partner the database holds: take over a partner onboarded through the admin API, or
     * raise a declared level (the same rule as the plan, see {@link DeclarationChange#refused()}).
     */
    public static List<PartnerFileException.Problem> refusals(PartnerFile file, Partner existing) {
        String name = file.id() + ".yaml";
        if (existing == null) {
            return List.of();
        }
        if (existing.source == PartnerSource.API) {
            return List.of(new PartnerFileException.Problem(name, 0, "id",
                    "'" + file.id() + "' belongs to a partner onboarded through the admin API"));
        }
        List<PartnerFileException.Problem> problems = new java.util.ArrayList<>();
        for (DeclarationChange change : DeclarationChange.between(existing, file)) {
            if (change.refused()) {
                problems.add(new PartnerFileException.Problem(name, 0,
                        "requests[" + indexOf(file, change) + "].level", change.refusal()));
            }
        }
        return problems;
    }

    private static int indexOf(PartnerFile file, DeclarationChange change) {
        for (int i = 0; i < file.requests().size(); i++) {
            if (file.requests().get(i).category() == change.category()
                    && file.requests().get(i).purpose() == change.purpose()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean fileSuspended(Partner p) {
        return p.status == PartnerStatus.SUSPENDED && !p.suspendedByAdmin;
    }

    private static boolean differs(PartnerFile f, Partner p) {
        return !f.displayName().equals(p.displayName) || !f.kind().equals(p.kind) || !f.clientId().equals(p.clientId)
                || !f.policyUrl().equals(p.policyUrl) || !java.util.Objects.equals(f.logoUrl(), p.logoUrl)
                || !f.privacyContact().equals(p.privacyContact) || f.rateLimitPerMinute() != p.rateLimitPerMinute
                || !new LinkedHashSet<>(f.hosts()).equals(p.hosts) || !Partner.declaredRequests(f).equals(p.requests)
                || !java.util.Objects.equals(f.webhook() == null ? null : f.webhook().url(), p.webhookUrl)
                || !java.util.Objects.equals(f.webhook() == null ? null : f.webhook().secret().stored(),
                        p.webhookSecretRef);
    }



    public record Summary(int created, int updated, int unchanged, int suspended) {
    }
}
