package org.privacygateway.graphql;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import jakarta.annotation.security.PermitAll;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import org.privacygateway.error.GatewayException;
import org.privacygateway.error.Inputs;
import org.privacygateway.partner.Partner;
import org.privacygateway.partner.PartnerStatus;
import org.privacygateway.policy.PolicyService;
import org.privacygateway.policy.PolicyVersion;

/** What anyone may ask without a token: whose co-branded site this is, and the gateway's policy. */
/** Public by decision, not by omission: these operations need no token. */
@PermitAll
@GraphQLApi
@FailClosed
public class PublicGraphQL {

    /** Letters, digits, dots and dashes (and '_', seen in the wild): anything else cannot name a co-brand host. */
    private static final Pattern HOST_CHARACTERS = Pattern.compile("[a-z0-9._-]{1,253}");

    @Inject
    EntityManager em;

    @Inject
    org.privacygateway.security.RateLimits rateLimits;

    @Inject
    PolicyService policies;

    @Inject
    org.privacygateway.policy.PolicyPublisher publisher;

    @Name("CoBrand")
    @Description("Whose co-branded site a host is, whose privacy policy applies there, and the gateway's own policy.")
    public record CoBrand(@NonNull String partnerName, String logoUrl, @NonNull String policyUrl,
            @NonNull int gatewayPolicyVersion, @NonNull String gatewayPolicyUrl) {
    }

    @Query("privacyPolicy")
    @Description("The gateway's policy in force and any published version not yet in force (announced in advance).")
    public @NonNull PolicyViews.PrivacyPolicy privacyPolicy() {
        rateLimits.anonymous(1);
        return new PolicyViews.PrivacyPolicy(PolicyViews.PolicyVersionView.of(policies.snapshot().current()),
                publisher.upcoming().stream().map(PolicyViews.PolicyVersionView::of).toList());
    }

    @Query("coBrand")
    @Description("The active partner behind a co-brand host, or null for an unknown host or a suspended partner.")
    @Transactional
    public CoBrand coBrand(@NonNull @Name("host") String host) {
        rateLimits.anonymous(1);
        // Anyone may send anything here: a value that cannot be a host name is refused before the database sees it.
        Inputs.argument("host", host, Inputs.HOST);
        String normalized = host.strip().toLowerCase(Locale.ROOT);
        if (!HOST_CHARACTERS.matcher(normalized).matches()) {
            throw GatewayException.validation("Argument 'host' is not a host name.");
        }
        List<Partner> found = em.createQuery("select p from Partner p join p.hosts h where h = :host", Partner.class)
                .setParameter("host", normalized).getResultList();
        if (found.isEmpty() || found.get(0).status != PartnerStatus.ACTIVE) {
            return null;
        }
        Partner p = found.get(0);
        PolicyVersion current = policies.snapshot().current();
        return new CoBrand(p.displayName, p.logoUrl, p.policyUrl, current.version, current.url);
    }
}
