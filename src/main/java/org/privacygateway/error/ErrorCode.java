package org.privacygateway.error;

/** The machine-readable codes in {@code errors[].extensions.code}. */
public enum ErrorCode {
    /** No token on an operation that needs one. */
    UNAUTHENTICATED,
    /** The token's caller may not use this operation, or is not a registered partner. */
    FORBIDDEN,
    PARTNER_SUSPENDED,
    /** Bad input: unknown enum value, out-of-range argument, malformed id or cursor, unknown field. */
    VALIDATION,
    RATE_LIMITED,
    QUERY_TOO_COMPLEX,
    /** A dependency (the database) is down; nothing was served. */
    UNAVAILABLE,
    MINOR_REQUIRES_GUARDIAN,
    NOTICE_PERIOD_TOO_SHORT,
    /** The member's profile is kept by the marketplace's read-only member service: the message links to it. */
    MANAGED_BY_MARKETPLACE,
    /** Anything unexpected. The message never says more than that. */
    INTERNAL
}
