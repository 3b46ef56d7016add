package org.privacygateway.partner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The stand-alone partner file check: the same rules as at start, for partners' and admins' own CI. */
public final class PartnerValidation {

    public static final String COMMAND = "validate-partners";

    static final String USAGE = """
            Usage: java -jar privacy-gateway.jar validate-partners [FOLDER]

            Checks every FOLDER/<id>.yaml partner file (default FOLDER: partners) against the partner schema
            (partners/partner.schema.json) and against each other, without starting the gateway or touching a
            database. Prints one line per problem, as FILE:LINE: field 'FIELD': what is wrong.

            Exit status: 0 when every file is valid, 1 when a file or the folder has a problem, 2 on wrong usage.
              -h, --help   print this help and exit
            """;

    private PartnerValidation() {
    }

    /** True when the arguments ask for the partner file check rather than the server. */
    public static boolean requested(String... args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    /**
     * Runs the command with the arguments after {@value #COMMAND}.
     *
     * @return the process exit code: 0 when every file is valid, 1 on problems, 2 on wrong usage
     */
    public static int main(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE);
            return 0;
        }
        if (args.size() > 1 || (!args.isEmpty() && args.get(0).startsWith("-"))) {
            err.println("validate-partners takes at most one folder and no other option.");
            err.print(USAGE);
            return 2;
        }
        return run(Path.of(args.isEmpty() ? "partners" : args.get(0)), out, err);
    }

    /** @return the process exit code: 0 when every file is valid, 1 when any is not */
    public static int run(Path folder, PrintStream out, PrintStream err) {
        try {
            List<PartnerFile> partners = PartnerFiles.readFolder(folder);
            for (PartnerFile p : partners) {
                out.printf("ok   %s (%s, %d requests)%n", folder.resolve(p.id() + ".yaml"), p.displayName(),
                        p.requests().size());
            }
            out.printf("%d partner file(s) valid in %s%n", partners.size(), folder);
            return 0;
        } catch (PartnerFileException e) {
            for (PartnerFileException.Problem problem : e.problems()) {
                err.println("invalid " + problem.describe());
            }
            err.printf("%d problem(s) in %s%n", e.problems().size(), folder);
            return 1;
        }
    }
}
