package org.privacygateway.member;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.privacygateway.consent.DataSubjects;

/** Members as the consent ledger sees them: only what a grant checks. */
@ApplicationScoped
public class MemberDataSubjects implements DataSubjects {

    @Inject
    EntityManager em;

    @Override
    public LocalDate birthDate(UUID memberId) {
        return em.find(Member.class, memberId).birthDate;
    }
}
