package org.privacygateway.partner;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/** One thing a partner asks members for: a category, for a purpose, up to a level, and why. */
@Embeddable
public class DeclaredRequest {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DataCategory category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DisclosureLevel level;

    @Column(nullable = false)
    public String justification;

    public DeclaredRequest() {
    }

    public DeclaredRequest(DataCategory category, Purpose purpose, DisclosureLevel level, String justification) {
        this.category = category;
        this.purpose = purpose;
        this.level = level;
        this.justification = justification;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeclaredRequest r && r.category == category && r.purpose == purpose && r.level == level
                && java.util.Objects.equals(r.justification, justification);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(category, purpose, level, justification);
    }
}
