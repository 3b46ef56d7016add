package org.privacygateway.upgrade;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.MigrationVersion;

/**
 * The expand/contract rule over the migrations newer than the previous release: nothing in them may break that
 * release while its replicas still run on the new schema. Expanding (new tables, new nullable or defaulted columns,
 * new plain indexes, data fixes) is always allowed; contracting (dropping, renaming, changing a type, tightening
 * what a write must satisfy) only once no release from the previous one on uses the object, which the migration says
 * with a marker comment {@code contract <object> since V<n>}: the release whose migrations end at {@code V<n>} was the
 * first that no longer used it, and that release must be the previous one or older.
 *
 * <p>Objects created by the newer migrations themselves (a table, a column, an index) are the new release's own: the
 * previous release never saw them, so changing them is not checked.
 */
final class ExpandContract {

    /** One statement that breaks the previous release, and why. */
    record Finding(String migration, String statement, String object, String problem) {
        @Override
        public String toString() {
            return migration + ": " + problem + " (" + statement + ")";
        }
    }

    /** A migration by version (null for a repeatable one), file name, and statements with comments. */
    record Migration(MigrationVersion version, String name, SqlScript script) {
    }

    private static final String ID = "[a-z_][a-z0-9_$]*";
    private static final String NAME = "(?:" + ID + "\\.)?(" + ID + ")";
    private static final Pattern MARKER = Pattern.compile(
            "\\bcontract\\s+(" + ID + "(?:\\." + ID + ")?)\\s+since\\s+v(\\d+(?:[._]\\d+)*)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^create (?:(?:global |local )?(?:temporary |temp |unlogged ))?table (?:if not exists )?" + NAME + ".*");
    private static final Pattern CREATE_OTHER = Pattern.compile("^create (?:or replace )?(?:sequence|view"
            + "|materialized view|function|procedure|trigger|type|domain) (?:if not exists )?" + NAME + "\\b.*");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^create (unique )?index (?:concurrently )?(?:if not exists )?(?:" + NAME + " )?on (?:only )?" + NAME + ".*");
    private static final Pattern DROP = Pattern.compile("^drop (table|view|materialized view|sequence|index|function"
            + "|procedure|trigger|type|domain|schema|rule|policy) (?:concurrently )?(?:if exists )?(.+?)"
            + "(?: cascade| restrict)?$");
    private static final Pattern TRUNCATE = Pattern.compile(
            "^truncate (?:table )?(?:only )?(.+?)(?: restart identity| continue identity)?(?: cascade| restrict)?$");
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^alter table (?:if exists )?(?:only )?" + NAME + "(?: \\*)? (.+)$");
    private static final Pattern ALTER_OTHER = Pattern.compile("^alter (index|sequence|view|materialized view|function"
            + "|procedure|trigger|type|domain|schema) (?:if exists )?" + NAME + "\\b(.*)$");

    private static final Pattern DROP_CONSTRAINT = Pattern.compile("^drop constraint (?:if exists )?" + NAME + ".*");
    private static final Pattern DROP_PRIMARY_KEY = Pattern.compile("^drop primary key.*");
    private static final Pattern DROP_COLUMN = Pattern.compile("^drop (?:column )?(?:if exists )?" + NAME + ".*");
    private static final Pattern RENAME_TABLE = Pattern.compile("^rename to .*");
    private static final Pattern RENAME_CONSTRAINT = Pattern.compile("^rename constraint " + NAME + " to .*");
    private static final Pattern RENAME_COLUMN = Pattern.compile("^rename (?:column )?" + NAME + " to .*");
    private static final Pattern ALTER_COLUMN = Pattern.compile("^alter (?:column )?" + NAME + " (.*)$");
    private static final Pattern ADD_CONSTRAINT = Pattern.compile("^add constraint " + NAME + " .*");
    private static final Pattern ADD_TABLE_CONSTRAINT = Pattern.compile("^add (primary key|unique|check|foreign key|exclude)\\b.*");
    private static final Pattern ADD_COLUMN = Pattern.compile("^add (?:column )?(?:if not exists )?" + NAME + " (.*)$");
    private static final Pattern DISABLE_TRIGGER = Pattern.compile("^disable (?:trigger|rule)\\b.*");

