package org.privacygateway.audit;

import java.util.UUID;

/**
 * How a sealed access event names its member: by the partner's pairwise id for a partner read, so the leaf stays the
 * same when an erasure replaces the member's id with that pairwise id. Implemented by {@code consent.PairwiseIds}
 * (the consent layer sits above this one).
 */
public interface MemberNames {

    String pairwise(String partnerId, UUID memberId);
}
