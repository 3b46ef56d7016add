package org.privacygateway.upgrade;

import java.util.Set;

import org.flywaydb.core.api.MigrationVersion;

/**
 * The release that runs beside this one while a rolling update replaces its replicas: the one place that says which
 * it is. Every migration newer than {@link #SCHEMA} must leave that release working (docs/upgrades.md).
 *
 * <p>At each release, move it: set {@link #SCHEMA} to the newest migration of the release being shipped, and replace
 * {@link #DATA} and {@link #QUERIES} with that release's data and statements (every table it has, every statement
 * its code issues).
 */
final class PreviousRelease {

    /** The newest migration of the previous release: its schema is the database an upgrade starts from. */
    static final MigrationVersion SCHEMA = MigrationVersion.fromVersion("9");

    /** Rows as the previous release wrote them, in every table of its schema. */
    static final String DATA = "upgrade/previous-release-data.sql";

    /** The SQL the previous release's code issues, each with the rows it must find in {@link #DATA}. */
    static final String QUERIES = "upgrade/previous-release-queries.sql";

    /**
     * Columns ({@code table.column}) whose stored values a migration since the previous release rewrites on purpose,
     * each reviewed as harmless to that release: the upgrade test does not compare their values. Emptied when
     * {@link #SCHEMA} moves.
     */
    static final Set<String> REWRITTEN = Set.of();

    private PreviousRelease() {
    }
}
