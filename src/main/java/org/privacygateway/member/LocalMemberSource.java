package org.privacygateway.member;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** The member facts from the gateway's own member table: the rows already loaded hold them, so no I/O at all. */
@ApplicationScoped
@Typed(LocalMemberSource.class)
public class LocalMemberSource implements MemberSource {

    @Override
    public Map<UUID, SourcedMember> read(Collection<Member> members) {
        Map<UUID, SourcedMember> facts = new HashMap<>();
        for (Member m : members) {
            facts.put(m.id, new SourcedMember(m.values(), m.birthDate, m.collectedUnder()));
        }
        return facts;
    }

    @Override
    public boolean local() {
        return true;
    }
}
