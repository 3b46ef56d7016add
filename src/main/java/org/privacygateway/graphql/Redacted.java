package org.privacygateway.graphql;

import java.sql.SQLException;

/**
 * A copy of an exception chain fit for the server log: each link keeps its type, its SQLSTATE if any, and its stack
 * frames, but not its message, which may quote the values of the request (PgJDBC and Hibernate put rows and
 * parameters in theirs).
 */
final class Redacted extends RuntimeException {

    private Redacted(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    static Throwable of(Throwable t) {
        return copy(t, 0);
    }

    private static Throwable copy(Throwable t, int depth) {
        if (t == null || depth >= 20) {
            return null;
        }
        Throwable cause = t.getCause() == t ? null : copy(t.getCause(), depth + 1);
        String description = t.getClass().getName()
                + (t instanceof SQLException sql && sql.getSQLState() != null ? " (SQLSTATE " + sql.getSQLState() + ")" : "")
                + " [message withheld]";
        Redacted copy = new Redacted(description, cause);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
