package org.privacygateway.member;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One partner's published audience statistics for one period: counts already rounded, small buckets already left
 * out (as JSON lists of key and count). The raw counts are never stored.
 */
@Entity
@Table(name = "audience_snapshot")
public class AudienceSnapshot extends PanacheEntityBase {

    @Id
    public UUID id;
    public String partnerId;
    public Instant periodStart;
    public Instant takenAt;
    public int k;
    public int rounding;
    /** Null when the total was under k. */
    public Integer total;
    public String byCountry;
    public String byAgeBand;
}
