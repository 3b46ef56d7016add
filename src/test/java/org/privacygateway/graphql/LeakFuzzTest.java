package org.privacygateway.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;

import org.privacygateway.masking.ConsentState;
import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureDecision;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.FieldDecision;
import org.privacygateway.masking.MemberFacts;
import org.privacygateway.masking.PolicyBook;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.DeclaredRequest;
import org.privacygateway.partner.Partner;
import org.privacygateway.policy.PolicyService;
import org.privacygateway.support.ErrorHygiene;
import org.privacygateway.support.Fixtures;
import org.privacygateway.support.Tokens;

/**
 * Leak fuzzing: members whose every value is a unique canary, random declarations and consents, and 5,000 random
 * partner queries (selections, aliases, fragments, inline fragments, variables, __typename, pagination). No canary
 * the masking decision forbids may appear anywhere in a response body, header or error; a PARTIAL field never
 * carries the full value. A member under 13 never shows at all (no id, no MINOR reason), and ANALYTICS never reads
 * individuals. Runs a fixed seed by default; {@code -Dleakfuzz.seed=random} (or a number) picks another, printed for
 * replay with {@code -Dleakfuzz.seed=&lt;seed&gt;}.
 */
@QuarkusTest
class LeakFuzzTest {

    /** The seed of every run that does not ask for another, so the default suite is repeatable. */
    static final long DEFAULT_SEED = 20260301L;

    static final int QUERIES = 5000;

    /** Queries per run; the upstream run ({@link LeakFuzzUpstreamTest}) sends fewer, as each one is an HTTP call more. */
    int queries() {
        return QUERIES;
    }
    static final int MEMBERS = 16;
    static final int PARTNERS = 3;

    @Inject
    Fixtures fixtures;

    @Inject
    PolicyService policies;

    /** A canary value and the lowest level at which the partner may see it (null: never). */
    record Canary(String value, DataCategory category, DisclosureLevel minLevel) {
    }

    record Subject(Member member, List<Canary> canaries, MemberFacts.Consents[] consentsByPartner, boolean erased,
            LocalDate birth, boolean optOut, Set<DataCategory> publics) {
    }

    @Test
    void noForbiddenCanaryEverLeaves() {
        long seed = seed(System.getProperty("leakfuzz.seed"));
        System.out.println("Leak fuzzing with seed " + seed + " (replay: -Dleakfuzz.seed=" + seed + ")");
        try {
            run(new Random(seed));
        } catch (AssertionError e) {
            throw new AssertionError("Leak fuzzing failed; replay with -Dleakfuzz.seed=" + seed + "\n" + e.getMessage(), e);
        }
        System.out.println("Leak fuzzing: " + queries() + " queries, no leak (seed " + seed + ")");
    }

    /** The run's seed: {@link #DEFAULT_SEED} unless -Dleakfuzz.seed names one, or {@code random} for a fresh one. */
    static long seed(String property) {
        if (property == null || property.isBlank()) {
            return DEFAULT_SEED;
        }
        return "random".equalsIgnoreCase(property.strip()) ? new java.security.SecureRandom().nextLong()
                : Long.parseLong(property.strip());
    }

