package org.privacygateway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keycloak from the Maven dist ({@code -Pe2e}, {@code -Pcluster} unpack it), in dev mode over https, with the
 * repository's dev/test realm imported into a fresh database, on a JDK 21+ found on the machine.
 */
final class KeycloakServer {

    static final String REALM = "privacy-gateway";

    final int port;

    private KeycloakServer(int port) {
        this.port = port;
    }

    /** Keycloak over https, as production requires of the issuer. */
    String issuer() {
        return "https://localhost:" + port + "/realms/" + REALM;
    }

    /** Starts Keycloak with the realm's consent-center client secret replaced by {@code consentClientSecret}. */
    static KeycloakServer start(ChildProcesses processes, LocalTls tls, Path project, String consentClientSecret)
            throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.5.5"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + "; run with ./mvnw verify -Pe2e");
        }
        Path javaHome = findJdk(21).orElseThrow(() -> new IllegalStateException(
                "Keycloak 26 needs a JDK 21 or newer, and none was found (JAVA_HOME, /usr/lib/jvm). Install one, e.g. Temurin 25."));
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.writeString(imports.resolve(REALM + "-realm.json"),
                Files.readString(project.resolve("k8s/keycloak/dev/privacy-gateway-realm.json"))
                        .replace("\"consent-center-dev-secret\"", "\"" + consentClientSecret + "\""));
        // A fresh database per run, so the realm is imported as it is in the repository.
        deleteRecursively(home.resolve("data/h2"));
        KeycloakServer keycloak = new KeycloakServer(E2EStack.freePort());
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-port=" + E2EStack.freePort(), "--https-port=" + keycloak.port,
                "--http-management-port=" + E2EStack.freePort(),
                "--https-key-store-file=" + tls.p12, "--https-key-store-password=" + LocalTls.PASSWORD,
                "--hostname-strict=false");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("JAVA_OPTS_APPEND", "--add-opens java.base/java.lang=ALL-UNNAMED");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "keycloak-admin");
        pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "keycloak-admin-dev-password");
        processes.start(pb, "keycloak");
        // Generous: on a loaded two-core machine Keycloak 26 takes up to three minutes to import the realm and start.
        processes.awaitHttp200(keycloak.issuer() + "/.well-known/openid-configuration", tls.clientContext(),
                Duration.ofSeconds(360), "Keycloak");
        return keycloak;
    }

    /** JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm that is. */
    static Optional<Path> findJdk(int minimum) throws IOException {
        List<Path> candidates = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) {
            candidates.add(Path.of(javaHome));
        }
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> list = Files.list(jvm)) {
                list.sorted(Comparator.reverseOrder()).forEach(candidates::add);
            }
        }
        for (Path candidate : candidates) {
            if (majorVersion(candidate) >= minimum && Files.isExecutable(candidate.resolve("bin/java"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static int majorVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String major = v.startsWith("1.") ? v.substring(2, 3) : v.split("[.+-]")[0];
                    return Integer.parseInt(major);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
