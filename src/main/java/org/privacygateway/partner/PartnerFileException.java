package org.privacygateway.partner;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Partner files that cannot be applied: each problem says which file, which line, which field and why, in words a
 * partner manager can act on. The first problem (by file, then line) is also available on its own.
 */
public class PartnerFileException extends RuntimeException {

    /** One problem. {@code line} is 1-based, or 0 when there is no line to point at (a folder, an API input). */
    public record Problem(String file, int line, String field, String reason) {

        /** {@code partners/a.yaml:7: field 'policyUrl': must be ...}: the form editors and CI logs link to. */
        public String describe() {
            return file + (line > 0 ? ":" + line : "") + ": field '" + field + "': " + reason;
        }
    }

    private final List<Problem> problems;

    public PartnerFileException(String file, String field, String reason) {
        this(List.of(new Problem(file, 0, field, reason)));
    }

    public PartnerFileException(String file, int line, String field, String reason) {
        this(List.of(new Problem(file, line, field, reason)));
    }

    public PartnerFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::describe).collect(Collectors.joining("\n")), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a partner file exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    public String file() {
        return problems.get(0).file();
    }

    public int line() {
        return problems.get(0).line();
    }

    public String field() {
        return problems.get(0).field();
    }

    public String reason() {
        return problems.get(0).reason();
    }
}
