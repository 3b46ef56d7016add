package org.privacygateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.partner.PartnerFile;

@Input("PartnerInput")
@Description("A partner as onboarded through the admin API: the same fields as a partners/<id>.yaml file.")
public class PartnerInput {

    @NonNull
    public String id;
    @NonNull
    public String displayName;
    @NonNull
    public String kind;
    @NonNull
    public String clientId;
    @NonNull
    public List<@NonNull String> hosts;
    @NonNull
    public String policyUrl;
    public String logoUrl;
    @NonNull
    public String privacyContact;
    @NonNull
    public Integer rateLimitPerMinute;
    @NonNull
    public List<@NonNull PartnerRequestInput> requests;

    @Input("PartnerRequestInput")
    public static class PartnerRequestInput {
        @NonNull
        public DataCategory category;
        @NonNull
        public Purpose purpose;
        @NonNull
        public DisclosureLevel level;
        @NonNull
        public String justification;
    }

    PartnerFile toPartnerFile() {
        return new PartnerFile(id, displayName, kind, clientId, hosts, policyUrl, logoUrl, privacyContact,
                rateLimitPerMinute,
                requests == null ? null : requests.stream()
                        .map(r -> new PartnerFile.Request(r.category, r.purpose, r.level, r.justification))
                        .toList());
    }
}
