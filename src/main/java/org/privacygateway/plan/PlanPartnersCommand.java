package org.privacygateway.plan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import io.quarkus.runtime.QuarkusApplication;

import org.privacygateway.partner.DeclarationChange;
import org.privacygateway.partner.PartnerFileException;

/**
 * {@code plan-partners [--accept] [FOLDER]}: prints what applying the partner files would change, against the
 * configured database, and exits non-zero when it would take fields away from members who are served them now,
 * unless {@code --accept} is given. Reads only: started with no HTTP server, no scheduler, no migration and no
 * start-up work ({@link #prepare()}).
 */
@ApplicationScoped
public class PlanPartnersCommand implements QuarkusApplication {

    public static final String COMMAND = "plan-partners";

    /** Nothing to apply, nothing in use masked, or masking accepted. */
    public static final int OK = 0;
    /**
     * The plan would mask fields members are served now, and {@code --accept} was not given. Not 1: a run that fails
     * (the database unreachable) exits 1, and must not read as "accept needed".
     */
    public static final int MASKS_FIELDS_IN_USE = 5;
    /** Wrong usage. */
    public static final int USAGE_ERROR = 2;
    /** A file is invalid, or a change is refused (a raised level, a file for an API partner). */
    public static final int REFUSED = 3;
    /** The database's schema is older than this gateway's: its migrations have not run. */
    public static final int DATABASE_BEHIND = 4;

    static final String USAGE = """
            Usage: java -jar quarkus-run.jar plan-partners [--accept] [FOLDER]

            Compares every FOLDER/<id>.yaml partner file (default FOLDER: partners) with what the configured database
            holds, and prints per partner what applying the files (at the next start) would change: requests added,
            removed or narrowed, with how many members are served each field now and would have it masked (or only in
            part) afterwards; raised levels (refused); reworded justifications; other settings. No member data is
            printed, only counts. Nothing is written: no migration, no partner sync, no HTTP server.

            Exit status:
              0  nothing would be masked for anyone served now (or --accept was given)
              1  the command failed (the database unreachable, a bad setting: see the log)
              2  wrong usage
              3  a file is invalid or a change is refused (a raised level; a file for an admin-API partner)
              4  the database's schema is older than this gateway (run the gateway's migrations first)
              5  fields in use would be masked or narrowed (re-run with --accept once that is intended)
              -h, --help   print this help and exit
              --accept     exit 0 even when fields in use would be masked
            """;

    @Inject
    DeclarationPlanner planner;

    @Inject
    Flyway flyway;

