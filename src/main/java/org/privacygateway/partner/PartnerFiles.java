package org.privacygateway.partner;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.privacygateway.error.Inputs;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/**
 * Reads and validates a folder of partner files. Pure file work, no database: the same code runs at start and in
 * the stand-alone validator.
 *
 * <p>What one partner must meet on its own is {@code partners/partner.schema.json}, applied by {@link PartnerSchema}.
 * Here are only the rules a schema cannot say: the file name is the id; ids, client ids and hosts are unique across
 * files; a (category, purpose) is declared once; the payment card at FULL only for a payment processor's payment
 * processing; and text that a database could not store, or that hides what it says (see {@link Inputs}). Every problem of every file is reported, each with its
 * file, line, field and reason.
 */
public final class PartnerFiles {

    public static final String PAYMENT_PROCESSOR_KIND = "payment-processor";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Long enough never to be the binding rule: the schema holds every length. */
    private static final int NO_LENGTH_LIMIT = 1 << 20;

    private PartnerFiles() {
    }

    /** Every {@code *.yaml} file of the folder, checked against the shipped schema and each other. */
    public static List<PartnerFile> readFolder(Path dir) {
        return readFolder(dir, PartnerSchema.shipped());
    }

    /** Every {@code *.yaml} file of the folder, in file-name order, validated alone and against each other. */
    public static List<PartnerFile> readFolder(Path dir, PartnerSchema schema) {
        if (!Files.isDirectory(dir)) {
            throw new PartnerFileException(dir.toString(), "(folder)",
                    Files.exists(dir) ? "is not a folder" : "does not exist: there must be a folder of partner files");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new PartnerFileException(dir.toString(), "(folder)", "cannot be listed");
        }
        if (files.isEmpty()) {
            throw new PartnerFileException(dir.toString(), "(folder)",
                    "holds no partner files (<id>.yaml): at least one partner is needed");
        }
        List<PartnerFileException.Problem> problems = new ArrayList<>();
        List<PartnerFile> partners = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        Map<String, String> clientIds = new HashMap<>();
        Map<String, String> hosts = new HashMap<>();
        for (Path file : files) {
            String name = file.toString();
            Parsed parsed;
            try {
                parsed = parse(file, schema);
            } catch (PartnerFileException e) {
                problems.addAll(e.problems());
                continue;
            }
            PartnerFile partner = parsed.partner();
            String other = ids.putIfAbsent(partner.id(), name);
            if (other != null) {
                problems.add(parsed.problem("id", "'" + partner.id() + "' is already used by " + other));
            }
            other = clientIds.putIfAbsent(partner.clientId(), name);
            if (other != null) {
                problems.add(parsed.problem("clientId", "'" + partner.clientId() + "' is already used by " + other));
            }
            for (int i = 0; i < partner.hosts().size(); i++) {
                String host = partner.hosts().get(i);
                other = hosts.putIfAbsent(host, name);
                if (other != null) {
                    problems.add(parsed.problem("hosts[" + i + "]", "'" + host + "' is already used by " + other));
                }
            }
            if (partner.logo() != null) {
                try {
                    PartnerLogos.read(dir, partner.logo());
                } catch (IllegalArgumentException e) {
                    problems.add(parsed.problem("logo", e.getMessage()));
                }
            }
            partners.add(partner);
        }
        if (!problems.isEmpty()) {
            throw new PartnerFileException(problems);
        }
        return partners;
    }

    /** One file, parsed and validated on its own against the shipped schema. */
    public static PartnerFile read(Path file) {
        return parse(file, PartnerSchema.shipped()).partner();
    }

    /**
     * The problems of one partner that does not come from a file (the admin API), by the same schema and rules as a
     * file; empty when it is valid. Problems carry no file and no line.
     */
    public static List<PartnerFileException.Problem> problems(PartnerFile partner) {
        JsonNode tree = JSON.valueToTree(partner);
        return check("input", tree, null, PartnerSchema.shipped());
    }

    private record Parsed(String name, PartnerFile partner, LocatedYaml yaml) {
        PartnerFileException.Problem problem(String field, String reason) {
            return new PartnerFileException.Problem(name, yaml.lineOf(field), field, reason);
        }
    }

