package org.privacygateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.privacygateway.deploy.ManifestChecks.Stage;

/**
 * Renders the kustomize base and the production overlay with {@code kubectl kustomize} and checks every object
 * (see {@link ManifestChecks}); then breaks a copy of the repository's manifests in one place at a time and shows
 * the check that catches it. No Quarkus, no cluster: a second or two.
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void productionOverlayHoldsEverything() throws Exception {
        assertEquals(List.of(), problems(ROOT, Stage.PRODUCTION));
    }

    @Test
    void baseHoldsEverything() throws Exception {
        assertEquals(List.of(), problems(ROOT, Stage.BASE));
    }

    @Test
    void theGatewayIsRequiredToGetWhatItReadsInProduction() throws Exception {
        // What the check derives from application.properties and ProductionGuard: if this set came out empty the
        // env check would pass vacuously.
        assertTrue(ManifestChecks.requiredEnvironment(ROOT).containsAll(List.of("GATEWAY_DB_URL", "GATEWAY_DB_USER",
                "GATEWAY_DB_PASSWORD", "GATEWAY_OIDC_ISSUER", "GATEWAY_PAIRWISE_SECRET", "GATEWAY_CSRF_KEY",
                "GATEWAY_CONSENT_CLIENT_SECRET", "GATEWAY_TRUSTED_PROXIES")),
                () -> "derived: " + safe(() -> ManifestChecks.requiredEnvironment(ROOT)));
    }

    // ------------------------------------------------------------------ the checks bite: one break at a time

    @Test
    void anUnknownFieldIsRefused(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/deployment.yaml", s -> s.replace("  strategy:\n", "  replica: 3\n  strategy:\n"));
        assertCaught(copy, "Deployment privacy-gateway: unknown field 'replica' at spec");
    }

    @Test
    void aMisspeltFieldDeepInAPodIsRefused(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/deployment.yaml", s -> s.replace("            periodSeconds: 5\n",
                "            periodSecond: 5\n"));
        assertCaught(copy, "unknown field 'periodSecond' at spec.template.spec.containers[0].readinessProbe");
    }

    @Test
    void aDatabaseUrlThatMissesTheClusterDatabaseIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/deployment.yaml", s -> s.replace("privacy-gateway-db-pooler:5432/gateway",
                "privacy-gateway-db-pooler:5432/postgres"));
        assertCaught(copy, "GATEWAY_DB_URL names database postgres, Cluster privacy-gateway-db creates gateway");
    }

    @Test
    void anUnknownFieldOfACustomResourceIsRefused(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/postgres/pooler.yaml", s -> s.replace("  type: rw\n", "  type: rw\n  poolmode: session\n"));
        assertCaught(copy, "Pooler privacy-gateway-db-pooler: unknown field 'poolmode' at spec");
    }

    @Test
    void anInlinedSecretIsRefused(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/deployment.yaml", s -> s.replace(
                "- name: GATEWAY_CSRF_KEY\n              valueFrom:\n"
                        + "                secretKeyRef: {name: privacy-gateway-secrets, key: csrf-key}\n",
                "- name: GATEWAY_CSRF_KEY\n              value: q8Jz0vX3mN5rT7yB1cD4fG6hK9lP2sW0\n"));
        assertCaught(copy, "GATEWAY_CSRF_KEY is a secret given as a literal value");
    }

    @Test
    void aUrlWithAPasswordIsRefused(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/deployment.yaml", s -> s.replace(
                "value: jdbc:postgresql://privacy-gateway-db-pooler:5432/gateway",
                "value: jdbc:postgresql://gateway:hunter2@privacy-gateway-db-pooler:5432/gateway"));
        assertCaught(copy, "GATEWAY_DB_URL is a URL with a password in it");
    }

    @Test
    void aSecretObjectIsRefused(@TempDir Path copy) throws Exception {
        copyRepository(copy);
        Files.writeString(copy.resolve("k8s/base/secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: privacy-gateway-secrets
                stringData:
                  csrf-key: not-in-git
                """, java.nio.charset.StandardCharsets.UTF_8);
        edit(copy, "k8s/base/kustomization.yaml", s -> s.replace("  - deployment.yaml\n",
                "  - deployment.yaml\n  - secret.yaml\n"));
        assertCaught(copy, "Secret privacy-gateway-secrets is in the manifests");
    }

    @Test
    void aMissingEnvironmentVariableIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/deployment.yaml", s -> s.replace(
                "            - name: GATEWAY_TRUSTED_PROXIES\n              value: 10.0.0.0/8\n", ""));
        assertCaught(copy, "does not set GATEWAY_TRUSTED_PROXIES, which the gateway reads in production");
    }

    @Test
    void aVariableTheGatewayStartsReadingIsRequired(@TempDir Path copy) throws Exception {
        edit(copy, "src/main/resources/application.properties",
                s -> s + "\n%prod.gateway.example.setting=${GATEWAY_EXAMPLE_SETTING}\n");
        assertCaught(copy, "does not set GATEWAY_EXAMPLE_SETTING");
    }

    @Test
    void aServiceThatSelectsNoPodsIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/service.yaml", s -> s.replace("  selector:\n    app.kubernetes.io/name: privacy-gateway",
                "  selector:\n    app.kubernetes.io/name: privacy-gateway-api"));
        assertCaught(copy, "Service privacy-gateway selects 0 Deployments' pods");
    }

    @Test
    void aWiderNetworkPolicyIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/redis/networkpolicy.yaml", s -> s.replace(
                "matchLabels: {app.kubernetes.io/name: privacy-gateway, app.kubernetes.io/component: gateway}",
                "matchLabels: {app.kubernetes.io/part-of: privacy-gateway}"));
        assertCaught(copy, "NetworkPolicy privacy-gateway-redis ingress allows [");
    }

    @Test
    void aRealmImportThatDiffersFromTheRealmFileIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/keycloak/privacy-gateway-realm.json",
                s -> s.replace("\"accessTokenLifespan\": 300", "\"accessTokenLifespan\": 600"));
        assertCaught(copy, "the KeycloakRealmImport's realm differs from k8s/keycloak/privacy-gateway-realm.json");
    }

    @Test
    void aDashboardMetricTheGatewayDoesNotPublishIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/monitoring/privacy-gateway-dashboard.json",
                s -> s.replace("gateway_fail_closed_total", "gateway_failed_closed_total"));
        assertCaught(copy, "the dashboard queries gateway_failed_closed_total, which the gateway does not publish");
    }

    @Test
    void fewerPostgresInstancesInProductionAreCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/overlays/production/kustomization.yaml", s -> s.replace(
                "/spec/instances, value: 3}", "/spec/instances, value: 2}"));
        assertCaught(copy, "Cluster privacy-gateway-db has 2 instances in production, expected 3");
    }

    @Test
    void publishingMetricsThroughTheIngressIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/ingress.yaml", s -> s.replace("{path: /graphql,", "{path: /,"));
        assertCaught(copy, "/ publishes the gateway's /q/ endpoints");
    }

    @Test
    void aMissingOutOfMemoryExitIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/deployment.yaml", s -> s.replace(" -XX:+ExitOnOutOfMemoryError", ""));
        assertCaught(copy, "JAVA_OPTS_APPEND lacks -XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void anUndocumentedSecretIsCaught(@TempDir Path copy) throws Exception {
        edit(copy, "k8s/base/deployment.yaml", s -> s.replace("{name: privacy-gateway-secrets, key: csrf-key}",
                "{name: gateway-extra, key: csrf-key}"));
        assertCaught(copy, "reads Secret gateway-extra, which is neither created by an operator");
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> problems(Path root, Stage stage) throws IOException, InterruptedException {
        Path dir = root.resolve(stage == Stage.PRODUCTION ? "k8s/overlays/production" : "k8s/base");
        return ManifestChecks.problems(root, RenderedManifests.render(dir), stage);
    }

    /** Copies what the checks read into {@code copy}, then changes one file, failing if the change did not apply. */
    private static void edit(Path copy, String file, UnaryOperator<String> change) throws IOException {
        copyRepository(copy);
        Path target = copy.resolve(file);
        String before = Files.readString(target);
        String after = change.apply(before);
        if (after.equals(before)) {
            throw new AssertionError("the edit of " + file + " changed nothing: the test is out of date");
        }
        Files.writeString(target, after);
    }

    private static void copyRepository(Path copy) throws IOException {
        if (Files.exists(copy.resolve("k8s"))) {
            return;
        }
        for (String tree : List.of("k8s", "partners", "docs/operations-kubernetes.md",
                "src/main/resources/application.properties",
                "src/main/java/org/privacygateway/config/ProductionGuard.java")) {
            Path from = ROOT.resolve(tree);
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    Path to = copy.resolve(ROOT.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** The broken copy fails in production with a problem containing {@code expected}, and the real one does not. */
    private static void assertCaught(Path copy, String expected) throws Exception {
        List<String> broken = problems(copy, Stage.PRODUCTION);
        assertTrue(broken.stream().anyMatch(p -> p.contains(expected)),
                () -> "expected a problem containing \"" + expected + "\", got " + broken);
        List<String> intact = intactProduction();
        assertTrue(intact.stream().noneMatch(p -> p.contains(expected)), () -> "the intact manifests have it: " + intact);
    }

    private static List<String> intact;

    private static synchronized List<String> intactProduction() throws IOException, InterruptedException {
        if (intact == null) {
            intact = problems(ROOT, Stage.PRODUCTION);
        }
        return intact;
    }

    private interface Io<T> {
        T get() throws IOException;
    }

    private static Object safe(Io<?> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
