package org.privacygateway.member;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.privacygateway.member.UpstreamMemberSource.Outcome;

/** A member's correction, export or erasure request and its outcome. Holds no personal value. */
@Entity
@Table(name = "member_request")
public class MemberRequest extends PanacheEntityBase {

    public enum Kind {
        CORRECTION,
        EXPORT,
        ERASURE
    }

    @Id
    public UUID id;

    public UUID memberId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    /** {@code LOCAL} or {@code UPSTREAM}: where the member's data was. */
    public String source;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    /** For a correction, the profile sections it touched, comma-separated. */
    public String sections = "";

    public Instant requestedAt;

    static MemberRequest of(UUID memberId, Kind kind, boolean local, Outcome outcome, String sections, Instant at) {
        MemberRequest r = new MemberRequest();
        r.id = UUID.randomUUID();
        r.memberId = memberId;
        r.kind = kind;
        r.source = local ? "LOCAL" : "UPSTREAM";
        r.outcome = outcome;
        r.sections = sections;
        r.requestedAt = at;
        return r;
    }
}
