package org.privacygateway.consent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/**
 * Proof of one grant or revocation, after the Kantara Consent Receipt: who (pairwise), to whom under which
 * policies, what, why, how much, until when. Stored, never changed, downloadable as JSON.
 */
@Entity
@Table(name = "consent_receipt")
public class ConsentReceipt extends PanacheEntityBase {

    @Id
    public UUID id;
    public Instant issuedAt;

    @Enumerated(EnumType.STRING)
    public ConsentEvent.Action action;

    public UUID memberId;
    public String pairwiseMemberId;
    public String partnerId;
    public String partnerName;
    public String partnerPolicyUrl;
    public int gatewayPolicyVersion;
    public String gatewayPolicyUrl;

    @Enumerated(EnumType.STRING)
    public DataCategory category;

    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    @Enumerated(EnumType.STRING)
    public DisclosureLevel level;

    public Instant expiresAt;

    /** The receipt as the JSON document members download. */
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("receiptId", id.toString());
        doc.put("issuedAt", issuedAt.toString());
        doc.put("action", action.name());
        doc.put("piiPrincipalId", pairwiseMemberId);
        Map<String, Object> controller = new LinkedHashMap<>();
        controller.put("partnerId", partnerId);
        controller.put("name", partnerName);
        controller.put("privacyPolicyUrl", partnerPolicyUrl);
        doc.put("partner", controller);
        doc.put("gatewayPolicyVersion", gatewayPolicyVersion);
        doc.put("gatewayPolicyUrl", gatewayPolicyUrl);
        doc.put("category", category.name());
        doc.put("purpose", purpose.name());
        doc.put("level", level.name());
        doc.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        return doc;
    }
}
