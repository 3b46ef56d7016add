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

    @Inject
    MemberSource source;

    /** The younger of the gateway's and the member source's birth dates: a minor on either side is a minor. */
    @Override
    public LocalDate birthDate(UUID memberId) {
        Member m = em.find(Member.class, memberId);
        if (source.local() || m.erased()) {
            return m.birthDate;
        }
        SourcedMember s = source.read(java.util.List.of(m)).get(m.id);
        return s == null ? m.birthDate : SourcedMember.younger(m.birthDate, s.birthDate());
    }
}
