package org.privacygateway.partner;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.privacygateway.error.Inputs;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;

/**
 * Reads and validates a folder of partner files. Pure file work, no database: the same code runs at start and in
 * the stand-alone validator. The first problem stops it, named by file, field and reason.
 */
public final class PartnerFiles {

    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    static final Pattern HOST = Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    public static final String PAYMENT_PROCESSOR_KIND = "payment-processor";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private PartnerFiles() {
    }

    /** Every {@code *.yaml} file of the folder, validated alone and against each other, in file-name order. */
    public static List<PartnerFile> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PartnerFileException(dir.toString(), "(folder)", "is not a folder of partner files");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new PartnerFileException(dir.toString(), "(folder)", "cannot be listed: " + e.getMessage());
        }
        List<PartnerFile> partners = new ArrayList<>();
        Map<String, String> clientIds = new HashMap<>();
        Map<String, String> hosts = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            PartnerFile partner = read(file);
            String name = file.toString();
            if (!ids.add(partner.id())) {
                throw new PartnerFileException(name, "id", "'" + partner.id() + "' is used by another file");
            }
            String other = clientIds.putIfAbsent(partner.clientId(), name);
            if (other != null) {
                throw new PartnerFileException(name, "clientId", "'" + partner.clientId() + "' is already used by " + other);
            }
            for (String host : partner.hosts()) {
                other = hosts.putIfAbsent(host, name);
                if (other != null) {
                    throw new PartnerFileException(name, "hosts", "'" + host + "' is already used by " + other);
                }
            }
            partners.add(partner);
        }
        return partners;
    }

    /** One file, parsed and validated on its own. */
    public static PartnerFile read(Path file) {
        String name = file.toString();
        PartnerFile partner;
        try {
            partner = YAML.readValue(file.toFile(), PartnerFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new PartnerFileException(name, fieldPath(e), "is not a known field");
        } catch (InvalidFormatException e) {
            throw new PartnerFileException(name, fieldPath(e), "'" + e.getValue() + "' is not one of "
                    + allowedValues(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw new PartnerFileException(name, fieldPath(e), "has the wrong type");
        } catch (JsonMappingException e) {
            throw new PartnerFileException(name, fieldPath(e), "cannot be read");
        } catch (IOException e) {
            throw new PartnerFileException(name, "(file)", "is not valid YAML");
        }
        if (partner == null) {
            throw new PartnerFileException(name, "(file)", "is empty");
        }
        validate(name, partner);
        String fileName = file.getFileName().toString();
        if (!fileName.equals(partner.id() + ".yaml")) {
            throw new PartnerFileException(name, "id", "must match the file name (" + partner.id() + ".yaml)");
        }
        return partner;
    }

    /** Every rule one partner must meet on its own, whether it comes from a file or the admin API. */
    public static void validate(String name, PartnerFile p) {
        text(name, "id", p.id(), Inputs.PARTNER_ID, false);
        text(name, "displayName", p.displayName(), Inputs.NAME, false);
        text(name, "kind", p.kind(), Inputs.PARTNER_ID, false);
        text(name, "clientId", p.clientId(), Inputs.NAME, false);
        text(name, "policyUrl", p.policyUrl(), Inputs.URL, false);
        text(name, "logoUrl", p.logoUrl(), Inputs.URL, false);
        text(name, "privacyContact", p.privacyContact(), Inputs.EMAIL, false);
        if (p.hosts() != null) {
            for (int i = 0; i < p.hosts().size(); i++) {
                text(name, "hosts[" + i + "]", p.hosts().get(i), Inputs.HOST, false);
            }
        }
        if (p.requests() != null) {
            for (int i = 0; i < p.requests().size(); i++) {
                PartnerFile.Request r = p.requests().get(i);
                text(name, "requests[" + i + "].justification", r == null ? null : r.justification(), Inputs.REASON, true);
            }
        }
        require(name, "id", p.id());
        if (!SLUG.matcher(p.id()).matches()) {
            throw new PartnerFileException(name, "id", "must be lower-case letters, digits and dashes");
        }
        require(name, "displayName", p.displayName());
        require(name, "kind", p.kind());
        if (!SLUG.matcher(p.kind()).matches()) {
            throw new PartnerFileException(name, "kind", "must be lower-case letters, digits and dashes");
        }
        require(name, "clientId", p.clientId());
        validateHttpsUrl(name, "policyUrl", p.policyUrl(), true);
        validateHttpsUrl(name, "logoUrl", p.logoUrl(), false);
        require(name, "privacyContact", p.privacyContact());
        if (!EMAIL.matcher(p.privacyContact()).matches()) {
            throw new PartnerFileException(name, "privacyContact", "must be an email address");
        }
        if (p.hosts() == null || p.hosts().isEmpty()) {
            throw new PartnerFileException(name, "hosts", "must list at least one co-brand host");
        }
        for (int i = 0; i < p.hosts().size(); i++) {
            String host = p.hosts().get(i);
            if (host == null || !HOST.matcher(host).matches()) {
                throw new PartnerFileException(name, "hosts[" + i + "]", "must be a lower-case host name");
            }
        }
        if (p.rateLimitPerMinute() == null || p.rateLimitPerMinute() < 1 || p.rateLimitPerMinute() > 100_000) {
            throw new PartnerFileException(name, "rateLimitPerMinute", "must be a whole number from 1 to 100000");
        }
        if (p.requests() == null || p.requests().isEmpty()) {
            throw new PartnerFileException(name, "requests", "must declare at least one request");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.requests().size(); i++) {
            validateRequest(name, "requests[" + i + "]", p.kind(), p.requests().get(i), seen);
        }
    }

    static void validateRequest(String name, String at, String kind, PartnerFile.Request r, Set<String> seen) {
        if (r == null) {
            throw new PartnerFileException(name, at, "is empty");
        }
        if (r.category() == null) {
            throw new PartnerFileException(name, at + ".category", "is required");
        }
        if (r.purpose() == null) {
            throw new PartnerFileException(name, at + ".purpose", "is required");
        }
        if (r.level() == null || r.level() == DisclosureLevel.NONE) {
            throw new PartnerFileException(name, at + ".level", "must be FULL or PARTIAL");
        }
        if (r.justification() == null || r.justification().isBlank()) {
            throw new PartnerFileException(name, at + ".justification", "is required: members read it before they decide");
        }
        if (!seen.add(r.category() + "/" + r.purpose())) {
            throw new PartnerFileException(name, at, r.category() + " for " + r.purpose() + " is declared twice");
        }
        if (r.category() == DataCategory.PAYMENT_CARD && r.level() == DisclosureLevel.FULL
                && (r.purpose() != Purpose.PAYMENT_PROCESSING || !PAYMENT_PROCESSOR_KIND.equals(kind))) {
            throw new PartnerFileException(name, at + ".level",
                    "PAYMENT_CARD at FULL is allowed only to a payment-processor partner for PAYMENT_PROCESSING");
        }
    }

    /** Column sizes and no control characters, checked before any other rule so no rule echoes a bad value. */
    private static void text(String name, String field, String value, int maxChars, boolean multiLine) {
        String problem = Inputs.problem(value, maxChars, multiLine);
        if (problem != null) {
            throw new PartnerFileException(name, field, problem);
        }
    }

    private static void require(String name, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new PartnerFileException(name, field, "is required");
        }
    }

    static void validateHttpsUrl(String name, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new PartnerFileException(name, field, "is required");
            }
            return;
        }
        try {
            URI uri = new URI(value);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new PartnerFileException(name, field, "must be an https:// URL");
            }
            // https://www.partner.example@evil.example/ leads to evil.example: a URL members read must name its
            // host plainly, so user information (anything before an '@' in the authority) is refused.
            if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
                throw new PartnerFileException(name, field, "must not contain user information (an '@' before the host)");
            }
        } catch (URISyntaxException e) {
            throw new PartnerFileException(name, field, "is not a URL");
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(file)" : path.toString();
    }

    private static String allowedValues(Class<?> type) {
        if (type != null && type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(((Enum<?>) c).name());
            }
            return String.join(", ", names);
        }
        return "the allowed values".toLowerCase(Locale.ROOT);
    }
}
