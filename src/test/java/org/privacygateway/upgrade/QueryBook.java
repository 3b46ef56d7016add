package org.privacygateway.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

/**
 * The previous release's statements ({@link PreviousRelease#QUERIES}): each with where it comes from, the rows it must
 * return or change, and optionally the first row's leading columns. {@link #run} executes each in a transaction it
 * rolls back, so every entry sees the same data.
 */
record QueryBook(List<QueryBook.Entry> entries) {

    record Entry(String source, int line, String sql, int rows, List<String> first) {
        @Override
        public String toString() {
            return "line " + line + " (" + source + ")";
        }
    }

    static QueryBook load(String resource) {
        List<Entry> entries = new ArrayList<>();
        List<String> text = Arrays.asList(read(resource).split("\n", -1));
        String source = null;
        Integer rows = null;
        List<String> first = List.of();
        StringBuilder sql = new StringBuilder();
        int start = 0;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i).strip();
            if (line.startsWith("--") && sql.isEmpty()) {
                String comment = line.substring(2).strip();
                if (comment.startsWith("rows:")) {
                    rows = Integer.parseInt(comment.substring(5).strip());
                } else if (comment.startsWith("first:")) {
                    first = Arrays.stream(comment.substring(6).strip().split(" \\| ")).map(String::strip).toList();
                } else if (!comment.isEmpty() && source == null) {
                    source = comment;
                }
            } else if (line.isEmpty() && sql.isEmpty()) {
                // A blank line between entries: a comment block not followed by a statement was a heading.
                source = null;
                rows = null;
                first = List.of();
            } else {
                if (sql.isEmpty()) {
                    start = i + 1;
                }
                sql.append(line).append('\n');
                if (line.endsWith(";")) {
                    if (source == null || rows == null) {
                        throw new IllegalStateException(resource + " line " + start
                                + ": a statement needs a comment saying where it comes from and a 'rows:' line");
                    }
                    entries.add(new Entry(source, start, sql.substring(0, sql.lastIndexOf(";")).strip(), rows, first));
                    sql.setLength(0);
                    source = null;
                    rows = null;
                    first = List.of();
                }
            }
        }
        if (!sql.isEmpty()) {
            throw new IllegalStateException(resource + " line " + start + ": statement without a closing ';'");
        }
        return new QueryBook(entries);
    }

    /** Runs every entry; returns one line per entry that failed or found other rows than expected. */
    List<String> run(DataSource database) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            for (Entry e : entries) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TIME ZONE 'UTC'");
                    boolean query = s.execute(e.sql());
                    int rows;
                    List<String> firstRow = new ArrayList<>();
                    if (query) {
                        try (ResultSet rs = s.getResultSet()) {
                            rows = 0;
                            while (rs.next()) {
                                if (rows == 0) {
                                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                        firstRow.add(String.valueOf(rs.getString(i)));
                                    }
                                }
                                rows++;
                            }
                        }
                    } else {
                        rows = s.getUpdateCount();
                    }
                    if (rows != e.rows()) {
                        problems.add(e + ": " + rows + " rows, expected " + e.rows());
                    } else if (!e.first().isEmpty() && (firstRow.size() < e.first().size()
                            || !firstRow.subList(0, e.first().size()).equals(e.first()))) {
                        problems.add(e + ": first row " + firstRow + ", expected it to start with " + e.first());
                    }
                } catch (SQLException ex) {
                    problems.add(e + ": failed, SQLSTATE " + ex.getSQLState() + ": " + ex.getMessage());
                } finally {
                    c.rollback();
                }
            }
        }
        return problems;
    }

    static String read(String resource) {
        try (InputStream in = QueryBook.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + resource + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
