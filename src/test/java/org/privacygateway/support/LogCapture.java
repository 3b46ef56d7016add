package org.privacygateway.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Collects every record the application logs while open, at every level that reaches a handler, as the text a log
 * file would hold: the formatted message and the whole exception chain with its messages (next exceptions of SQL
 * batches included).
 */
public final class LogCapture extends Handler implements AutoCloseable {

    public record Entry(Level level, String logger, String text) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder text = new StringBuilder(String.valueOf(message));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
            for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SQLException sql) {
                    for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
                        text.append("\nnext: ").append(next.getMessage());
                    }
                }
            }
        }
        entries.add(new Entry(record.getLevel(), record.getLoggerName(), text.toString()));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The records that mention any of the values, for the failure message. */
    public synchronized List<Entry> mentioning(List<String> values) {
        return entries.stream().filter(e -> values.stream().anyMatch(v -> e.text().contains(v))).toList();
    }

    public synchronized List<Entry> atLeast(Level level) {
        return entries.stream().filter(e -> e.level().intValue() >= level.intValue()).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