    private static Parsed parse(Path file, PartnerSchema schema) {
        String name = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new PartnerFileException(name, "(file)", "is not UTF-8 text");
        } catch (IOException e) {
            throw new PartnerFileException(name, "(file)", "cannot be read");
        }
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.read(text);
        } catch (LocatedYaml.SyntaxProblem e) {
            throw new PartnerFileException(name, e.line, e.field, e.getMessage());
        }
        if (yaml == null || yaml.root().isNull()) {
            throw new PartnerFileException(name, "(file)", "is empty");
        }
        List<PartnerFileException.Problem> problems = check(name, yaml.root(), yaml, schema);
        if (!problems.isEmpty()) {
            throw new PartnerFileException(problems);
        }
        PartnerFile partner = JSON.convertValue(yaml.root(), PartnerFile.class);
        String fileName = file.getFileName().toString();
        if (!fileName.equals(partner.id() + ".yaml")) {
            throw new PartnerFileException(name, yaml.lineOf("id"), "id",
                    "must match the file name: '" + partner.id() + "' belongs in " + partner.id() + ".yaml");
        }
        return new Parsed(name, partner, yaml);
    }

    /** The schema's breaches, then (only for a partner the schema accepts) the rules between fields. */
    private static List<PartnerFileException.Problem> check(String name, JsonNode tree, LocatedYaml yaml,
            PartnerSchema schema) {
        List<PartnerFileException.Problem> problems = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        // Text a database could not store (unpaired surrogates, non-characters, stray control characters) is refused
        // before any rule gets to look at, or quote, the value.
        textProblems("", tree, (field, reason) -> {
            reported.add(field);
            problems.add(problem(name, yaml, field, reason));
        });
        for (PartnerSchema.Breach b : schema.check(tree)) {
            if (!reported.contains(b.field())) {
                problems.add(problem(name, yaml, b.field(), b.reason()));
            }
        }
        if (problems.isEmpty()) {
            PartnerFile partner = JSON.convertValue(tree, PartnerFile.class);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < partner.requests().size(); i++) {
                String reason = requestProblem(partner.kind(), partner.requests().get(i), seen);
                if (reason != null) {
                    String field = "requests[" + i + "]" + (reason.startsWith("PAYMENT_CARD") ? ".level" : "");
                    problems.add(problem(name, yaml, field, reason));
                }
            }
        }
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return problems;
    }

    /** A request's rules that span its fields, or null when it meets them. */
    private static String requestProblem(String kind, PartnerFile.Request r, Set<String> seen) {
        if (!seen.add(r.category() + "/" + r.purpose())) {
            return r.category() + " for " + r.purpose() + " is declared twice";
        }
        if (r.category() == DataCategory.PAYMENT_CARD && r.level() == DisclosureLevel.FULL
                && (r.purpose() != Purpose.PAYMENT_PROCESSING || !PAYMENT_PROCESSOR_KIND.equals(kind))) {
            return "PAYMENT_CARD at FULL is allowed only to a payment-processor partner for PAYMENT_PROCESSING";
        }
        return null;
    }

    private static PartnerFileException.Problem problem(String name, LocatedYaml yaml, String field, String reason) {
        return new PartnerFileException.Problem(name, yaml == null ? 0 : yaml.lineOf(field), field, reason);
    }

    /**
     * Every text of the partner by {@link Inputs#problem}: justifications as free text, everything else (names, ids,
     * hosts, URLs, purpose words) as one line, so no invisible or text-direction character gets into what members read.
     */
    private static void textProblems(String path, JsonNode node, java.util.function.BiConsumer<String, String> report) {
        if (node.isTextual()) {
            String problem = Inputs.problem(node.asText(), NO_LENGTH_LIMIT, path.endsWith("justification"));
            if (problem != null) {
                report.accept(path.isEmpty() ? "(file)" : path, problem);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                textProblems(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), report);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                textProblems(path + "[" + i + "]", node.get(i), report);
            }
        }
    }
}
