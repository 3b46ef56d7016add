package org.privacygateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The database's stamp of the last change to partners and policy versions (set by triggers from a sequence,
 * migration V8). In-memory copies of those tables keep the stamp they were loaded at: equal to the current one means
 * current, on every replica, whoever changed what. One primary-key read instead of loading partners and policies on
 * every request.
 */
@ApplicationScoped
public class ConfigGeneration {

    @Inject
    EntityManager em;

    /** The stamp as the caller's transaction (or a new one) sees it. */
    @Transactional
    public long current() {
        return ((Number) em.createNativeQuery("select generation from config_generation where id = 1")
                .getSingleResult()).longValue();
    }
}
