package org.privacygateway.consent;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * At start, gives every consent row its partner-specific member order ({@link Consent#memberOrder}) where it has
 * none (rows written before the column existed), and recomputes all of them if the pairwise secret changed since
 * they were written. Idempotent: replicas starting together compute the same values.
 */
@ApplicationScoped
public class MemberOrderBackfill {

    static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @Inject
    PairwiseIds pairwiseIds;

    void onStart(@Observes StartupEvent event, org.privacygateway.config.GatewayConfig config) {
        if (!config.startUpWork()) {
            return;
        }
        if (QuarkusTransaction.requiringNew().call(this::staleKeys)) {
            Log.info("The pairwise secret changed: recomputing every member order");
            QuarkusTransaction.requiringNew().run(this::clearAll);
        }
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(this::fillBatch);
            total += done;
        } while (done == BATCH);
        if (total > 0) {
            Log.infof("Member order filled in for %d consent rows", total);
        }
    }

    boolean staleKeys() {
        List<Consent> sample = em.createQuery("from Consent c where c.memberOrder is not null", Consent.class)
                .setMaxResults(1).getResultList();
        return !sample.isEmpty()
                && sample.get(0).memberOrder != pairwiseIds.sortKey(sample.get(0).partnerId, sample.get(0).memberId);
    }

    void clearAll() {
        em.createQuery("update Consent c set c.memberOrder = null").executeUpdate();
    }

    int fillBatch() {
        List<Object[]> rows = em.createQuery("select c.id, c.partnerId, c.memberId from Consent c where c.memberOrder is null",
                Object[].class).setMaxResults(BATCH).getResultList();
        for (Object[] row : rows) {
            em.createQuery("update Consent c set c.memberOrder = :order where c.id = :id")
                    .setParameter("order", pairwiseIds.sortKey((String) row[1], (UUID) row[2]))
                    .setParameter("id", row[0])
                    .executeUpdate();
        }
        return rows.size();
    }
}
