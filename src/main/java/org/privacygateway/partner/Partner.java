package org.privacygateway.partner;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.privacygateway.masking.PartnerTerms;

/** A co-branded partner site, identified by its OIDC client. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    /** Slug, e.g. {@code skyway-travel}. */
    @Id
    public String id;

    public String displayName;
    public String kind;

    @Enumerated(EnumType.STRING)
    public PartnerStatus status;

    public String clientId;
    public String policyUrl;
    public String logoUrl;
    public String privacyContact;
    public int rateLimitPerMinute;

    @Enumerated(EnumType.STRING)
    public PartnerSource source;

    /** Suspended by an admin (as opposed to by the file sync): only an admin lifts it. */
    public boolean suspendedByAdmin;
    public String suspensionReason;

    @ElementCollection
    @CollectionTable(name = "partner_host", joinColumns = @JoinColumn(name = "partner_id"))
    @Column(name = "host")
    public Set<String> hosts = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "partner_request", joinColumns = @JoinColumn(name = "partner_id"))
    public Set<DeclaredRequest> requests = new LinkedHashSet<>();

    /** The consent-change webhook's receiver, or null; its secret is only referenced ({@code env:NAME}). */
    public String webhookUrl;
    public String webhookSecretRef;

    public Instant createdAt;
    public Instant updatedAt;

    /** Takes every setting from a partner file (or an admin's equivalent input); status and source stay as they are. */
    public void applySettings(PartnerFile f, Instant now) {
        displayName = f.displayName();
        kind = f.kind();
        clientId = f.clientId();
        policyUrl = f.policyUrl();
        logoUrl = f.logoUrl();
        privacyContact = f.privacyContact();
        rateLimitPerMinute = f.rateLimitPerMinute();
        hosts.clear();
        hosts.addAll(f.hosts());
        requests.clear();
        requests.addAll(declaredRequests(f));
        webhookUrl = f.webhook() == null ? null : f.webhook().url();
        webhookSecretRef = f.webhook() == null ? null : f.webhook().secret().stored();
        updatedAt = now;
    }

    static Set<DeclaredRequest> declaredRequests(PartnerFile f) {
        Set<DeclaredRequest> set = new LinkedHashSet<>();
        for (PartnerFile.Request r : f.requests()) {
            set.add(new DeclaredRequest(r.category(), r.purpose(), r.level(), r.justification()));
        }
        return set;
    }

    public boolean active() {
        return status == PartnerStatus.ACTIVE;
    }

    public PartnerTerms terms() {
        PartnerTerms.Builder builder = PartnerTerms.builder();
        for (DeclaredRequest r : requests) {
            builder.declare(r.category, r.purpose, r.level);
        }
        return builder.build();
    }
}
