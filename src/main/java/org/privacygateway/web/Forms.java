package org.privacygateway.web;

import java.util.UUID;

/** Reading the consent center's form fields and query parameters. */
final class Forms {

    private Forms() {
    }

    /** The named constant of {@code type}, or null when the value is missing or names none. */
    static <E extends Enum<E>> E choice(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        return null;
    }

    static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A page number: 1 unless the value is a whole number from 1 to 10000. */
    static int positive(String s) {
        if (s == null || !s.matches("[0-9]{1,5}")) {
            return 1;
        }
        int n = Integer.parseInt(s);
        return n < 1 ? 1 : n;
    }

    /**
     * One part of a row's control id ({@code <partner>-<CATEGORY>-<PURPOSE>}): 0 the category, 1 the purpose; null
     * when the id is not one of this partner's.
     */
    static String part(String controlId, String partnerId, int index) {
        String prefix = Words.anchor(partnerId) + "-";
        if (controlId == null || !controlId.startsWith(prefix)) {
            return null;
        }
        String[] parts = controlId.substring(prefix.length()).split("-");
        return parts.length == 2 ? parts[index] : null;
    }
}
