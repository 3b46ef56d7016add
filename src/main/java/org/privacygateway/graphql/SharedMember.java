package org.privacygateway.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.masking.Company;
import org.privacygateway.masking.MemberValues;
import org.privacygateway.masking.PaymentCard;
import org.privacygateway.masking.PersonName;
import org.privacygateway.masking.PostalAddress;
import org.privacygateway.member.MemberDisclosures.Disclosed;

@Description("A member as the calling partner may see them. A masked field is null; `access` says why.")
public class SharedMember {

    private final String id;
    private final MemberValues values;
    private final List<FieldAccess> access;

    SharedMember(Disclosed disclosed) {
        this.id = disclosed.pairwiseId();
        this.values = disclosed.values();
        this.access = disclosed.decisions().values().stream().map(FieldAccess::of).toList();
    }

    @Id
    @NonNull
    @Description("Pairwise id: stable for the calling partner, meaningless to any other. Format: pw_ and 22 base64url characters.")
    public String getId() {
        return id;
    }

    public PersonName getName() {
        return values.name();
    }

    public String getEmail() {
        return values.email();
    }

    public String getPhone() {
        return values.phone();
    }

    public PostalAddress getAddress() {
        return values.address();
    }

    public Company getCompany() {
        return values.company();
    }

    public PaymentCard getCard() {
        return values.card();
    }

    @NonNull
    @Description("For every category: the level served and the reason.")
    public List<@NonNull FieldAccess> getAccess() {
        return access;
    }
}
