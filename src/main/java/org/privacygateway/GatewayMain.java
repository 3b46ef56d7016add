package org.privacygateway;

import java.util.Arrays;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import org.privacygateway.audit.VerifyAuditCommand;
import org.privacygateway.partner.PartnerValidation;
import org.privacygateway.plan.PlanPartnersCommand;

/**
 * Starts the gateway; or with {@code validate-partners [folder]} checks a folder of partner files and exits, without
 * starting the server or touching a database; or with {@code plan-partners [--accept] [folder]} prints what applying
 * the files would change against the configured database, read-only and without the HTTP server; or with
 * {@code verify-audit} recomputes the access log's checkpoints against the database, without serving anything.
 */
@QuarkusMain
public class GatewayMain {

    /**
     * SmallRye GraphQL keeps parsed documents in a cache of this many entries (2048 by default), keyed by the query
     * text, filled by every valid document any caller sends. The gateway admits queries of at most 16,384 characters
     * and 2,000 tokens, so an entry holds at most about 170 KB: the text (up to 32 KiB as UTF-16) and its syntax tree
     * (measured: at most about 70 bytes per token with graphql-java's operation parser options). 64 entries are so at
     * most about 11 MiB; 2048 would be about 340 MiB. Read once, when SmallRye's class loads, so it must be a system
     * property set before start.
     */
    public static final String DOCUMENT_CACHE_PROPERTY = "io.smallrye.graphql.execution.queryCacheMaxSize";
    public static final String DOCUMENT_CACHE_ENTRIES = "64";

    public static void main(String... args) {
        if (System.getProperty(DOCUMENT_CACHE_PROPERTY) == null) {
            System.setProperty(DOCUMENT_CACHE_PROPERTY, DOCUMENT_CACHE_ENTRIES);
        }
        if (PartnerValidation.requested(args)) {
            System.exit(PartnerValidation.main(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (PlanPartnersCommand.requested(args)) {
            PlanPartnersCommand.prepare();
            Quarkus.run(PlanPartnersCommand.class, args);
            return;
        }
        if (VerifyAuditCommand.requested(args)) {
            java.util.OptionalInt early = VerifyAuditCommand.beforeStart(
                    Arrays.asList(args).subList(1, args.length), System.out, System.err);
            if (early.isPresent()) {
                System.exit(early.getAsInt());
            }
            VerifyAuditCommand.SETTINGS.forEach(System::setProperty);
            Quarkus.run(VerifyAuditCommand.class, args);
            return;
        }
        Quarkus.run(args);
    }
}
