package org.privacygateway.config;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The database's stamp of the last change to partners and policy versions (set by triggers from a sequence,
 * migration V8). In-memory copies of those tables keep the stamp they were loaded at: equal to the current one means
 * current, on every replica, whoever changed what. One primary-key read instead of loading partners and policies on
 * every request.
 */
@ApplicationScoped
public class ConfigGeneration {

    private static final Object PINNED = new Object();

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The stamp as the caller's transaction (or a new one) sees it: the pinned one if the transaction pinned it. */
    @Transactional
    public long current() {
        Object pinned = transactions.getResource(PINNED);
        return pinned instanceof Long stamp ? stamp : read();
    }

    /**
     * Reads the stamp once for the rest of the caller's transaction, for a transaction that reads partners and
     * policies several times and changes neither (a partner read). Others read it afresh each time, so a transaction
     * that changes them never answers from a copy older than its own change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long pin() {
        long stamp = read();
        transactions.putResource(PINNED, stamp);
        return stamp;
    }

    /** The stamp read now, pinned or not: to check that nothing changed while a copy was loaded. */
    @Transactional
    public long fresh() {
        return read();
    }

    private long read() {
        return Jdbc.work(em, 1, connection -> {
            try (PreparedStatement s = connection.prepareStatement("select generation from config_generation where id = 1");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
