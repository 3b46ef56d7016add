package org.privacygateway.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.privacygateway.config.GatewayConfig;

/** Chooses the member source by {@code gateway.members.source}; the other adapter is never created. */
@ApplicationScoped
public class MemberSources {

    @Produces
    @ApplicationScoped
    MemberSource source(GatewayConfig config, Instance<LocalMemberSource> local,
            Instance<UpstreamMemberSource> upstream) {
        return switch (config.members().source()) {
            case LOCAL -> local.get();
            case UPSTREAM -> upstream.get();
        };
    }
}
