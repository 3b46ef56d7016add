package org.privacygateway;

import java.nio.file.Path;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import org.privacygateway.partner.PartnerValidation;

/**
 * Starts the gateway, or with {@code validate-partners [folder]} checks a folder of partner files and exits,
 * without starting the server or touching a database.
 */
@QuarkusMain
public class GatewayMain {

    public static void main(String... args) {
        if (args.length > 0 && PartnerValidation.COMMAND.equals(args[0])) {
            Path folder = Path.of(args.length > 1 ? args[1] : "partners");
            System.exit(PartnerValidation.run(folder, System.out, System.err));
        }
        Quarkus.run(args);
    }
}