    /** True when the arguments ask for the plan rather than the server. */
    public static boolean requested(String... args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    /**
     * What the one-off run needs set before Quarkus starts: runtime settings only, each unless already given. The
     * database and its credentials come from the usual configuration (GATEWAY_DB_URL ...).
     */
    public static void prepare() {
        setIfAbsent("quarkus.http.host-enabled", "false");
        setIfAbsent("quarkus.scheduler.enabled", "false");
        setIfAbsent("quarkus.flyway.migrate-at-start", "false");
        setIfAbsent("gateway.start-up-work", "false");
        // No token is checked: no identity provider is needed or contacted.
        setIfAbsent("quarkus.oidc.tenant-enabled", "false");
        setIfAbsent("quarkus.oidc.consent.tenant-enabled", "false");
        setIfAbsent("quarkus.log.level", "WARN");
        setIfAbsent("quarkus.banner.enabled", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public int run(String... args) {
        List<String> rest = Arrays.asList(args);
        if (!rest.isEmpty() && COMMAND.equals(rest.get(0))) {
            rest = rest.subList(1, rest.size());
        }
        return main(rest, System.out, System.err);
    }

    /** @return the exit status (see {@link #USAGE}) */
    public int main(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE);
            return OK;
        }
        boolean accept = args.contains("--accept");
        List<String> folders = new ArrayList<>(args);
        folders.remove("--accept");
        if (folders.size() > 1 || (!folders.isEmpty() && folders.get(0).startsWith("-"))) {
            err.println("plan-partners takes --accept and at most one folder.");
            err.print(USAGE);
            return USAGE_ERROR;
        }
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length > 0) {
            err.printf("The database's schema is older than this gateway: %d migration(s) not applied, the first %s"
                    + " (%s). Start the gateway (it migrates at start) or run its migrations, then plan again.%n",
                    pending.length, pending[0].getVersion(), pending[0].getDescription());
            return DATABASE_BEHIND;
        }
        Path folder = Path.of(folders.isEmpty() ? "partners" : folders.get(0));
        List<DeclarationPlan> plans;
        try {
            plans = planner.planFolder(folder);
        } catch (PartnerFileException e) {
            for (PartnerFileException.Problem problem : e.problems()) {
                err.println("invalid " + problem.describe());
            }
            err.printf("%d problem(s) in %s: nothing planned%n", e.problems().size(), folder);
            return REFUSED;
        }
        print(plans, folder, out);
        boolean refused = plans.stream().anyMatch(DeclarationPlan::refused);
        boolean masks = plans.stream().anyMatch(DeclarationPlan::masksFieldsInUse);
        if (refused) {
            for (DeclarationPlan p : plans) {
                p.problems().forEach(problem -> err.println("refused " + problem));
            }
            err.println("Refused: the files cannot be applied as they are (the gateway would not start with them).");
            return REFUSED;
        }
        if (masks && !accept) {
            err.println("Fields members are served now would be masked or narrowed (counts above). If that is"
                    + " intended, run again with --accept.");
            return MASKS_FIELDS_IN_USE;
        }
        if (masks) {
            out.println("Accepted: fields in use will be masked or narrowed when the files are applied.");
        }
        return OK;
    }

    /** The plan as a table per partner: changes and member counts, no member data. */
    static void print(List<DeclarationPlan> plans, Path folder, PrintStream out) {
        out.printf("Plan for %s against the database%n", folder);
        int changed = 0;
        for (DeclarationPlan plan : plans) {
            out.println();
            out.printf("%s  %s  (%s)%n", plan.partnerId(), plan.status(), plan.source());
            if (plan.rows().isEmpty()) {
                out.println("  no change");
                continue;
            }
            changed++;
            out.printf("  %-22s %-13s %-19s %-20s %8s %9s%n", "change", "category", "purpose", "before -> after",
                    "masked", "narrowed");
            for (DeclarationPlan.Row row : plan.rows()) {
                DeclarationChange c = row.change();
                boolean request = c.category() != null;
                String what = request ? orDash(c.before()) + " -> " + orDash(c.after()) : "";
                String counts = c.masks() ? String.format("%8d %9d", row.membersMasked(), row.membersNarrowed())
                        : c.kind() == DeclarationChange.Kind.REQUEST_ADDED ? "(none until members consent)"
                        : c.refused() ? "REFUSED" : "";
                if (c.kind() == DeclarationChange.Kind.JUSTIFICATION_CHANGED) {
                    what = "reworded";
                }
                out.printf("  %-22s %-13s %-19s %-20s %s%n", label(c.kind()), request ? c.category() : "",
                        request ? c.purpose() : "", what, counts);
                if (!request && c.detail() != null && c.kind() == DeclarationChange.Kind.SETTING_CHANGED) {
                    out.printf("      %s: %s -> %s%n", c.detail(), orDash(c.before()), orDash(c.after()));
                } else if (c.kind() == DeclarationChange.Kind.JUSTIFICATION_CHANGED) {
                    out.printf("      now: %s%n", c.after());
                }
            }
        }
        out.println();
        int masked = plans.stream().flatMap(p -> p.rows().stream()).mapToInt(DeclarationPlan.Row::membersMasked).sum();
        int narrowed = plans.stream().flatMap(p -> p.rows().stream()).mapToInt(DeclarationPlan.Row::membersNarrowed)
                .sum();
        out.printf("%d partner(s) with changes, %d unchanged; fields masked for members served them now: %d,"
                + " narrowed to PARTIAL: %d (a member counts once per category and purpose)%n", changed,
                plans.size() - changed, masked, narrowed);
    }

    private static String label(DeclarationChange.Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
