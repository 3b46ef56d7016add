package org.privacygateway.audit;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.runtime.QuarkusApplication;

/**
 * {@code java -jar ... verify-audit}: recomputes every access-log checkpoint against the configured database and
 * exits, without serving HTTP, running jobs or applying partner files (see {@link #SETTINGS}).
 */
public class VerifyAuditCommand implements QuarkusApplication {

    public static final String COMMAND = "verify-audit";

    /** Exit status when the log is intact. */
    public static final int INTACT = 0;
    /** Exit status when something was changed, deleted or inserted. */
    public static final int TAMPERED = 3;
    /** Exit status on wrong usage. */
    public static final int USAGE = 2;

    static final String HELP = """
            Usage: java -jar privacy-gateway.jar verify-audit

            Recomputes every access-log checkpoint from the configured database (the same settings as the gateway:
            GATEWAY_DB_URL, GATEWAY_AUDIT_PUBLIC_KEY, ...) and reports the first checkpoint or access event that was
            changed, deleted or inserted out of order, with its id. Starts no HTTP server and no jobs.

            Exit status: 0 intact, 3 the log was altered, 2 wrong usage; 1 when it could not run (e.g. no database).
            """;

    /** What a verify run turns off before Quarkus starts: it only reads the database. */
    public static final Map<String, String> SETTINGS = Map.of(
            "quarkus.http.host-enabled", "false",
            "quarkus.management.port", "0",
            "quarkus.scheduler.enabled", "false",
            "quarkus.flyway.migrate-at-start", "false",
            "gateway.partners.sync", "false",
            "quarkus.log.category.\"io.quarkus\".level", "WARN");

    @Inject
    AuditVerifier verifier;

    public static boolean requested(String... args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    /**
     * What the command-line arguments after {@value #COMMAND} decide before anything starts: help (exit 0) or wrong
     * usage (exit 2); empty when the check is to run.
     */
    public static java.util.OptionalInt beforeStart(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            out.print(HELP);
            return java.util.OptionalInt.of(INTACT);
        }
        if (!args.isEmpty()) {
            err.print(HELP);
            return java.util.OptionalInt.of(USAGE);
        }
        return java.util.OptionalInt.empty();
    }

    @Override
    public int run(String... args) {
        return run(List.of(args).subList(Math.min(1, args.length), args.length), System.out, System.err);
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        java.util.OptionalInt early = beforeStart(args, out, err);
        if (early.isPresent()) {
            return early.getAsInt();
        }
        AuditVerifier.Report report = verifier.verify();
        if (report.intact()) {
            out.printf("intact: %d checkpoint(s), %d sealed event(s) verified, %d purged past the retention%n",
                    report.checkpoints(), report.events(), report.purged());
            return INTACT;
        }
        out.printf("ALTERED: %s (after %d intact checkpoint(s))%n", report.problem(), report.checkpoints());
        return TAMPERED;
    }
}
