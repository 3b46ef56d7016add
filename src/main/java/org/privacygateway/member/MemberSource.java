package org.privacygateway.member;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The port through which the gateway reads the member facts it does not own: each category's values, the birth date
 * and when each category was collected or last confirmed. Consents, policy versions, decisions, pairwise ids and the
 * access log stay in the gateway whatever the source (docs/member-source.md, decision record 13).
 *
 * <p>Two adapters, chosen by {@code gateway.members.source}: {@link LocalMemberSource} (the gateway's own member
 * table) and {@link UpstreamMemberSource} (the marketplace's member service, over HTTP).
 */
public interface MemberSource {

    /**
     * The facts of these members in one call, whatever their number: per gateway member id, or no entry when the
     * source does not know the member (the gateway then treats it as erased).
     *
     * @throws MemberSourceUnavailableException when the source is slow, down, or answers malformed or partial data;
     *         nothing of the answer may then be used
     */
    Map<UUID, SourcedMember> read(Collection<Member> members);

    /** Whether the facts come from the gateway's own member table (corrections and erasure are then local). */
    boolean local();
}
