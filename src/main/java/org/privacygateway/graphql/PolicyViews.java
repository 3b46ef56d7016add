package org.privacygateway.graphql;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.privacygateway.error.Inputs;
import org.privacygateway.error.SafeText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.AudienceStats;
import org.privacygateway.policy.PolicyVersion;

/** Types for policy versions, audience statistics, disclosures and guardian requests. */
public final class PolicyViews {

    private PolicyViews() {
    }

    @Name("PolicyMatrixEntry")
    public record MatrixEntry(@NonNull DataCategory category, @NonNull List<@NonNull Purpose> purposes) {
    }

    @Name("PolicyVersion")
    @Description("A version of the gateway's privacy policy and the (category, purpose) pairs partners may receive under it.")
    public record PolicyVersionView(@NonNull int version, @NonNull String url, @NonNull String summary,
            @NonNull Instant publishedAt, @NonNull Instant effectiveAt, @NonNull List<@NonNull MatrixEntry> matrix) {

        static PolicyVersionView of(PolicyVersion v) {
            List<MatrixEntry> matrix = new ArrayList<>();
            v.matrix().asMap().forEach((c, purposes) -> {
                if (!purposes.isEmpty()) {
                    matrix.add(new MatrixEntry(c, purposes.stream().sorted().toList()));
                }
            });
            return new PolicyVersionView(v.version, v.url, v.summary, v.publishedAt, v.effectiveAt, matrix);
        }
    }

    @Name("PrivacyPolicy")
    public record PrivacyPolicy(@NonNull PolicyVersionView current, @NonNull List<@NonNull PolicyVersionView> upcoming) {
    }

    @Input("PolicyMatrixEntryInput")
    public static class MatrixEntryInput {
        @NonNull
        public DataCategory category;
        @NonNull
        public List<@NonNull Purpose> purposes;
    }

    @Input("PolicyVersionInput")
    public static class PolicyVersionInput {
        @NonNull
        public Integer version;
        @NonNull
        @SafeText(max = Inputs.URL)
        @Pattern(regexp = Inputs.HTTPS_URL_PATTERN,
                message = "must be an https:// URL that names its host plainly: no user information (nothing before an '@' ahead of the host), and a port, if any, from 1 to 65535")
        public String url;
        @NonNull
        @NotBlank(message = "is required: members read it in the change notice")
        @SafeText(max = Inputs.SUMMARY, multiLine = true)
        public String summary;
        @NonNull
        @Description("ISO-8601 instant; at least gateway.policy.notice-days and at most gateway.policy.max-lead-days after publication")
        public Instant effectiveAt;
        @NonNull
        public List<@NonNull MatrixEntryInput> matrix;

        Map<DataCategory, Set<Purpose>> matrixMap() {
            Map<DataCategory, Set<Purpose>> map = new EnumMap<>(DataCategory.class);
            for (MatrixEntryInput e : matrix) {
                map.computeIfAbsent(e.category, c -> EnumSet.noneOf(Purpose.class)).addAll(e.purposes);
            }
            return map;
        }
    }

    @Input("DisclosureInput")
    public static class DisclosureInput {
        @NonNull
        @Id
        public String memberId;
        @NonNull
        public List<@NonNull DataCategory> categories;
        @NonNull
        @NotBlank(message = "is required: say who received the data")
        @SafeText(max = Inputs.NAME)
        public String recipient;
        @NonNull
        @NotBlank(message = "is required: a disclosure without a legal basis cannot be recorded")
        @SafeText(max = Inputs.NAME)
        public String legalBasis;
        @NonNull
        @NotBlank(message = "is required: give the order's or request's reference")
        @SafeText(max = Inputs.NAME)
        public String reference;
    }

    @Input("GuardianRequestInput")
    public static class GuardianRequestInput {
        @NonNull
        @Id
        public String memberId;
        @NonNull
        @NotBlank(message = "is required: give the guardian request's reference")
        @SafeText(max = Inputs.NAME)
        public String reference;
    }

    @Input("BirthDateCorrectionInput")
    @Description("A member's birth date as a parent or guardian verified it.")
    public static class BirthDateCorrectionInput {
        @NonNull
        @Id
        public String memberId;
        @NonNull
        public java.time.LocalDate birthDate;
        @NonNull
        @Description("The reference of the parent's or guardian's verification; required.")
        @NotBlank(message = "is required: the reference of the parent's or guardian's verification")
        @SafeText(max = Inputs.NAME)
        public String verificationReference;
    }

    @Name("AudienceBucket")
    public record Bucket(@NonNull String key, @NonNull int count) {
    }

    @Name("AudienceStats")
    @Description("Aggregates only, from the latest daily snapshot (never live): members with a live ANALYTICS consent,"
            + " minors excluded. Every count is rounded to the nearest multiple of `rounding`; buckets under k are left"
            + " out, with no count of them.")
    public record AudienceStatsView(@Description("Rounded; null when under k") Integer total, @NonNull int k,
            @NonNull @Description("Every count is rounded to the nearest multiple of this") int rounding,
            @NonNull List<@NonNull Bucket> byCountry, @NonNull List<@NonNull Bucket> byAgeBand,
            @NonNull @Description("Start of the period the snapshot belongs to") Instant periodStart,
            @NonNull @Description("When the snapshot was taken; the figures do not change before the next period") Instant takenAt) {

        static AudienceStatsView of(AudienceStats.Result r) {
            return new AudienceStatsView(r.total(), r.k(), r.rounding(),
                    r.byCountry().stream().map(b -> new Bucket(b.key(), b.count())).toList(),
                    r.byAgeBand().stream().map(b -> new Bucket(b.key(), b.count())).toList(),
                    r.periodStart(), r.takenAt());
        }
    }
}
