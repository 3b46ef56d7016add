package org.privacygateway.policy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.PolicyMatrix;
import org.privacygateway.masking.Purpose;

/** A published version of the gateway's privacy policy. Versions are never edited once published. */
@Entity
@Table(name = "policy_version")
public class PolicyVersion extends PanacheEntityBase {

    @Id
    public int version;
    public String url;
    public String summary;
    public Instant publishedAt;
    public Instant effectiveAt;

    @ElementCollection
    @CollectionTable(name = "policy_permission", joinColumns = @JoinColumn(name = "version"))
    public Set<PolicyPermission> permissions = new HashSet<>();

    public PolicyMatrix matrix() {
        Map<DataCategory, Set<Purpose>> allowed = new EnumMap<>(DataCategory.class);
        for (PolicyPermission p : permissions) {
            allowed.computeIfAbsent(p.category, c -> EnumSet.noneOf(Purpose.class)).add(p.purpose);
        }
        return new PolicyMatrix(version, allowed);
    }
}
