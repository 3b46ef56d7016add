package org.privacygateway.error;

/**
 * The rules every text a caller sends must meet before it goes near the database: at most as many characters as its
 * column holds, and no control characters (NUL included), unpaired surrogates or non-characters, which PostgreSQL
 * would refuse with an error carrying the value. A refusal is a {@link ErrorCode#VALIDATION} error naming the field,
 * never the value.
 *
 * <p>Limits are counted in characters (code points), as {@code varchar(n)} counts them. The constants mirror the
 * column sizes of the migrations.
 */
public final class Inputs {

    /** {@code partner.id}, {@code partner.kind}. */
    public static final int PARTNER_ID = 64;
    /** Names, cities, regions, client ids, disclosure recipients, legal bases, references. */
    public static final int NAME = 200;
    public static final int EMAIL = 320;
    public static final int PHONE = 32;
    public static final int STREET = 400;
    public static final int POSTAL_CODE = 32;
    public static final int HOST = 253;
    public static final int URL = 2000;
    /** Justifications, suspension reasons. */
    public static final int REASON = 2000;
    public static final int SUMMARY = 4000;

    /** A member's e-mail address; the partner schema's {@code privacyContact} pattern is the same rule. */
    public static final String EMAIL_PATTERN = "[^@\\s]{1,64}@[^@\\s]+\\.[A-Za-z]{2,}";
    /** Digits, spaces and the usual separators, an optional leading +. */
    public static final String PHONE_PATTERN = "\\+?[0-9][0-9 ()./-]{5,30}";
    /**
     * An https URL that names its host plainly: no user information (nothing before an '@' ahead of the host), so
     * the host a reader sees is the host they reach. The partner schema's URL pattern is the same rule.
     */
    public static final String HTTPS_URL_PATTERN = "https://[^/?#@\\s]+(?:[/?#]\\S*)?";

    private Inputs() {
    }

    /** A single-line value: no control character at all. Null passes (whether it is required is another rule). */
    public static String line(String field, String value, int maxChars) {
        return check(field, value, maxChars, false);
    }

    /** A single-line argument of an operation (an id, a host), named as an argument in the error. */
    public static String argument(String name, String value, int maxChars) {
        String problem = problem(value, maxChars, false);
        if (problem != null) {
            throw GatewayException.validation("Argument '" + name + "' " + problem + ".");
        }
        return value;
    }

    /** Free text that may run over several lines: tab, line feed and carriage return are allowed. */
    public static String prose(String field, String value, int maxChars) {
        return check(field, value, maxChars, true);
    }

    /** The problem with a value, or null when it meets the rules: for callers that report errors their own way. */
    public static String problem(String value, int maxChars, boolean multiLine) {
        if (value == null) {
            return null;
        }
        // A cheap bound first: a string of more than 2 × max UTF-16 units has more than max code points.
        if (value.length() > 2L * maxChars || value.codePointCount(0, value.length()) > maxChars) {
            return "is longer than " + maxChars + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "is not valid text";
            }
            if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                return "is not valid text";
            }
            if (Character.getType(c) == Character.CONTROL && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                return "must not contain control characters";
            }
            if (c == '\u2028' || c == '\u2029') {
                if (!multiLine) {
                    return "must not contain control characters";
                }
            }
        }
        return null;
    }

    private static String check(String field, String value, int maxChars, boolean multiLine) {
        String problem = problem(value, maxChars, multiLine);
        if (problem != null) {
            throw GatewayException.invalidField(field, "Field '" + field + "' " + problem + ".");
        }
        return value;
    }
}
