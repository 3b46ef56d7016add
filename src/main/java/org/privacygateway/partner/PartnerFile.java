package org.privacygateway.partner;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/** One {@code partners/<id>.yaml} file as read, before validation. Field by field: {@code partners/partner.schema.json}. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PartnerFile(
        String id,
        String displayName,
        String kind,
        String clientId,
        List<String> hosts,
        String policyUrl,
        String logoUrl,
        String privacyContact,
        Integer rateLimitPerMinute,
        List<Request> requests) {

    public record Request(DataCategory category, Purpose purpose, DisclosureLevel level, String justification) {
    }
}
