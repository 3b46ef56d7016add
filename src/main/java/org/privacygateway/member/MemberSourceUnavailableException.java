package org.privacygateway.member;

/**
 * The member source could not give a complete, well-formed answer in time. The request fails closed: HTTP 503
 * UNAVAILABLE, no member data, no access-log rows. The message names only the failure, never a member or a value.
 */
public class MemberSourceUnavailableException extends RuntimeException {

    /** What went wrong, for the log and the tests; never shown to callers. */
    public enum Failure {
        DOWN,
        SLOW,
        CIRCUIT_OPEN,
        REFUSED,
        MALFORMED,
        PARTIAL,
        /** An answer larger than gateway.members.upstream.max-answer-bytes: cut, not read. */
        TOO_LARGE
    }

    private final Failure failure;

    public MemberSourceUnavailableException(Failure failure, String detail) {
        super(failure + ": " + detail, null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
