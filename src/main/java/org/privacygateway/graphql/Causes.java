package org.privacygateway.graphql;

import java.util.function.Predicate;

/** Looks through an exception's cause chain (bounded, so a chain that loops ends). */
final class Causes {

    private static final int MAX_DEPTH = 20;

    private Causes() {
    }

    static boolean any(Throwable t, Predicate<Throwable> test) {
        Throwable current = t;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (test.test(current)) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }
}
