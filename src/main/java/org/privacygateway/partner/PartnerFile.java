package org.privacygateway.partner;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/**
 * One {@code partners/<id>.yaml} file as read, before validation. Field by field: {@code partners/partner.schema.json}.
 *
 * @param logo file name of the partner's logo in the same folder (SVG or PNG), served by the gateway itself
 * @param translations per language tag ({@code en}, {@code zh}), the partner's own name and purpose texts
 * @param webhook where consent changes are pushed, and where its signing secret is (never the secret)
 */
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
        List<Request> requests,
        String logo,
        Map<String, Texts> translations,
        Webhook webhook) {

    @JsonCreator
    public PartnerFile {
    }

    /** A partner without a logo file or translations (the admin API's partners). */
    public PartnerFile(String id, String displayName, String kind, String clientId, List<String> hosts,
            String policyUrl, String logoUrl, String privacyContact, Integer rateLimitPerMinute,
            List<Request> requests) {
        this(id, displayName, kind, clientId, hosts, policyUrl, logoUrl, privacyContact, rateLimitPerMinute,
                requests, null, null, null);
    }

    /** A consent-change webhook: the receiver's URL and the reference to its signing secret. */
    public record Webhook(String url, SecretRef secret) {
    }

    /** Where a secret is: the name of an environment variable of the gateway. */
    public record SecretRef(String env) {

        /** As stored in the partner row: {@code env:NAME}. */
        public String stored() {
            return "env:" + env;
        }
    }

    /** The partner's own words in one language; each falls back to English (the file's own fields). */
    public record Texts(String displayName, Map<Purpose, String> purposes) {
    }

    public record Request(DataCategory category, Purpose purpose, DisclosureLevel level, String justification,
            Map<String, RequestTexts> translations) {

        @JsonCreator
        public Request {
        }

        public Request(DataCategory category, Purpose purpose, DisclosureLevel level, String justification) {
            this(category, purpose, level, justification, null);
        }
    }

    /** A request's justification in one language. */
    public record RequestTexts(String justification) {
    }
}
