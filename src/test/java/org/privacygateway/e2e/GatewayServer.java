package org.privacygateway.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) in its prod profile, serving https with this run's
 * certificate and trusting it for Keycloak. Replicas of one deployment are started with the same {@link Settings}.
 */
final class GatewayServer {

    /** What every replica of one deployment shares: the database, the identity provider and the secrets. */
    record Settings(String databaseUrl, String databasePassword, String issuer, String consentClientSecret,
            String pairwiseSecret, String csrfKey, Path partnersDir, Map<String, String> extraEnvironment,
            List<String> extraProperties) {
    }

    final String name;
    final int port;
    /** Health and metrics: the management interface, plain http, never the API's port. */
    final int managementPort;
    private final Process process;

    private GatewayServer(String name, int port, int managementPort, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
    }

    String url() {
        return "https://localhost:" + port;
    }

    /** Readiness, on the management interface. */
    String readiness() {
        return "http://localhost:" + managementPort + "/q/health/ready";
    }

    Process process() {
        return process;
    }

    /** Starts a gateway named {@code name} (its log is {@code <name>.log}) and waits until it is ready. */
    static GatewayServer start(ChildProcesses processes, LocalTls tls, Path project, String name, Settings settings)
            throws Exception {
        GatewayServer gateway = launch(processes, tls, project, name, settings);
        gateway.awaitReady(processes, tls);
        return gateway;
    }

    /** Starts the process without waiting, so several replicas can start side by side. */
    static GatewayServer launch(ChildProcesses processes, LocalTls tls, Path project, String name, Settings settings)
            throws Exception {
        Path jar = Path.of(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("The packaged gateway is missing at " + jar);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                // https like behind the TLS ingress; the identity provider's certificate trusted.
                "-Dquarkus.tls.e2e.key-store.p12.path=" + tls.p12,
                "-Dquarkus.tls.e2e.key-store.p12.password=" + LocalTls.PASSWORD,
                "-Dquarkus.tls.e2e.trust-store.pem.certs=" + tls.certificate,
                "-Dquarkus.http.tls-configuration-name=e2e", "-Dquarkus.http.insecure-requests=disabled",
                "-Dquarkus.oidc.tls.tls-configuration-name=e2e", "-Dquarkus.oidc.consent.tls.tls-configuration-name=e2e"));
        command.addAll(settings.extraProperties());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(project.toFile());
        int port = E2EStack.freePort();
        int managementPort = E2EStack.freePort();
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(E2EStack.freePort()));
        env.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("GATEWAY_DB_URL", settings.databaseUrl());
        env.put("GATEWAY_DB_USER", "postgres");
        env.put("GATEWAY_DB_PASSWORD", settings.databasePassword());
        env.put("GATEWAY_OIDC_ISSUER", settings.issuer());
        env.put("GATEWAY_PAIRWISE_SECRET", settings.pairwiseSecret());
        env.put("GATEWAY_CONSENT_CLIENT_SECRET", settings.consentClientSecret());
        env.put("GATEWAY_CSRF_KEY", settings.csrfKey());
        env.put("GATEWAY_PARTNERS_DIR", settings.partnersDir().toString());
        env.putAll(RUN_SECRETS);
        env.putAll(settings.extraEnvironment());
        return new GatewayServer(name, port, managementPort, processes.start(pb, name));
    }

    /**
     * This run's access-log checkpoint key pair and Skyway Travel's webhook secret (its partner file names
     * SKYWAY_WEBHOOK_SECRET): random, as production requires, and the same for every gateway of the run, as the
     * replicas of one deployment share them.
     */
    static final Map<String, String> RUN_SECRETS = runSecrets();

    private static Map<String, String> runSecrets() {
        try {
            java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] webhook = new byte[32];
            new java.security.SecureRandom().nextBytes(webhook);
            java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
            return Map.of("GATEWAY_AUDIT_SIGNING_KEY", b64.encodeToString(pair.getPrivate().getEncoded()),
                    "GATEWAY_AUDIT_PUBLIC_KEY", b64.encodeToString(pair.getPublic().getEncoded()),
                    "SKYWAY_WEBHOOK_SECRET", "whsec_" + b64.encodeToString(webhook));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no Ed25519 in this JDK", e);
        }
    }

    void awaitReady(ChildProcesses processes, LocalTls tls) throws Exception {
        processes.awaitHttp200(readiness(), tls.clientContext(), Duration.ofSeconds(120), "gateway " + name);
    }
}