    private ExpandContract() {
    }

    /** The statements of {@code migrations} (in the order they run) that break the release at {@code previous}. */
    static List<Finding> check(List<Migration> migrations, MigrationVersion previous) {
        Set<String> own = new HashSet<>();
        Set<String> ownColumns = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (Migration m : migrations) {
            Map<String, MigrationVersion> markers = markers(m.script().comments());
            for (String statement : m.script().statements()) {
                for (Breach b : breaches(normalize(statement), own, ownColumns)) {
                    // A constraint or an index may be named alone or with its table ("consent.consent_key").
                    MigrationVersion since = markers.getOrDefault(b.object(), markers.get(b.table() + "." + b.object()));
                    String shown = shorten(statement);
                    if (since == null) {
                        findings.add(new Finding(m.name(), shown, b.object(), b.what() + ", which the previous"
                                + " release (V" + previous + ") may still use. Expand now; contract in a later"
                                + " release, with the comment 'contract " + b.object() + " since V<n>' naming the first"
                                + " release that no longer uses it (docs/upgrades.md)"));
                    } else if (since.isNewerThan(previous.getVersion())) {
                        findings.add(new Finding(m.name(), shown, b.object(), b.what() + ": the marker says the"
                                + " release at V" + since + " stopped using it, but the release running beside this"
                                + " one during the update is the one at V" + previous + ", which still does"));
                    }
                }
            }
        }
        return findings;
    }

    private record Breach(String object, String table, String what) {
    }

    /** What {@code s} breaks; records what it creates in {@code own} (names) and {@code ownColumns} (table.column). */
    private static List<Breach> breaches(String s, Set<String> own, Set<String> ownColumns) {
        List<Breach> out = new ArrayList<>();
        Matcher m;
        if ((m = CREATE_TABLE.matcher(s)).matches() || (m = CREATE_OTHER.matcher(s)).matches()) {
            own.add(m.group(1));
        } else if ((m = CREATE_INDEX.matcher(s)).matches()) {
            String table = m.group(3);
            if (m.group(2) != null) {
                own.add(m.group(2));
            }
            if (m.group(1) != null && !own.contains(table)) {
                out.add(new Breach(m.group(2) == null ? table : m.group(2), table,
                        "creates a unique index on " + table + ": the previous release may write rows it refuses"));
            }
        } else if ((m = DROP.matcher(s)).matches()) {
            String kind = m.group(1);
            for (String target : splitTopLevel(m.group(2))) {
                String name = target.replaceAll("\\(.*", "").replaceAll(" on .*", "").strip();
                name = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
                String onTable = target.contains(" on ") ? lastName(target.substring(target.indexOf(" on ") + 4)) : null;
                if (!own.contains(name) && (onTable == null || !own.contains(onTable))) {
                    out.add(new Breach(name, onTable == null ? name : onTable, "drops " + kind + " " + name));
                }
            }
        } else if ((m = TRUNCATE.matcher(s)).matches()) {
            for (String target : splitTopLevel(m.group(1))) {
                String name = lastName(target);
                if (!own.contains(name)) {
                    out.add(new Breach(name, name, "empties table " + name));
                }
            }
        } else if ((m = ALTER_TABLE.matcher(s)).matches()) {
            String table = m.group(1);
            for (String action : splitTopLevel(m.group(2))) {
                Breach b = alterTableAction(table, action, ownColumns);
                if (b != null && !own.contains(table) && !ownColumns.contains(b.object())) {
                    out.add(b);
                }
            }
        } else if ((m = ALTER_OTHER.matcher(s)).matches()) {
            String rest = m.group(3);
            boolean ours = own.contains(m.group(2));
            if (!ours && rest.matches("^ rename\\b.*")) {
                out.add(new Breach(m.group(2), m.group(2), "renames " + m.group(1) + " " + m.group(2)));
            } else if (!ours && m.group(1).equals("sequence")
                    && rest.matches(".*\\b(restart|as|increment|maxvalue)\\b.*")) {
                out.add(new Breach(m.group(2), m.group(2), "changes how sequence " + m.group(2) + " counts"));
            }
        }
        return out;
    }

