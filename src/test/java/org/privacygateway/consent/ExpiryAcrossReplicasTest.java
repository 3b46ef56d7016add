package org.privacygateway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.privacygateway.support.Fixtures.request;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.masking.DataCategory;
import org.privacygateway.masking.DisclosureLevel;
import org.privacygateway.masking.Purpose;
import org.privacygateway.member.Member;
import org.privacygateway.partner.Partner;
import org.privacygateway.policy.PolicyVersion;
import org.privacygateway.support.Fixtures;

/**
 * The expiry job as several replicas run it: at the same moment, and while members renew. Each thread calls the
 * ledger directly, without the job lock, so what is tested is the database's guarantee alone (the lock only saves
 * work): one EXPIRE event per expired consent, and a renewal is never overwritten by the job.
 */
@QuarkusTest
class ExpiryAcrossReplicasTest {

    static final int REPLICAS = 4;
    static final int CONSENTS = 60;

    @Inject
    ConsentLedger ledger;

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @Test
    void replicasRunningTheJobTogetherWriteOneEventPerExpiredConsent() throws Exception {
        Partner p = fixtures.partner(Fixtures.unique("expiry"),
                request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < CONSENTS; i++) {
            Member m = fixtures.member("Exp" + i);
            fixtures.grantExpired(m, p, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
            members.add(m.id);
        }

        List<Integer> recorded = together(REPLICAS, ledger::recordExpiries);

        Map<UUID, Long> expiries = expireEvents(p.id);
        assertEquals(CONSENTS, expiries.size(), "every expired consent has its EXPIRE event");
        assertTrue(expiries.values().stream().allMatch(n -> n == 1), "one EXPIRE event each: " + expiries);
        assertEquals(CONSENTS, recorded.stream().mapToInt(Integer::intValue).sum(),
                "the runs' own counts add up to one per consent: " + recorded);
        assertEquals(0, ledger.recordExpiries(), "nothing left to record");
    }

    @Test
    void aRenewalDuringTheJobIsNeverOverwritten() throws Exception {
        Partner partner = fixtures.partner(Fixtures.unique("renew"),
                request(DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL));
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < CONSENTS; i++) {
            Member m = fixtures.member("Ren" + i);
            fixtures.grantExpired(m, partner, DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL);
            members.add(m);
        }
        Instant renewedUntil = Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS);

        // Two replicas expire while a third renews every other member's consent, all at once.
        List<Callable<Integer>> work = new ArrayList<>();
        work.add(ledger::recordExpiries);
        work.add(ledger::recordExpiries);
        work.add(() -> {
            for (int i = 0; i < members.size(); i += 2) {
                renew(members.get(i).id, partner.id, renewedUntil);
            }
            return 0;
        });
        together(work);

        for (int i = 0; i < members.size(); i++) {
            Consent c = fixtures.consents(members.get(i).id).get(0);
            List<ConsentEvent.Action> history = history(members.get(i).id);
            long expires = history.stream().filter(a -> a == ConsentEvent.Action.EXPIRE).count();
            assertTrue(expires <= 1, "at most one EXPIRE per grant: " + history);
            if (i % 2 == 0) {
                assertEquals(renewedUntil, c.expiresAt, "the renewal stands (member " + i + ", " + history + ")");
                assertFalse(c.expiryRecorded, "a renewed consent is not marked expired (" + history + ")");
                assertEquals(ConsentEvent.Action.GRANT, history.get(history.size() - 1),
                        "the renewal's GRANT is the last word: " + history);
            } else {
                assertTrue(c.expiryRecorded);
                assertEquals(List.of(ConsentEvent.Action.GRANT, ConsentEvent.Action.EXPIRE), history);
            }
        }
    }

    void renew(UUID memberId, String partnerId, Instant until) {
        QuarkusTransaction.requiringNew().run(() -> ledger.record(memberId, em.find(Partner.class, partnerId),
                DataCategory.EMAIL, Purpose.ORDER_FULFILLMENT, DisclosureLevel.FULL, Instant.now(), until,
                em.find(PolicyVersion.class, 1)));
    }

    Map<UUID, Long> expireEvents(String partnerId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from ConsentEvent e where e.partnerId = :p and e.action = :a", ConsentEvent.class)
                .setParameter("p", partnerId).setParameter("a", ConsentEvent.Action.EXPIRE).getResultList()
                .stream().collect(Collectors.groupingBy(e -> e.memberId, Collectors.counting())));
    }

    List<ConsentEvent.Action> history(UUID memberId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from ConsentEvent e where e.memberId = :m order by e.occurredAt, e.action", ConsentEvent.class)
                .setParameter("m", memberId).getResultList().stream().map(e -> e.action).toList());
    }

    static List<Integer> together(int n, Callable<Integer> task) throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(task);
        }
        return together(tasks);
    }

    /** Starts every task at the same instant (a barrier), each on its own thread and so its own transaction. */
    static List<Integer> together(List<Callable<Integer>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
