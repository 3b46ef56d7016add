package org.privacygateway.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One admin change, with the state of its target before and after (JSON). Append-only. */
@Entity
@Table(name = "admin_action")
public class AdminAction extends PanacheEntityBase {

    @Id
    public UUID id;
    public Instant occurredAt;
    public String actor;
    public String action;
    public String targetType;
    public String targetId;
    public String reason;
    public String beforeState;
    public String afterState;
}
