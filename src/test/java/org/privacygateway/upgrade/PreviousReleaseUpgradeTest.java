package org.privacygateway.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A rolling update runs the previous release's replicas on the new schema until the last of them is replaced. This
 * test upgrades a database holding the previous release's data ({@link PreviousRelease#DATA}) with the migrations as
 * they are now, then runs the previous release's SQL ({@link PreviousRelease#QUERIES}) on it: every statement must
 * still run and find the rows it found before, and every value the previous release stored must still be there.
 * Plain Flyway on an in-process PostgreSQL, as the gateway's own start runs it; no Quarkus boot.
 */
class PreviousReleaseUpgradeTest {

    private static final Set<String> NOT_DATA = Set.of(
            // Flyway's own bookkeeping: the upgrade adds rows to it by definition.
            "flyway_schema_history",
            // A stamp, not data: any migration touching partners or policy versions moves it, by design (V8).
            "config_generation");

    private static EmbeddedPostgres postgres;
    private static int databases;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void thePreviousReleasesStatementsFindTheirRowsOnItsOwnSchema() throws SQLException {
        // The control: the statements and their expected rows are right for the previous release itself, so a
        // failure after the upgrade is the upgrade's doing.
        DataSource db = freshDatabase();
        migrate(db, PreviousRelease.SCHEMA);
        load(db, PreviousRelease.DATA);
        QueryBook book = QueryBook.load(PreviousRelease.QUERIES);
        assertTrue(book.entries().size() >= 60, "the previous release's statements: " + book.entries().size());
        assertEquals(List.of(), book.run(db), "on the previous release's own schema");
        assertEquals(Set.of(), emptyTables(db), "the previous release's data has rows in every table");
        assertEquals(List.of(), unused(columns(db), book), "columns of the previous schema no statement names");
    }

    @Test
    void upgradingKeepsThePreviousReleasesDataAndStatementsWorking() throws SQLException {
        DataSource db = freshDatabase();
        migrate(db, PreviousRelease.SCHEMA);
        load(db, PreviousRelease.DATA);
        Map<String, List<String>> columnsBefore = columns(db);
        Map<String, List<List<String>>> before = contents(db, columnsBefore);

        MigrateResult upgrade = migrate(db, null);

        // Flyway applied exactly the migrations the expand/contract rule read: none escaped the rule.
        assertEquals(MigrationFiles.newerThan(PreviousRelease.SCHEMA).stream()
                .map(m -> m.version() == null ? m.name() : m.version().getVersion()).toList(),
                upgrade.migrations.stream().map(m -> m.version.isEmpty() ? m.filepath : m.version).toList(),
                "migrations applied by the upgrade");

        // Every value of the previous release is still there, but for what a contract marker let go or a reviewed
        // rewrite changed (PreviousRelease.REWRITTEN); and every
        // statement of the previous release still runs and finds its rows. All problems are reported at once.
        List<String> problems = new ArrayList<>();
        Map<String, MigrationVersion> contracted = contractMarkers();
        Map<String, List<String>> columnsAfter = columns(db);
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (var table : columnsBefore.entrySet()) {
            List<String> remaining = new ArrayList<>();
            for (String column : table.getValue()) {
                String name = table.getKey() + "." + column;
                if (PreviousRelease.REWRITTEN.contains(name)) {
                    continue;
                } else if (columnsAfter.getOrDefault(table.getKey(), List.of()).contains(column)) {
                    remaining.add(column);
                } else if (!contracted.containsKey(table.getKey()) && !contracted.containsKey(name)) {
                    problems.add(name + " is gone, and no migration has a contract marker for it");
                }
            }
            if (!remaining.isEmpty()) {
                kept.put(table.getKey(), remaining);
            }
        }
        Map<String, List<List<String>>> after = contents(db, kept);
        for (var table : kept.entrySet()) {
            List<Integer> positions = table.getValue().stream().map(columnsBefore.get(table.getKey())::indexOf).toList();
            List<List<String>> expected = sorted(before.get(table.getKey()).stream()
                    .map(row -> positions.stream().map(row::get).toList()).toList());
            List<List<String>> found = sorted(after.get(table.getKey()));
            if (!expected.equals(found)) {
                problems.add("rows of " + table.getKey() + " " + table.getValue() + " changed: gone "
                        + expected.stream().filter(r -> !found.contains(r)).toList() + ", new "
                        + found.stream().filter(r -> !expected.contains(r)).toList());
            }
        }
        problems.addAll(QueryBook.load(PreviousRelease.QUERIES).run(db));
        assertEquals(List.of(), problems, () -> "After the upgrade to the latest migration:\n"
                + String.join("\n", problems));

        assertEquals(5, after.get("member").size());
        assertEquals(List.of("alice.lindqvist@mail.example", "PARTIAL", "40"), List.of(
                single(db, "select email from member where subject = 'kc|alice'"),
                single(db, "select level from consent where id = 'c0000000-0000-4000-8000-000000000004'"),
                single(db, "select total from audience_snapshot where id = '5a000000-0000-4000-8000-000000000001'")));
    }

