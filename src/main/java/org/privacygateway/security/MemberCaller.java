package org.privacygateway.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.SecurityIdentity;

import org.privacygateway.config.GatewayConfig;
import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.member.Member;
import org.privacygateway.member.MemberAccount;

/** The member behind a bearer token: its {@code sub} is the member's subject; partner and admin tokens are refused. */
@RequestScoped
public class MemberCaller {

    @Inject
    SecurityIdentity identity;

    @Inject
    GatewayConfig config;

    @Inject
    MemberAccount accounts;

    @Inject
    RateLimits rateLimits;

    private Member member;

    /** The calling member, charged one unit of the member limit: called once by every field a member asks for. */
    public Member require() {
        Member found = identify();
        rateLimits.member(found.id.toString(), 1);
        return found;
    }

    private Member identify() {
        if (member != null) {
            return member;
        }
        if (identity.isAnonymous()) {
            throw new GatewayException(ErrorCode.UNAUTHENTICATED, "This operation needs a member's bearer token.");
        }
        GatewayConfig.Identity roles = config.identity();
        if (identity.hasRole(roles.partnerRole()) || identity.hasRole(roles.adminRole()) || !identity.hasRole(roles.memberRole())) {
            throw GatewayException.forbidden("This operation is for members only.");
        }
        // Members are matched by the token's sub, never by a user name that can change.
        String subject = identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt
                ? jwt.getSubject() : identity.getPrincipal().getName();
        member = accounts.bySubject(subject);
        return member;
    }
}
