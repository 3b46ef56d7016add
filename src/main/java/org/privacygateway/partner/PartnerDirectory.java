package org.privacygateway.partner;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Looks partners up. */
@ApplicationScoped
public class PartnerDirectory {

    @Inject
    EntityManager em;

    /** The partner behind an OIDC client, with its declared requests, in one statement. */
    public Optional<Partner> byClientId(String clientId) {
        return em.createQuery(
                "select distinct p from Partner p left join fetch p.requests where p.clientId = :clientId", Partner.class)
                .setParameter("clientId", clientId)
                .getResultStream()
                .findFirst();
    }
}