    @Test
    void aPreviousReleaseReplicaThatRestartsMidUpdateStartsOnTheNewerSchema(@TempDir Path folder) throws Exception {
        // During the update an old replica may restart: its Flyway (migrate at start, validating) meets migrations
        // it does not have. It must start, changing nothing.
        DataSource db = freshDatabase();
        migrate(db, null);
        List<JavaMigration> javaMigrations = new ArrayList<>();
        for (ExpandContract.Migration m : MigrationFiles.upTo(PreviousRelease.SCHEMA)) {
            if (m.name().endsWith(".java")) {
                String type = "db.migration." + m.name().substring(0, m.name().length() - ".java".length());
                javaMigrations.add((JavaMigration) Class.forName(type).getDeclaredConstructor().newInstance());
            } else {
                Files.writeString(folder.resolve(m.name()), QueryBook.read("db/migration/" + m.name()));
            }
        }
        Flyway previous = Flyway.configure().dataSource(db).locations("filesystem:" + folder)
                .javaMigrations(javaMigrations.toArray(JavaMigration[]::new)).load();
        // It does meet migrations it does not have: the newer ones are "future" to it.
        assertEquals(MigrationFiles.newerThan(PreviousRelease.SCHEMA).size(), Arrays.stream(previous.info().all())
                .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS).count(), "migrations newer than it knows");
        previous.validate();
        MigrateResult result = previous.migrate();
        assertEquals(0, result.migrationsExecuted, "migrations the previous release ran on the newer schema");
    }

    @Test
    void theStatementsCatchAMigrationThatBreaksThePreviousRelease() throws SQLException {
        // A test that cannot fail proves nothing: the same statements, after a migration that renames a column
        // and drops a table, report exactly the statements that use them.
        DataSource db = freshDatabase();
        migrate(db, PreviousRelease.SCHEMA);
        load(db, PreviousRelease.DATA);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE member RENAME COLUMN phone TO phone_e164");
            s.execute("DROP TABLE audience_snapshot");
        }
        QueryBook book = QueryBook.load(PreviousRelease.QUERIES);
        List<String> problems = book.run(db);
        Pattern usesThem = Pattern.compile("\\bphone\\b|\\baudience_snapshot\\b");
        long expected = book.entries().stream().filter(e -> usesThem.matcher(e.sql()).find()).count();
        assertEquals(expected, problems.size(), () -> String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.contains("MemberAccount.bySubject"))
                && problems.stream().anyMatch(p -> p.contains("AudienceStats.latest")), () -> String.join("\n", problems));
        assertFalse(problems.stream().anyMatch(p -> !p.contains("SQLSTATE 42")), () -> String.join("\n", problems));
    }

    private static DataSource freshDatabase() throws SQLException {
        String name = "upgrade_" + (++databases);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    /** Migrates to {@code target}, or to the latest migration when null, with the gateway's Flyway defaults. */
    private static MigrateResult migrate(DataSource db, MigrationVersion target) {
        var config = Flyway.configure().dataSource(db).locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        MigrateResult result = config.load().migrate();
        if (target != null) {
            assertEquals(target.getVersion(), result.targetSchemaVersion, "migrated to the previous release");
        }
        return result;
    }

    private static void load(DataSource db, String resource) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(QueryBook.read(resource));
        }
    }

    private static Map<String, MigrationVersion> contractMarkers() {
        Map<String, MigrationVersion> markers = new HashMap<>();
        MigrationFiles.newerThan(PreviousRelease.SCHEMA)
                .forEach(m -> markers.putAll(ExpandContract.markers(m.script().comments())));
        return markers;
    }

    /** Each table of the public schema (data tables only) with its columns in order. */
    private static Map<String, List<String>> columns(DataSource db) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select c.table_name, c.column_name from information_schema.columns c"
                        + " join information_schema.tables t on t.table_schema = c.table_schema"
                        + " and t.table_name = c.table_name"
                        + " where c.table_schema = 'public' and t.table_type = 'BASE TABLE'"
                        + " order by c.table_name, c.ordinal_position")) {
            while (rs.next()) {
                if (!NOT_DATA.contains(rs.getString(1))) {
                    tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return tables;
    }

    /** Every row of each table, as text, in a stable order. */
    private static Map<String, List<List<String>>> contents(DataSource db, Map<String, List<String>> tables)
            throws SQLException {
        Map<String, List<List<String>>> contents = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            for (var table : tables.entrySet()) {
                String columns = table.getValue().stream().map(col -> "\"" + col + "\"").collect(Collectors.joining(", "));
                List<List<String>> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select " + columns + " from \"" + table.getKey() + "\" order by "
                        + columns)) {
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= table.getValue().size(); i++) {
                            row.add(rs.getString(i));
                        }
                        rows.add(row);
                    }
                }
                contents.put(table.getKey(), rows);
            }
        }
        return contents;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        return rows.stream().sorted(Comparator.comparing(row -> String.join("\u0000",
                row.stream().map(v -> v == null ? "\u0001null" : v).toList()))).toList();
    }

    private static Set<String> emptyTables(DataSource db) throws SQLException {
        return contents(db, columns(db)).entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /**
     * Each column of the schema that no statement on its table names. The previous release's entities map every
     * column, so a column missing here is a statement missing from the book (or a column no code uses any more).
     */
    private static List<String> unused(Map<String, List<String>> tables, QueryBook book) {
        List<String> unused = new ArrayList<>();
        for (var table : tables.entrySet()) {
            Pattern named = Pattern.compile("\\b" + table.getKey() + "\\b");
            List<String> statements = book.entries().stream().map(e -> e.sql().toLowerCase(Locale.ROOT))
                    .filter(sql -> named.matcher(sql).find()).toList();
            for (String column : table.getValue()) {
                Pattern col = Pattern.compile("\\b" + column + "\\b");
                if (statements.stream().noneMatch(sql -> col.matcher(sql).find())) {
                    unused.add(table.getKey() + "." + column);
                }
            }
        }
        return unused;
    }

    private static String single(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
