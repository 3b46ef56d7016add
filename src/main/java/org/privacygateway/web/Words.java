package org.privacygateway.web;

/** Small text helpers of the consent center; the words themselves are in {@link Msg}. */
final class Words {

    private Words() {
    }

    /** Ids safe for HTML ids and anchors. */
    static String anchor(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** The non-blank parts joined by the separator. */
    static String join(String separator, String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                if (!b.isEmpty()) {
                    b.append(separator);
                }
                b.append(p.strip());
            }
        }
        return b.toString();
    }
}
