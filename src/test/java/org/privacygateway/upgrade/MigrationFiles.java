package org.privacygateway.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.api.MigrationVersion;

/**
 * The project's migrations as files: SQL under {@code src/main/resources/db/migration}, Java under
 * {@code src/main/java/db/migration} (Flyway's {@code classpath:db/migration} holds both once built). Read from the
 * sources because a Java migration's statements are only visible there.
 */
final class MigrationFiles {

    static final List<Path> FOLDERS = List.of(Path.of("src/main/resources/db/migration"),
            Path.of("src/main/java/db/migration"));

    private static final Pattern FILE_NAME = Pattern.compile("(V|R)(\\d+(?:[._]\\d+)*)?__\\w+\\.(sql|java)");

    private MigrationFiles() {
    }

    /**
     * Every versioned migration newer than {@code previous}, and every repeatable one (Flyway runs it again whenever
     * it changes), in the order Flyway applies them. A file whose name Flyway would read differently fails here, so
     * no migration escapes the rule by its name.
     */
    static List<ExpandContract.Migration> newerThan(MigrationVersion previous) {
        return all().stream().filter(m -> m.version() == null || m.version().isNewerThan(previous.getVersion()))
                .toList();
    }

    /** The versioned migrations up to and including {@code version}: the ones a release at that version ships. */
    static List<ExpandContract.Migration> upTo(MigrationVersion version) {
        return all().stream().filter(m -> m.version() != null && !m.version().isNewerThan(version.getVersion()))
                .toList();
    }

    private static List<ExpandContract.Migration> all() {
        List<ExpandContract.Migration> out = new ArrayList<>();
        for (Path folder : FOLDERS) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    Matcher m = FILE_NAME.matcher(name);
                    if (!m.matches() || m.group(1).equals("V") == (m.group(2) == null)) {
                        throw new IllegalStateException("Not a migration file name Flyway and the upgrade rule agree on: "
                                + file + " (expected V<version>__<description>.sql or .java, or R__<description>.sql)");
                    }
                    MigrationVersion version = m.group(2) == null ? null
                            : MigrationVersion.fromVersion(m.group(2).replace('_', '.'));
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    out.add(new ExpandContract.Migration(version, name,
                            name.endsWith(".java") ? SqlScript.ofJava(text) : SqlScript.ofSql(text)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the migrations in " + folder.toAbsolutePath(), e);
            }
        }
        // Versioned first, by version; repeatable ones after them, as Flyway runs them.
        out.sort(Comparator.comparing(ExpandContract.Migration::version,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }
}
