package org.privacygateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import org.privacygateway.support.Management;

/**
 * A job runs once across replicas: the row lock makes a concurrent run skip, a run just finished makes the next
 * replica's skip, and a failed run leaves nothing written. Two threads stand for two replicas: each run is its own
 * transaction on its own connection, which is all a replica is to the database.
 */
@QuarkusTest
class ClusterJobsTest {

    static final String JOB = "test-job";

    @Inject
    ClusterJobs jobs;

    @Inject
    EntityManager em;

    @BeforeEach
    void aJobRow() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from job_run where name = ?1").setParameter(1, JOB).executeUpdate();
            em.createNativeQuery("insert into job_run (name) values (?1)").setParameter(1, JOB).executeUpdate();
        });
    }

    long runs() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select runs from job_run where name = ?1").setParameter(1, JOB).getSingleResult()).longValue());
    }

    @Test
    void aSecondReplicaSkipsWhileTheFirstRuns() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<ClusterJobs.Outcome> first = CompletableFuture.supplyAsync(() -> jobs.run(JOB, Duration.ZERO,
                () -> {
                    running.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        assertTrue(running.await(30, TimeUnit.SECONDS), "the first run did not start");
        int[] secondRan = {0};
        ClusterJobs.Outcome second = jobs.run(JOB, Duration.ZERO, () -> secondRan[0]++);
        release.countDown();
        assertEquals(ClusterJobs.Outcome.SKIPPED, second);
        assertEquals(0, secondRan[0], "the second replica's work ran while the first held the job");
        assertEquals(ClusterJobs.Outcome.RAN, first.get(30, TimeUnit.SECONDS));
        assertEquals(1, runs());
    }

    @Test
    void aRunJustFinishedElsewhereMakesTheNextSkipUntilTheGapHasPassed() {
        assertEquals(ClusterJobs.Outcome.RAN, jobs.run(JOB, Duration.ofHours(1), () -> 1));
        assertEquals(ClusterJobs.Outcome.SKIPPED, jobs.run(JOB, Duration.ofHours(1), () -> 1));
        assertEquals(ClusterJobs.Outcome.RAN, jobs.run(JOB, Duration.ZERO, () -> 1));
        assertEquals(2, runs());
    }

    @Test
    void aFailedRunLeavesNothingWrittenAndIsCounted() {
        double before = failures();
        ClusterJobs.Outcome outcome = jobs.run(JOB, Duration.ZERO, () -> {
            em.createNativeQuery("update job_run set runs = 1000 where name = ?1").setParameter(1, JOB).executeUpdate();
            throw new IllegalStateException("boom");
        });
        assertEquals(ClusterJobs.Outcome.FAILED, outcome);
        assertEquals(0, runs(), "the failed run's writes were rolled back");
        assertEquals(before + 1, failures());
        String outcomeColumn = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select last_outcome from job_run where name = ?1").setParameter(1, JOB).getSingleResult());
        assertEquals("FAILED", outcomeColumn);
    }

    @Test
    void anUnknownJobFailsLoudlyInsteadOfRunningUnlocked() {
        int[] ran = {0};
        assertEquals(ClusterJobs.Outcome.FAILED, jobs.run("no-such-job", Duration.ZERO, () -> ran[0]++));
        assertEquals(0, ran[0]);
    }

    static double failures() {
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("gateway_job_runs_total{") && l.contains("task=\"" + JOB + "\"")
                        && l.contains("outcome=\"failed\""))
                .mapToDouble(OperationsMetricsTest::sample)
                .sum();
    }
}
