package org.privacygateway.audit;

import java.time.Instant;

/**
 * Records kept outside the access log for a bounded time, deleted by the retention purge ({@link RetentionJob}) once
 * their time has come. Declared here and implemented by the package that keeps them (the layers point down: see
 * docs/architecture.md), so one job, run once across replicas, purges everything the gateway keeps for a while.
 */
public interface ExpiringRecords {

    /** Deletes what has expired at {@code now}, in the caller's transaction; returns how many records. */
    long purgeExpired(Instant now);

    /** What the records are, for the log line of a purge (no personal data). */
    String description();
}