    private static Breach alterTableAction(String table, String action, Set<String> ownColumns) {
        Matcher m;
        if ((m = DROP_CONSTRAINT.matcher(action)).matches()) {
            return new Breach(m.group(1), table, "drops constraint " + m.group(1) + " of " + table);
        } else if (DROP_PRIMARY_KEY.matcher(action).matches()) {
            return new Breach(table, table, "drops the primary key of " + table);
        } else if ((m = DROP_COLUMN.matcher(action)).matches()) {
            return new Breach(table + "." + m.group(1), table, "drops column " + table + "." + m.group(1));
        } else if (RENAME_TABLE.matcher(action).matches()) {
            return new Breach(table, table, "renames table " + table);
        } else if ((m = RENAME_CONSTRAINT.matcher(action)).matches()) {
            return new Breach(m.group(1), table, "renames constraint " + m.group(1) + " of " + table);
        } else if ((m = RENAME_COLUMN.matcher(action)).matches()) {
            return new Breach(table + "." + m.group(1), table, "renames column " + table + "." + m.group(1));
        } else if ((m = ADD_CONSTRAINT.matcher(action)).matches()) {
            return new Breach(m.group(1), table, "adds constraint " + m.group(1) + " to " + table
                    + ": the previous release may write rows it refuses");
        } else if ((m = ADD_TABLE_CONSTRAINT.matcher(action)).matches()) {
            return new Breach(table, table, "adds a " + m.group(1) + " constraint to " + table
                    + ": the previous release may write rows it refuses");
        } else if ((m = ADD_COLUMN.matcher(action)).matches()) {
            String column = table + "." + m.group(1);
            String definition = m.group(2);
            boolean required = definition.matches(".*\\bnot null\\b.*") || definition.matches(".*\\bprimary key\\b.*");
            boolean filled = definition.matches(".*\\b(default|generated)\\b.*");
            if (required && !filled) {
                return new Breach(column, table, "adds column " + column + " as NOT NULL without a DEFAULT: the previous"
                        + " release's inserts leave it out");
            }
            ownColumns.add(column);
            return null;
        } else if ((m = ALTER_COLUMN.matcher(action)).matches()) {
            String column = table + "." + m.group(1);
            String change = m.group(2);
            if (change.matches("^(set data )?type\\b.*")) {
                return new Breach(column, table, "changes the type of " + column);
            } else if (change.matches("^set not null\\b.*")) {
                return new Breach(column, table, "makes " + column + " NOT NULL: the previous release may write nulls");
            } else if (change.matches("^drop default\\b.*")) {
                return new Breach(column, table, "drops the default of " + column + ": the previous release's inserts may"
                        + " rely on it");
            }
            return null;
        } else if (DISABLE_TRIGGER.matcher(action).matches()) {
            return new Breach(table, table, "disables a trigger of " + table + " the previous release relies on");
        }
        return null;
    }

    /** Markers of one migration: object (lower case) to the version of the first release that no longer uses it. */
    static Map<String, MigrationVersion> markers(List<String> comments) {
        Map<String, MigrationVersion> markers = new HashMap<>();
        for (String comment : comments) {
            Matcher m = MARKER.matcher(comment);
            while (m.find()) {
                String object = m.group(1).toLowerCase(Locale.ROOT);
                markers.put(object, MigrationVersion.fromVersion(m.group(2).replace('_', '.')));
            }
        }
        return markers;
    }

    /** Lower case, one space between words, no identifier quotes, no space inside or before parentheses. */
    static String normalize(String statement) {
        return statement.toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\s+", " ").strip();
    }

    private static String lastName(String target) {
        String name = target.strip().split(" ")[0];
        return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
    }

    /** Splits at commas outside parentheses and quotes. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }

    private static String shorten(String statement) {
        String one = statement.replaceAll("\\s+", " ").strip();
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }
}
