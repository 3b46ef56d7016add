package org.privacygateway.partner;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.privacygateway.config.ConfigGeneration;
import org.privacygateway.config.StampedCopies;

/** Looks partners up. */
@ApplicationScoped
public class PartnerDirectory {

    @Inject
    EntityManager em;

    /**
     * The partner behind an OIDC client, with its declared requests and hosts, in one statement and in a transaction
     * (its own or the caller's). The partner is used after that transaction, detached, so all it is read for is
     * loaded here.
     */
    @Transactional
    public Optional<Partner> byClientId(String clientId) {
        // Every partner request asks this: answered from memory while no partner has changed anywhere.
        return copies.get(clientId, generation.current(), this::load, generation::fresh);
    }

    @Inject
    ConfigGeneration generation;

    /** Copies are shared by concurrent requests: nothing may modify a partner it got from here. */
    private final StampedCopies<String, Optional<Partner>> copies = new StampedCopies<>(4096);

    private Optional<Partner> load(String clientId) {
        return em.createQuery("select distinct p from Partner p left join fetch p.requests left join fetch p.hosts"
                + " where p.clientId = :clientId", Partner.class)
                .setParameter("clientId", clientId)
                .getResultList()
                .stream()
                .findFirst();
    }
}
