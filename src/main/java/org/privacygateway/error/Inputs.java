package org.privacygateway.error;

/**
 * The rules every text a caller sends must meet before it goes near the database: at most as many characters as its
 * column holds, and no control characters (NUL included), unpaired surrogates or non-characters, which PostgreSQL
 * would refuse with an error carrying the value. A refusal is a {@link ErrorCode#VALIDATION} error naming the field,
 * never the value.
 *
 * <p>Nor may text hide what it says from the person who reads it. A one-line value (a name, an id, a host) carries no
 * invisible or text-direction character at all: no Unicode format character (bidirectional embeddings, overrides and
 * isolates U+202A-202E and U+2066-2069, marks U+200E/F and U+061C, zero-width U+200B-200D and U+2060, U+FEFF, soft
 * hyphens, tags) and no Hangul filler (a blank-looking letter). Free text keeps the joiners and direction marks that
 * scripts and emoji need (U+200C, U+200D, U+200E, U+200F, U+061C) and soft hyphens, and refuses every other format
 * character: above all the embeddings, overrides and isolates that display text in an order other than its own.
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
    /** A URL's port, if it has one: 1 to 65535, without leading zeros. */
    public static final String PORT_PATTERN = "(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";
    /** A URL's host (a name or an IPv4 address, or an IPv6 address in brackets) and port. */
    public static final String AUTHORITY_PATTERN = "(?:\\[[0-9A-Fa-f:.]+\\]|[^/?#@\\s:\\[\\]]+)(?::" + PORT_PATTERN + ")?";
    /**
     * An https URL that names its host plainly: no user information (nothing before an '@' ahead of the host), so
     * the host a reader sees is the host they reach; a port, if any, from 1 to 65535. The partner schema's URL
     * pattern is the same rule.
     */
    public static final String HTTPS_URL_PATTERN = "https://" + AUTHORITY_PATTERN + "(?:[/?#]\\S*)?";

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
                    if (hidden(Character.toCodePoint(c, value.charAt(i + 1)), multiLine)) {
                        return HIDDEN;
                    }
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
            if (hidden(c, multiLine)) {
                return HIDDEN;
            }
        }
        return null;
    }

    private static final String HIDDEN = "must not contain invisible or text-direction characters (such as zero-width"
            + " spaces or bidirectional overrides)";

    /** A format character or a Hangul filler; in free text, one other than the joiners, marks and soft hyphen. */
    private static boolean hidden(int cp, boolean multiLine) {
        if (cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0) {
            return true;
        }
        if (Character.getType(cp) != Character.FORMAT) {
            return false;
        }
        return !(multiLine && (cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0x061C
                || cp == 0x00AD));
    }

    private static String check(String field, String value, int maxChars, boolean multiLine) {
        String problem = problem(value, maxChars, multiLine);
        if (problem != null) {
            throw GatewayException.invalidField(field, "Field '" + field + "' " + problem + ".");
        }
        return value;
    }
}
