package org.privacygateway.partner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The stand-alone partner file check: the same rules as at start, for partners' and admins' own CI. */
public final class PartnerValidation {

    public static final String COMMAND = "validate-partners";

    private PartnerValidation() {
    }

    /** @return the process exit code: 0 when every file is valid, 1 on the first problem */
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
            err.println("invalid " + e.getMessage());
            return 1;
        }
    }
}
