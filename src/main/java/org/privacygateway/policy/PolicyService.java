package org.privacygateway.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.privacygateway.masking.PolicyBook;
import org.privacygateway.masking.PolicyMatrix;

/** Reads the gateway's policy versions. Versions take effect by date: "current" is computed per call. */
@ApplicationScoped
public class PolicyService {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    private volatile PolicyVersion lastKnownCurrent;

    /**
     * Every version with its matrix, in one statement, plus which one is in force at {@code now}. Joins the caller's
     * transaction, or runs in its own.
     */
    @jakarta.transaction.Transactional
    public PolicySnapshot snapshot(Instant now) {
        // Every partner read asks this: the versions come from memory while none has changed anywhere; which one is
        // in force is still decided per call, so a version published ahead takes effect on time.
        Versions versions = copies.get(Boolean.TRUE, generation.current(), k -> load(), generation::fresh);
        PolicyVersion current = null;
        int index = -1;
        for (int i = 0; i < versions.all().size(); i++) {
            PolicyVersion v = versions.all().get(i);
            if (!v.effectiveAt.isAfter(now) && (current == null || v.version > current.version)) {
                current = v;
                index = i;
            }
        }
        if (current == null) {
            throw new IllegalStateException("no policy version is in force");
        }
        lastKnownCurrent = current;
        return new PolicySnapshot(current, versions.books().get(index));
    }

    @Inject
    org.privacygateway.config.ConfigGeneration generation;

    private final org.privacygateway.config.StampedCopies<Boolean, Versions> copies =
            new org.privacygateway.config.StampedCopies<>(1);

    /**
     * Every version, oldest first, and at the same index the book the decision reads while that version is in force.
     * Shared by concurrent requests: never modified.
     */
    private record Versions(List<PolicyVersion> all, List<PolicyBook> books) {
    }

    private Versions load() {
        List<PolicyVersion> all = em.createQuery(
                "select distinct v from PolicyVersion v left join fetch v.permissions order by v.version",
                PolicyVersion.class).getResultList();
        List<PolicyMatrix> matrices = new ArrayList<>(all.size());
        for (PolicyVersion v : all) {
            matrices.add(v.matrix());
        }
        List<PolicyBook> books = new ArrayList<>(all.size());
        for (PolicyMatrix current : matrices) {
            books.add(new PolicyBook(current, matrices));
        }
        return new Versions(List.copyOf(all), List.copyOf(books));
    }

    /**
     * Every version's effective time, read once: for turning the times a member service stamped values with into
     * the versions they were collected under, a whole batch against one read.
     */
    @jakarta.transaction.Transactional
    public Timeline timeline() {
        Versions versions = copies.get(Boolean.TRUE, generation.current(), k -> load(), generation::fresh);
        int[] numbers = new int[versions.all().size()];
        Instant[] effective = new Instant[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = versions.all().get(i).version;
            effective[i] = versions.all().get(i).effectiveAt;
        }
        return new Timeline(numbers, effective);
    }

    /** Policy versions by the time they took effect. */
    public static final class Timeline {
        private final int[] versions;
        private final Instant[] effective;

        Timeline(int[] versions, Instant[] effective) {
            this.versions = versions;
            this.effective = effective;
        }

        /** The version in force at an instant (the highest one effective by then), or null before the first. */
        public Integer inForceAt(Instant at) {
            Integer found = null;
            for (int i = 0; i < versions.length; i++) {
                if (!effective[i].isAfter(at) && (found == null || versions[i] > found)) {
                    found = versions[i];
                }
            }
            return found;
        }
    }

    @jakarta.transaction.Transactional
    public PolicySnapshot snapshot() {
        return snapshot(clock.instant());
    }

    /**
     * The version found in force by the latest snapshot, for responses that failed before they took one. Never
     * touches the database (it is read on the I/O thread); empty only before the first snapshot.
     */
    public java.util.Optional<PolicyVersion> lastKnownCurrent() {
        return java.util.Optional.ofNullable(lastKnownCurrent);
    }

    @jakarta.transaction.Transactional
    void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event,
            org.privacygateway.config.GatewayConfig config) {
        if (!config.startUpWork()) {
            return;
        }
        snapshot();
    }

    /** The version in force and the book the masking decision reads. */
    public record PolicySnapshot(PolicyVersion current, PolicyBook book) {
    }
}
