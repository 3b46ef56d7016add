package org.privacygateway.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * A kustomization rendered by {@code kubectl kustomize} and every object in it parsed strictly: core kinds into
 * fabric8's model classes, custom resources into {@link CustomResources}, unknown fields refused everywhere.
 */
record RenderedManifests(List<Parsed> objects, List<String> problems) {

    /** One rendered object: its identity and its typed model ({@code null} when it did not parse). */
    record Parsed(String apiVersion, String kind, String name, String namespace, Map<String, String> labels,
            Object model) {

        String id() {
            return kind + " " + name;
        }
    }

    /** apiVersion/kind → the class its objects are read into; a kind not listed is a problem. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", CustomResources.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1/Pooler", CustomResources.Pooler.class),
            Map.entry("k8s.keycloak.org/v2alpha1/Keycloak", CustomResources.Keycloak.class),
            Map.entry("k8s.keycloak.org/v2alpha1/KeycloakRealmImport", CustomResources.KeycloakRealmImport.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", CustomResources.ServiceMonitor.class));

    /**
     * Reads YAML into the models with unknown fields refused. fabric8's classes collect unknown fields in an
     * {@code additionalProperties} map through {@code @JsonAnySetter}; this mapper ignores that annotation, so an
     * unknown field fails instead.
     */
    static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            });

    /** Renders the kustomization in {@code dir} and parses every object. */
    static RenderedManifests render(Path dir) throws IOException, InterruptedException {
        return parse(kustomize(dir));
    }

    static RenderedManifests parse(String yaml) throws IOException {
        List<Parsed> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                String apiVersion = doc.path("apiVersion").asText();
                String kind = doc.path("kind").asText();
                ObjectMeta meta = STRICT.convertValue(doc.path("metadata"), ObjectMeta.class);
                Parsed identity = new Parsed(apiVersion, kind, meta.getName(), meta.getNamespace(),
                        meta.getLabels() == null ? Map.of() : meta.getLabels(), null);
                Class<?> model = MODELS.get(apiVersion + "/" + kind);
                if (model == null) {
                    problems.add(identity.id() + ": " + apiVersion + " " + kind + " is not a kind this test knows");
                    objects.add(identity);
                    continue;
                }
                try {
                    Object typed = STRICT.treeToValue(doc, model);
                    objects.add(new Parsed(apiVersion, kind, identity.name(), identity.namespace(), identity.labels(),
                            typed));
                } catch (UnrecognizedPropertyException e) {
                    problems.add(identity.id() + ": unknown field '" + e.getPropertyName() + "' at "
                            + path(e) + " (not a field of " + e.getReferringClass().getSimpleName() + ")");
                    objects.add(identity);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    problems.add(identity.id() + ": does not parse as " + model.getSimpleName() + ": "
                            + e.getMessage().lines().findFirst().orElse(""));
                    objects.add(identity);
                }
            }
        }
        return new RenderedManifests(List.copyOf(objects), List.copyOf(problems));
    }

    private static String path(JsonProcessingException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        return path.toString();
    }

    /** Every object of that model class. */
    <T> List<T> all(Class<T> type) {
        return objects.stream().map(Parsed::model).filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * {@code kubectl kustomize} with the load restrictor relaxed (the partners ConfigMap and the dashboard come from
     * files outside the base). kubectl is taken from the {@code kubectl} system property, else from PATH.
     */
    static String kustomize(Path dir) throws IOException, InterruptedException {
        String kubectl = kubectl();
        Process process = new ProcessBuilder(kubectl, "kustomize", "--load-restrictor", "LoadRestrictionsNone",
                dir.toString()).redirectErrorStream(false).start();
        process.getOutputStream().close();
        var stderr = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(stderr);
            } catch (IOException ignored) {
                // the exit code says what matters
            }
        });
        drain.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 60 s");
        }
        drain.join();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "): "
                    + stderr.toString(StandardCharsets.UTF_8).strip());
        }
        return out;
    }

    static String kubectl() {
        String configured = System.getProperty("kubectl");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("kubectl is not on PATH: the Kubernetes manifests test renders k8s/ with"
                + " `kubectl kustomize` (kustomize v5, kubectl 1.27 or later; Debian 12's kubernetes-client 1.20 is too"
                + " old). Install it (.ci/run shows how) or pass -Dkubectl=/path/to/kubectl.");
    }
}
