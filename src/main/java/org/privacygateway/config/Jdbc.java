package org.privacygateway.config;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.stat.spi.StatisticsImplementor;

/**
 * Plain JDBC on the connection of the caller's transaction, for the few hot statements where Hibernate's per-entity
 * machinery costs more than the statement (the access log's rows, the generation stamp). Each statement is counted in
 * Hibernate's statistics like its own, so statement counts (tests, benchmark) stay complete.
 */
public final class Jdbc {

    private Jdbc() {
    }

    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work}, which prepares {@code statements} statements, on the transaction's connection. */
    public static <T> T work(EntityManager em, int statements, Work<T> work) {
        Session session = em.unwrap(Session.class);
        StatisticsImplementor stats = ((SessionFactoryImplementor) session.getSessionFactory()).getStatistics();
        if (stats.isStatisticsEnabled()) {
            for (int i = 0; i < statements; i++) {
                stats.prepareStatement();
                stats.closeStatement();
            }
        }
        return session.doReturningWork(work::run);
    }
}
