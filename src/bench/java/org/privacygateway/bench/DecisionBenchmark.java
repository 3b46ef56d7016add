package org.privacygateway.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.privacygateway.masking.ConsentState;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.MemberFacts;
import org.privacygateway.masking.PartnerTerms;
import org.privacygateway.masking.PolicyBook;
import org.privacygateway.masking.PolicyMatrix;
import org.privacygateway.masking.Purpose;

/** The masking decision alone: one member, all six categories, per call. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark {

    MemberFacts member;
    PartnerTerms terms;
    PolicyBook book;
    Instant now;

    @Setup
    public void setUp() {
        now = Instant.parse("2026-11-28T12:00:00Z");
        Map<DataCategory, Set<Purpose>> all = new EnumMap<>(DataCategory.class);
        for (DataCategory c : DataCategory.values()) {
            all.put(c, EnumSet.allOf(Purpose.class));
        }
        book = new PolicyBook(new PolicyMatrix(2, all), List.of(new PolicyMatrix(1, all)));
        PartnerTerms.Builder t = PartnerTerms.builder();
        for (DataCategory c : DataCategory.values()) {
            t.declare(c, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
        }
        terms = t.build();
        MemberFacts.Consents consents = new MemberFacts.Consents()
                .put(DataCategory.NAME, Purpose.ORDER_FULFILLMENT, new ConsentState(DisclosureLevel.FULL, now.plusSeconds(3600)))
                .put(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, new ConsentState(DisclosureLevel.PARTIAL, now.plusSeconds(3600)))
                .put(DataCategory.PHONE, Purpose.ORDER_FULFILLMENT, new ConsentState(DisclosureLevel.FULL, now.minusSeconds(5)));
        member = new MemberFacts(false, LocalDate.of(1980, 1, 1), false, Set.of(DataCategory.COMPANY),
                Map.of(DataCategory.NAME, 1, DataCategory.EMAIL, 2), consents);
    }

    @Benchmark
    public EnumMap<DataCategory, FieldDecision> decideOneMember() {
        return DisclosureDecision.decide(member, terms, Purpose.ORDER_FULFILLMENT, book, now);
    }
}
