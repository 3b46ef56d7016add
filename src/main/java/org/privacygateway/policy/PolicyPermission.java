package org.privacygateway.policy;

import java.util.Objects;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.Purpose;

/** One cell of a policy version's matrix: partners may receive this category for this purpose. */
@Embeddable
public class PolicyPermission {

    @Enumerated(EnumType.STRING)
    public DataCategory category;

    @Enumerated(EnumType.STRING)
    public Purpose purpose;

    public PolicyPermission() {
    }

    public PolicyPermission(DataCategory category, Purpose purpose) {
        this.category = category;
        this.purpose = purpose;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyPermission p && p.category == category && p.purpose == purpose;
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, purpose);
    }
}