    private void run(Random random) {
        String run = Long.toString(Math.abs(random.nextLong()), 36);
        List<Partner> partners = new ArrayList<>();
        for (int p = 0; p < PARTNERS; p++) {
            List<DeclaredRequest> requests = new ArrayList<>();
            for (DataCategory c : DataCategory.values()) {
                for (Purpose u : Purpose.values()) {
                    if (random.nextInt(10) < 5) {
                        // Card at FULL for any purpose too: the cap must hold even when a declaration is too wide.
                        requests.add(Fixtures.request(c, u, random.nextBoolean() ? DisclosureLevel.FULL : DisclosureLevel.PARTIAL));
                    }
                }
            }
            Partner partner = fixtures.partner("fuzz-" + run + "-" + p, requests.toArray(new DeclaredRequest[0]));
            fixtures.setRateLimit(partner.id, 100_000);
            partners.add(partner);
        }
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            subjects.add(subject(random, run, i, partners));
        }
        PolicyBook book = policies.snapshot().book();
        Instant now = Instant.now();
        for (int q = 0; q < queries(); q++) {
            boolean stranger = random.nextInt(40) == 0;
            int p = random.nextInt(PARTNERS);
            Partner partner = partners.get(p);
            Purpose purpose = Purpose.values()[random.nextInt(Purpose.values().length)];
            Map<String, Object> variables = new HashMap<>();
            String query = randomQuery(random, partner, purpose, subjects, partners, variables);
            String token = stranger ? Tokens.partner("fuzz-stranger-" + run) : Tokens.partner(partner.clientId);
            Response response = given().contentType(ContentType.JSON).auth().oauth2(token)
                    .body(Map.of("query", query, "variables", variables)).post("/graphql");
            StringBuilder everything = new StringBuilder(response.asString());
            for (Header h : response.getHeaders()) {
                everything.append('\n').append(h.getName()).append(": ").append(h.getValue());
            }
            ErrorHygiene.check(response.statusCode(), response.asString());
            String text = everything.toString();
            if (purpose == Purpose.ANALYTICS && !stranger && !text.contains("only as aggregates")) {
                fail("Query " + q + " read individuals for ANALYTICS\nquery: " + query + "\nresponse: " + text);
            }
            if (text.contains("MINOR")) {
                fail("Query " + q + " told a partner that a member is a child\nquery: " + query + "\nresponse: " + text);
            }
            for (int s = 0; s < subjects.size(); s++) {
                Subject subject = subjects.get(s);
                Map<DataCategory, FieldDecision> decisions = stranger ? null : decide(subject, p, purpose, book, now);
                for (Canary canary : subject.canaries()) {
                    if (!text.contains(canary.value())) {
                        continue;
                    }
                    DisclosureLevel decided = decisions == null || canary.category() == null ? DisclosureLevel.NONE
                            : decisions.get(canary.category()).level();
                    if (canary.minLevel() == null || decided.compareTo(canary.minLevel()) < 0) {
                        fail("Query " + q + " leaked " + canary + " (decided " + decided + " for partner " + p + ", "
                                + purpose + ")\nquery: " + query + "\nvariables: " + variables + "\nresponse: " + text);
                    }
                }
                // A child is never shown, not even masked: neither its id nor the reason may reach any partner.
                if (DisclosureDecision.isMinor(subject.birth(), now)
                        && text.contains(fixtures.pairwise(partner, subject.member()))) {
                    fail("Query " + q + " revealed a minor\nquery: " + query + "\nvariables: " + variables
                            + "\nresponse: " + text);
                }
                for (int other = 0; other < PARTNERS; other++) {
                    if (other != p && text.contains(fixtures.pairwise(partners.get(other), subject.member()))) {
                        fail("Query " + q + " leaked another partner's pairwise id\nresponse: " + text);
                    }
                }
            }
        }
    }

    private Map<DataCategory, FieldDecision> decide(Subject s, int partner, Purpose purpose, PolicyBook book, Instant now) {
        Map<DataCategory, Integer> stamps = new EnumMap<>(DataCategory.class);
        for (DataCategory c : DataCategory.values()) {
            stamps.put(c, 1);
        }
        MemberFacts facts = new MemberFacts(s.erased(), s.birth(), s.optOut(), s.publics(), stamps, s.consentsByPartner()[partner]);
        Map<DataCategory, FieldDecision> decided = DisclosureDecision.decide(facts, fixturesTerms.get(partner), purpose, book, now);
        if (decided == null) {
            Map<DataCategory, FieldDecision> none = new EnumMap<>(DataCategory.class);
            for (DataCategory c : DataCategory.values()) {
                none.put(c, new FieldDecision(c, DisclosureLevel.NONE, null));
            }
            return none;
        }
        return decided;
    }

    private final List<org.privacygateway.masking.PartnerTerms> fixturesTerms = new ArrayList<>();

    private Subject subject(Random random, String run, int i, List<Partner> partners) {
        String tag = i + "q" + run;
        Member m = fixtures.member("F" + i);
        LocalDate birth = random.nextInt(8) == 0 ? LocalDate.now().minusYears(10) : LocalDate.of(1985, 5, 5);
        boolean optOut = random.nextInt(4) == 0;
        boolean erased = random.nextInt(10) == 0;
        Set<DataCategory> publics = EnumSet.noneOf(DataCategory.class);
        for (DataCategory c : DataCategory.values()) {
            if (random.nextInt(6) == 0) {
                publics.add(c); // the card included: it must still never be public
            }
        }
        String publicList = String.join(",", publics.stream().map(Enum::name).toList());
        fixtures.update(m.id, x -> {
            x.givenName = "Gv" + tag;
            x.familyName = "Fm" + tag;
            x.email = "em" + tag + "@d" + tag + ".example";
            x.phone = "+1 555 01" + String.format("%02d", i) + " " + (1000 + random.nextInt(9000));
            x.street = "St" + tag;
            x.postalCode = "Pc" + tag;
            x.city = "Ct" + tag;
            x.region = "Rg" + tag;
            x.companyName = "Co" + tag;
            x.companyStreet = "Cs" + tag;
            x.companyCity = "Cc" + tag;
            x.cardToken = "tok" + tag;
            x.cardBrand = "Br" + tag;
            x.birthDate = birth;
            x.marketingOptOut = optOut;
            x.publicCategories = publicList;
            x.erasedAt = erased ? Instant.now() : null;
        });
        Member stored = fixtures.reload(m.id);
        List<Canary> canaries = List.of(
                new Canary(stored.givenName, DataCategory.NAME, DisclosureLevel.PARTIAL),
                new Canary(stored.familyName, DataCategory.NAME, DisclosureLevel.FULL),
                new Canary(stored.email, DataCategory.EMAIL, DisclosureLevel.FULL),
                new Canary(stored.phone, DataCategory.PHONE, DisclosureLevel.FULL),
                new Canary(stored.street, DataCategory.ADDRESS, DisclosureLevel.FULL),
                new Canary(stored.postalCode, DataCategory.ADDRESS, DisclosureLevel.FULL),
                new Canary(stored.city, DataCategory.ADDRESS, DisclosureLevel.PARTIAL),
                new Canary(stored.region, DataCategory.ADDRESS, DisclosureLevel.PARTIAL),
                new Canary(stored.companyName, DataCategory.COMPANY, DisclosureLevel.PARTIAL),
                new Canary(stored.companyStreet, DataCategory.COMPANY, DisclosureLevel.FULL),
                new Canary(stored.companyCity, DataCategory.COMPANY, DisclosureLevel.FULL),
                new Canary(stored.cardToken, DataCategory.PAYMENT_CARD, DisclosureLevel.FULL),
                new Canary(stored.cardBrand, DataCategory.PAYMENT_CARD, DisclosureLevel.PARTIAL),
                new Canary(stored.id.toString(), null, null),
                new Canary(stored.subject, null, null));
        MemberFacts.Consents[] byPartner = new MemberFacts.Consents[partners.size()];
        for (int p = 0; p < partners.size(); p++) {
            if (fixturesTerms.size() <= p) {
                fixturesTerms.add(fixtures.terms(partners.get(p).id));
            }
            byPartner[p] = new MemberFacts.Consents();
            for (DataCategory c : DataCategory.values()) {
                for (Purpose u : Purpose.values()) {
                    int roll = random.nextInt(10);
                    if (roll < 3) {
                        DisclosureLevel level = DisclosureLevel.values()[1 + random.nextInt(2)];
                        fixtures.grant(stored, partners.get(p), c, u, level);
                        byPartner[p].put(c, u, new ConsentState(level, Instant.now().plus(java.time.Duration.ofDays(300))));
                    } else if (roll == 3) {
                        fixtures.grantExpired(stored, partners.get(p), c, u, DisclosureLevel.FULL);
                        byPartner[p].put(c, u, new ConsentState(DisclosureLevel.FULL, Instant.now().minus(java.time.Duration.ofDays(35))));
                    }
                }
            }
        }
        return new Subject(stored, canaries, byPartner, erased, birth, optOut, publics);
    }

    // ---- random queries

    private static final String[] SCALARS = { "email", "phone", "__typename", "id" };
    private static final String[] OBJECTS = {
            "name { given family }", "name { given }", "name { family __typename }",
            "address { street city region postalCode country }", "address { city }",
            "company { name address { street city } }", "company { name }",
            "card { processorToken brand last4 expiryMonth expiryYear }", "card { brand }",
            "access { category level reason }" };

    private String randomQuery(Random r, Partner partner, Purpose purpose, List<Subject> subjects, List<Partner> partners,
            Map<String, Object> variables) {
        StringBuilder fragments = new StringBuilder();
        String selection = selection(r, fragments);
        boolean variable = r.nextBoolean();
        String purposeArg = variable ? "$purpose" : purpose.name();
        if (variable) {
            variables.put("purpose", purpose.name());
        }
        String root;
        String alias = r.nextInt(3) == 0 ? "a" + r.nextInt(100) + ": " : "";
        if (r.nextBoolean()) {
            Subject s = subjects.get(r.nextInt(subjects.size()));
            int roll = r.nextInt(10);
            String id = roll < 7 ? fixtures.pairwise(partner, s.member())
                    : roll < 9 ? fixtures.pairwise(partners.get(r.nextInt(partners.size())), s.member())
                    : "pw_AAAAAAAAAAAAAAAAAAAAAA";
            variables.put("id", id);
            root = alias + "member(id: $id, purpose: " + purposeArg + ") { " + selection + " }";
            return "query Q($id: ID!" + (variable ? ", $purpose: Purpose!" : "") + ") { " + root
                    + (r.nextInt(5) == 0 ? " __typename" : "") + " } " + fragments;
        }
        int first = 1 + r.nextInt(20);
        variables.put("first", first);
        root = alias + "members(purpose: " + purposeArg + ", first: $first) { edges { cursor node { " + selection
                + " } } pageInfo { hasNextPage endCursor } }";
        return "query Q($first: Int" + (variable ? ", $purpose: Purpose!" : "") + ") { " + root + " } " + fragments;
    }

    private static String selection(Random r, StringBuilder fragments) {
        StringBuilder s = new StringBuilder();
        int fields = 1 + r.nextInt(5);
        for (int i = 0; i < fields; i++) {
            String field = r.nextInt(3) == 0 ? SCALARS[r.nextInt(SCALARS.length)] : OBJECTS[r.nextInt(OBJECTS.length)];
            if (r.nextInt(6) == 0 && !field.startsWith("__")) {
                field = "x" + i + ": " + field;
            }
            s.append(field).append(' ');
        }
        if (r.nextInt(3) == 0) {
            s.append("... on SharedMember { ").append(OBJECTS[r.nextInt(OBJECTS.length)]).append(" } ");
        }
        if (r.nextInt(3) == 0 && fragments.isEmpty()) {
            fragments.append("fragment F on SharedMember { ").append(SCALARS[r.nextInt(2)]).append(' ')
                    .append(OBJECTS[r.nextInt(OBJECTS.length)]).append(" }");
            s.append("...F ");
        }
        return s.toString();
    }
}
