package org.privacygateway.consent;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the ledger needs to know about the member who grants a consent. The {@code member} package answers it
 * ({@code member.MemberDataSubjects}): members depend on their consents (erasure, export, the partner page query),
 * so consents ask about members through this interface rather than by reading the member entity.
 */
public interface DataSubjects {

    /**
     * The recorded birth date of an existing member, or null when none is recorded. Called after the ledger has taken
     * the member's row lock, in the ledger's transaction.
     *
     * @throws NullPointerException when no member has this id
     */
    LocalDate birthDate(UUID memberId);
}
