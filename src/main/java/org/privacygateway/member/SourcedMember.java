package org.privacygateway.member;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.MemberValues;

/**
 * What a member source says about one member, for one request only: never kept beyond it.
 *
 * @param values         the stored values, any of which may be null
 * @param birthDate      the source's birth date, or null
 * @param collectedUnder per category, the policy version in force when the value was collected or last confirmed
 */
public record SourcedMember(MemberValues values, LocalDate birthDate, Map<DataCategory, Integer> collectedUnder) {

    /**
     * The facts the decision reads, from this source and the gateway's own row: the younger of the two birth dates
     * (a member either side records as a minor is a minor), and per category the later of the two policy versions
     * (the source's collection or the gateway's record of the member confirming it).
     */
    public static Merged merge(Member row, SourcedMember sourced) {
        LocalDate birth = younger(row.birthDate, sourced.birthDate());
        Map<DataCategory, Integer> under = new EnumMap<>(DataCategory.class);
        under.putAll(sourced.collectedUnder());
        row.collectedUnder().forEach((c, v) -> under.merge(c, v, Math::max));
        return new Merged(sourced.values(), birth, under);
    }

    /** The merged facts of one member. */
    public record Merged(MemberValues values, LocalDate birthDate, Map<DataCategory, Integer> collectedUnder) {
    }

    static LocalDate younger(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
