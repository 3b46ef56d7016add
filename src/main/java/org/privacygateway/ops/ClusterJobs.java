package org.privacygateway.ops;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Runs a scheduled job once across every replica of the deployment. Each replica keeps its own schedule (Quarkus
 * scheduler); a run first takes its job's row in {@code job_run} with {@code SELECT ... FOR UPDATE SKIP LOCKED} and
 * holds it for the whole run, in the run's own transaction:
 *
 * <ul>
 * <li>a replica that finds the row locked skips: another replica is running the job right now;</li>
 * <li>a replica that gets the row but sees the last run finished less than half a period ago skips: another replica
 * has just run it, so N replicas make one run per period, not N;</li>
 * <li>otherwise it runs the job, stamps the row and commits; the job's own writes commit with it (or, for a job that
 * commits in steps, while the row is still held).</li>
 * </ul>
 *
 * The lock is what makes a run exclusive; the half-period rule only saves work. Jobs are also written so that a second
 * run would change nothing (conditional updates, unique keys), so even a run that slipped past the lock could not
 * write an event twice. The database is PostgreSQL in production and H2 for the embedded default; both know
 * {@code SKIP LOCKED}. A replica that stops mid-run loses its connection, the database rolls its transaction back and
 * releases the row; the next scheduled run, on any replica, takes over.
 */
@ApplicationScoped
public class ClusterJobs {

    public enum Outcome {
        /** This replica ran the job. */
        RAN,
        /** Another replica is running it or has just run it. */
        SKIPPED,
        /** The job threw; its writes were rolled back (the next period retries). */
        FAILED
    }

    /** Names this replica in {@code job_run.last_runner}: the host name (the pod's name on Kubernetes) and a nonce. */
    static final String RUNNER = runnerName();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    /**
     * Runs a scheduled job with the gap derived from its schedule: half the time between this firing and the next.
     */
    public <T> Outcome run(String job, ScheduledExecution execution, Supplier<T> work) {
        Duration period = execution == null ? Duration.ZERO
                : Duration.between(execution.getScheduledFireTime(), execution.getTrigger().getNextFireTime());
        return run(job, period.dividedBy(2), work);
    }

    /**
     * Runs {@code work} if no other replica is running {@code job} and none finished it within {@code gap}.
     *
     * @return what happened; a failure is logged (its kind, never its message, which could hold a value) and counted
     */
    public <T> Outcome run(String job, Duration gap, Supplier<T> work) {
        Outcome outcome;
        try {
            outcome = QuarkusTransaction.requiringNew().call(() -> runLocked(job, gap, work));
        } catch (RuntimeException e) {
            outcome = Outcome.FAILED;
            Log.warnf("Job %s failed (%s); its writes were rolled back, the next run retries", job,
                    e.getClass().getSimpleName());
            try {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update job_run set last_outcome = 'FAILED', last_runner = ?2 where name = ?1")
                        .setParameter(1, job).setParameter(2, RUNNER).executeUpdate());
            } catch (RuntimeException ignored) {
                // The database itself may be what failed; the counter still says so.
            }
        }
        metrics.counter("gateway.job.runs", "task", job, "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
    }

    private <T> Outcome runLocked(String job, Duration gap, Supplier<T> work) {
        Instant started = clock.instant();
        // "recent": the last run finished within the gap. Compared in SQL, so no timestamp is read back.
        List<?> rows = em.createNativeQuery("""
                select case when last_finished_at > ?2 then 1 else 0 end from job_run where name = ?1
                for update skip locked
                """).setParameter(1, job).setParameter(2, started.minus(gap)).getResultList();
        if (rows.isEmpty()) {
            if (!known(job)) {
                throw new IllegalStateException("no job_run row for job " + job + " (add it in a migration)");
            }
            return Outcome.SKIPPED;
        }
        if (((Number) rows.get(0)).intValue() == 1) {
            return Outcome.SKIPPED;
        }
        work.get();
        em.createNativeQuery("""
                update job_run set last_started_at = ?2, last_finished_at = ?3, last_outcome = 'RAN',
                    last_runner = ?4, runs = runs + 1 where name = ?1
                """)
                .setParameter(1, job).setParameter(2, started).setParameter(3, clock.instant())
                .setParameter(4, RUNNER).executeUpdate();
        return Outcome.RAN;
    }

    private boolean known(String job) {
        return !em.createNativeQuery("select 1 from job_run where name = ?1").setParameter(1, job)
                .getResultList().isEmpty();
    }

    private static String runnerName() {
        String host;
        try {
            host = System.getenv().getOrDefault("HOSTNAME", InetAddress.getLocalHost().getHostName());
        } catch (Exception e) {
            host = "unknown";
        }
        String name = host + "/" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 128 ? name.substring(name.length() - 128) : name;
    }
}
