package org.privacygateway.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one check every negative response of the suite goes through: no stack trace, no exception or class name, no
 * SQL, no file path. {@link GraphQL} runs it on every response that has errors or a status of 400 and above.
 */
public final class ErrorHygiene {

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\("),           // stack frame
            Pattern.compile("(?i)[A-Za-z]*Exception\\b"),                      // exception names
            Pattern.compile("\\b(java|javax|jakarta|org|io|com|graphql)\\.[a-z]+\\.[A-Za-z]"), // qualified class names
            Pattern.compile("(?i)\\bselect\\b[^\"]*\\bfrom\\b"),                // SQL
            Pattern.compile("(?i)\\b(insert into|delete from|update \\w+ set)\\b"),
            Pattern.compile("(?i)sqlstate|jdbc:|hibernate|postgres"),
            Pattern.compile("(/[\\w.-]+){2,}\\.(java|class|jar)\\b"),          // file paths
            Pattern.compile("(?i)/(work|home|tmp|usr|root)/[\\w.-]+"));

    private ErrorHygiene() {
    }

    public static void check(int status, String body) {
        if (body == null) {
            return;
        }
        boolean negative = status >= 400 || body.contains("\"errors\"");
        if (!negative) {
            return;
        }
        for (Pattern p : FORBIDDEN) {
            if (p.matcher(body).find()) {
                fail("A negative response (HTTP " + status + ") shows internals (" + p.pattern() + "): " + body);
            }
        }
    }
}
