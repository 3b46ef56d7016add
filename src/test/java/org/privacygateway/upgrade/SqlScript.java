package org.privacygateway.upgrade;

import java.util.ArrayList;
import java.util.List;

/**
 * A migration's text cut into statements and comments: semicolons end statements only outside quotes, dollar quotes
 * and comments, so a function body or a string holding {@code ;} stays one statement. A Java migration's statements
 * are its string expressions: literals joined by {@code +}, where each non-literal operand stands for a name.
 */
record SqlScript(List<String> statements, List<String> comments) {

    static SqlScript ofSql(String text) {
        List<String> statements = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                comments.add(text.substring(i + 2, end));
                current.append(' ');
                i = end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end;
                comments.add(text.substring(i + 2, end));
                current.append(' ');
                i = Math.min(n, end + 2);
            } else if (c == '\'' || c == '"') {
                int end = closing(text, i + 1, c);
                current.append(text, i, end);
                i = end;
            } else if (c == '$' && dollarTag(text, i) != null) {
                String tag = dollarTag(text, i);
                int end = text.indexOf(tag, i + tag.length());
                end = end < 0 ? n : end + tag.length();
                current.append(text, i, end);
                i = end;
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return new SqlScript(statements, comments);
    }

    /**
     * The statements a Java migration passes to JDBC, as far as its source shows them: every chain of string
     * literals (text blocks included) and names joined by {@code +}, a name standing for an identifier ({@code x}).
     * Its comments ({@code //}, {@code /* *}{@code /}) are where a contract marker goes.
     */
    static SqlScript ofJava(String source) {
        List<String> pieces = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        StringBuilder chain = null;
        boolean afterPlus = false;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                comments.add(source.substring(i + 2, end));
                i = end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end;
                comments.add(source.substring(i + 2, end));
                i = Math.min(n, end + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                String body = source.substring(source.indexOf('\n', i) + 1, end);
                chain = extend(chain, afterPlus, pieces).append(body);
                afterPlus = false;
                i = Math.min(n, end + 3);
            } else if (c == '\'') {
                // A char literal ('"' or '\\''): never part of a statement.
                i = source.indexOf('\'', i + (i + 1 < n && source.charAt(i + 1) == '\\' ? 3 : 2)) + 1;
                i = i == 0 ? n : i;
            } else if (c == '"') {
                int end = closing(source, i + 1, '"');
                chain = extend(chain, afterPlus, pieces).append(unescape(source.substring(i + 1, end - 1)));
                afterPlus = false;
                i = end;
            } else if (c == '+') {
                afterPlus = chain != null;
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < n && (Character.isJavaIdentifierPart(source.charAt(end)) || source.charAt(end) == '.')) {
                    end++;
                }
                if (afterPlus) {
                    // A name, or a call, between literals: it stands for an identifier.
                    chain.append('x');
                    afterPlus = false;
                    while (end < n && Character.isWhitespace(source.charAt(end))) {
                        end++;
                    }
                    if (end < n && source.charAt(end) == '(') {
                        int depth = 0;
                        do {
                            depth += source.charAt(end) == '(' ? 1 : source.charAt(end) == ')' ? -1 : 0;
                            end++;
                        } while (end < n && depth > 0);
                    }
                } else if (chain != null) {
                    pieces.add(chain.toString());
                    chain = null;
                }
                i = end;
            } else if (Character.isWhitespace(c) || c == ')' && chain != null && !afterPlus) {
                i++;
            } else {
                if (chain != null) {
                    pieces.add(chain.toString());
                    chain = null;
                }
                afterPlus = false;
                i++;
            }
        }
        if (chain != null) {
            pieces.add(chain.toString());
        }
        List<String> statements = new ArrayList<>();
        for (String piece : pieces) {
            statements.addAll(ofSql(piece).statements());
        }
        return new SqlScript(statements, comments);
    }

    private static StringBuilder extend(StringBuilder chain, boolean afterPlus, List<String> pieces) {
        if (chain != null && !afterPlus) {
            pieces.add(chain.toString());
            chain = null;
        }
        return chain == null ? new StringBuilder() : chain;
    }

    private static String unescape(String literal) {
        return literal.replace("%s", "x").replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
    }

    /** The index just after the quote that closes one opened before {@code from} (doubled quotes stay inside). */
    private static int closing(String text, int from, char quote) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    /** {@code $tag$} or {@code $$} starting at {@code i}, or null when the dollar is something else. */
    private static String dollarTag(String text, int i) {
        int j = i + 1;
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
            j++;
        }
        if (j < text.length() && text.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(text.charAt(i + 1)))) {
            return text.substring(i, j + 1);
        }
        return null;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            statements.add(s);
        }
        current.setLength(0);
    }
}
