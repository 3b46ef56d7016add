package org.privacygateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random members, consents, partner declarations, policy versions and purposes, no category is ever served
 * above what the rules allow. Each invariant below is one promise of the design, checked independently.
 */
class DisclosureDecisionPropertiesTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    record Scenario(MemberFacts member, Map<DataCategory, Map<Purpose, ConsentState>> consents, PartnerTerms terms,
            Map<DataCategory, Map<Purpose, DisclosureLevel>> declared, PolicyBook book, Purpose purpose) {
    }

    @Property(tries = 2000)
    void nothingIsServedAboveWhatTheRulesAllow(@ForAll("scenarios") Scenario s) {
        Map<DataCategory, FieldDecision> decisions = DisclosureDecision.decide(s.member(), s.terms(), s.purpose(), s.book(), NOW);
        if (s.member().erased()) {
            assertNull(decisions, "an erased member must be not found");
            return;
        }
        assertEquals(EnumSet.allOf(DataCategory.class), decisions.keySet());
        boolean minor = s.member().birthDate() != null
                && s.member().birthDate().plusYears(13).isAfter(LocalDate.ofInstant(NOW, java.time.ZoneOffset.UTC));
        for (DataCategory c : DataCategory.values()) {
            FieldDecision d = decisions.get(c);
            DisclosureLevel level = d.level();
            DisclosureLevel declared = s.declared().getOrDefault(c, Map.of()).get(s.purpose());
            if (level == DisclosureLevel.NONE) {
                assertFalse(d.reason() == AccessReason.PUBLIC && declared != null && declared != DisclosureLevel.NONE,
                        "masked with reason PUBLIC");
                continue;
            }
            assertFalse(minor, "served to a partner about a minor: " + d);
            assertTrue(declared != null && !level.isAbove(declared), "served above the declared level: " + d);
            assertFalse(s.purpose() == Purpose.MARKETING && s.member().marketingOptOut(), "served for marketing after opt-out");
            assertTrue(s.book().current().allows(c, s.purpose()), "served against the current policy: " + d);
            Integer collected = s.member().collectedUnder().get(c);
            if (collected != null) {
                PolicyMatrix old = s.book().version(collected);
                assertTrue(old != null && old.allows(c, s.purpose()), "served against the collecting policy: " + d);
            }
            if (c == DataCategory.PAYMENT_CARD && s.purpose() != Purpose.PAYMENT_PROCESSING) {
                assertNotEquals(DisclosureLevel.FULL, level, "card at FULL outside payment processing");
            }
            boolean isPublic = c != DataCategory.PAYMENT_CARD && s.member().publicCategories().contains(c);
            ConsentState consent = s.consents().getOrDefault(c, Map.of()).get(s.purpose());
            boolean consented = consent != null && consent.liveAt(NOW) && !level.isAbove(consent.level());
            assertTrue(isPublic || consented, "served without public data or a live consent: " + d);
            assertEquals(isPublic ? AccessReason.PUBLIC : AccessReason.CONSENTED, d.reason());
        }
    }

    @Property(tries = 1000)
    void renderingNeverShowsMoreThanTheDecidedLevel(@ForAll("scenarios") Scenario s) {
        Map<DataCategory, FieldDecision> decisions = DisclosureDecision.decide(s.member(), s.terms(), s.purpose(), s.book(), NOW);
        if (decisions == null) {
            return;
        }
        MemberValues full = new MemberValues(new PersonName("Given", "Family"), "someone@mail.example", "+1 555 0100 2233",
                new PostalAddress("1 Main St", "Town", "Region", "12345", "SE"),
                new Company("Acme", new PostalAddress("2 Work St", "Town", null, "12345", "SE")),
                new PaymentCard("tok_secret", "VISA", "4242", 12, 2030));
        MemberValues shown = Rendering.render(full, decisions);
        check(decisions.get(DataCategory.NAME), shown.name(), full.name());
        check(decisions.get(DataCategory.EMAIL), shown.email(), full.email());
        check(decisions.get(DataCategory.PHONE), shown.phone(), full.phone());
        check(decisions.get(DataCategory.ADDRESS), shown.address(), full.address());
        check(decisions.get(DataCategory.COMPANY), shown.company(), full.company());
        check(decisions.get(DataCategory.PAYMENT_CARD), shown.card(), full.card());
        if (shown.card() != null && shown.card().processorToken() != null) {
            assertEquals(Purpose.PAYMENT_PROCESSING, s.purpose(), "processor token outside payment processing");
        }
    }

    private static void check(FieldDecision d, Object shown, Object full) {
        switch (d.level()) {
            case NONE -> assertNull(shown, d.category() + " shown while masked");
            case PARTIAL -> assertNotEquals(full, shown, d.category() + " shown in full at PARTIAL");
            case FULL -> assertEquals(full, shown);
        }
    }

    private static final int CELLS = DataCategory.values().length * Purpose.values().length;

    /**
     * Dense scenarios: every (category, purpose) cell is declared, consented and allowed more often than not, so
     * the rare combinations (a card at FULL outside payment processing, old stamps under a wider policy) come up
     * in every run rather than once in a while.
     */
    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<LocalDate> birth = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.integers().between(0, 80 * 365).map(days -> LocalDate.of(2026, 11, 28).minusDays(days)));
        Arbitrary<Set<DataCategory>> publics = Arbitraries.of(DataCategory.class).set();
        Arbitrary<Map<DataCategory, Integer>> stamps = Arbitraries.maps(Arbitraries.of(DataCategory.class),
                Arbitraries.integers().between(1, 3)).ofMaxSize(6);
        Arbitrary<List<DisclosureLevel>> declared = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(DisclosureLevel.FULL)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(DisclosureLevel.PARTIAL)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(DisclosureLevel.NONE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just((DisclosureLevel) null))).list().ofSize(CELLS);
        Arbitrary<List<ConsentState>> consents = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(DisclosureLevel.FULL, DisclosureLevel.PARTIAL, DisclosureLevel.NONE)
                        .map(level -> new ConsentState(level, NOW.plus(Duration.ofDays(30))))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(DisclosureLevel.class)
                        .map(level -> new ConsentState(level, NOW.minus(Duration.ofDays(1))))),
                net.jqwik.api.Tuple.of(3, Arbitraries.just((ConsentState) null))).list().ofSize(CELLS);
        Arbitrary<PolicyBook> book = Combinators.combine(matrix(1), matrix(2), Arbitraries.of(true, false))
                .as((v1, v2, two) -> two ? new PolicyBook(v2, List.of(v1)) : new PolicyBook(v1, List.of()));
        return Builders.withBuilder(ScenarioBuilder::new)
                .use(Arbitraries.of(true, false, false, false, false)).in((b, v) -> { b.erased = v; return b; })
                .use(birth).in((b, v) -> { b.birthDate = v; return b; })
                .use(Arbitraries.of(true, false)).in((b, v) -> { b.optOut = v; return b; })
                .use(publics).in((b, v) -> { b.publics = v; return b; })
                .use(stamps).in((b, v) -> { b.stamps = v; return b; })
                .use(consents).in((b, v) -> { b.consentCells = v; return b; })
                .use(declared).in((b, v) -> { b.declaredCells = v; return b; })
                .use(book).in((b, v) -> { b.book = v; return b; })
                .use(Arbitraries.of(Purpose.class)).in((b, v) -> { b.purpose = v; return b; })
                .build(ScenarioBuilder::build);
    }

    static class ScenarioBuilder {
        boolean erased;
        LocalDate birthDate;
        boolean optOut;
        Set<DataCategory> publics;
        Map<DataCategory, Integer> stamps;
        List<ConsentState> consentCells;
        List<DisclosureLevel> declaredCells;
        PolicyBook book;
        Purpose purpose;

        Scenario build() {
            MemberFacts.Consents indexed = new MemberFacts.Consents();
            Map<DataCategory, Map<Purpose, ConsentState>> consents = new EnumMap<>(DataCategory.class);
            Map<DataCategory, Map<Purpose, DisclosureLevel>> declared = new EnumMap<>(DataCategory.class);
            PartnerTerms.Builder terms = PartnerTerms.builder();
            int i = 0;
            for (DataCategory c : DataCategory.values()) {
                for (Purpose p : Purpose.values()) {
                    ConsentState state = consentCells.get(i);
                    if (state != null) {
                        indexed.put(c, p, state);
                        consents.computeIfAbsent(c, k -> new EnumMap<>(Purpose.class)).put(p, state);
                    }
                    DisclosureLevel level = declaredCells.get(i);
                    if (level != null) {
                        terms.declare(c, p, level);
                        declared.computeIfAbsent(c, k -> new EnumMap<>(Purpose.class)).put(p, level);
                    }
                    i++;
                }
            }
            MemberFacts member = new MemberFacts(erased, birthDate, optOut, publics, stamps, indexed);
            return new Scenario(member, consents, terms.build(), declared, book, purpose);
        }
    }

    private static Arbitrary<PolicyMatrix> matrix(int version) {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(4, true), net.jqwik.api.Tuple.of(1, false))
                .list().ofSize(CELLS).map(cells -> {
                    Map<DataCategory, Set<Purpose>> allowed = new EnumMap<>(DataCategory.class);
                    int i = 0;
                    for (DataCategory c : DataCategory.values()) {
                        EnumSet<Purpose> purposes = EnumSet.noneOf(Purpose.class);
                        for (Purpose p : Purpose.values()) {
                            if (cells.get(i++)) {
                                purposes.add(p);
                            }
                        }
                        allowed.put(c, purposes);
                    }
                    return new PolicyMatrix(version, allowed);
                });
    }
}
