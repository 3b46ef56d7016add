package org.privacygateway.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import org.privacygateway.deploy.CustomResources.Cluster;
import org.privacygateway.deploy.CustomResources.Keycloak;
import org.privacygateway.deploy.CustomResources.KeycloakRealmImport;
import org.privacygateway.deploy.CustomResources.Pooler;
import org.privacygateway.deploy.CustomResources.ServiceMonitor;

/**
 * What the rendered manifests must hold: each check adds a sentence to the list of problems, so a test can assert
 * the list is empty and a broken copy can show which check caught it. The repository root is passed in, so the
 * same checks run on a deliberately broken copy.
 */
final class ManifestChecks {

    /**
     * Every metric the gateway publishes at /q/metrics (Micrometer, Prometheus names): the dashboard may use these and
     * no others. Extend this list when the gateway gains a metric.
     */
    static final Set<String> GATEWAY_METRICS = Set.of(
            "gateway_requests_seconds_bucket", "gateway_requests_seconds_count", "gateway_requests_seconds_sum",
            "gateway_fields_total",
            "gateway_rate_limited_total",
            "gateway_fail_closed_total",
            "gateway_job_runs_total",
            "gateway_rate_limit_store_degraded",
            "gateway_webhook_deliveries_total",
            "gateway_audit_checkpoints_total");

    /** Environment variables the gateway reads in production that the Deployment may leave unset, and why. */
    static final Map<String, String> OPTIONAL_ENV = Map.of(
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
            "tracing is optional: the OpenTelemetry exporter stays off unless an endpoint is set");

    /**
     * Secrets the manifests read but never create: the operator of the cluster creates them (each is described, with
     * the command that creates it, in docs/operations-kubernetes.md). Name → the keys read from it.
     */
    static final Map<String, Set<String>> EXTERNAL_SECRETS = Map.of(
            "privacy-gateway-secrets", Set.of("pairwise-secret", "consent-center-client-secret", "csrf-key",
                    "audit-signing-key", "audit-public-key", "skyway-webhook-secret"),
            "privacy-gateway-redis", Set.of("password", "url"),
            "privacy-gateway-tls", Set.of("tls.crt", "tls.key"));

    /** Environment variables holding a credential although their name does not say so. */
    static final Set<String> SECRET_ENV = Set.of("REDIS_URL");

    static final Pattern SECRET_LIKE_NAME = Pattern.compile(".*(PASSWORD|PASSWD|SECRET|KEY|TOKEN|CREDENTIAL).*");
    /** A URL carrying a password: scheme://user:password@host. */
    static final Pattern URL_WITH_CREDENTIALS = Pattern.compile("[a-z][a-z0-9+.-]*://[^/@\\s]*:[^/@\\s]+@");
    /** An environment variable used in a property value: ${NAME or ${NAME:default}. */
    static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    static final Pattern ENV_NAME_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    static final Pattern METRIC = Pattern.compile("\\b(gateway_[a-z0-9_]+)\\b");

    static final String GATEWAY = "privacy-gateway";
    static final String DASHBOARD_LABEL = "grafana_dashboard";

    enum Stage {
        BASE, PRODUCTION
    }

    private final Path root;
    private final RenderedManifests rendered;
    private final Stage stage;
    private final List<String> problems = new ArrayList<>();

    private ManifestChecks(Path root, RenderedManifests rendered, Stage stage) {
        this.root = root;
        this.rendered = rendered;
        this.stage = stage;
    }

    /** Every problem found in {@code rendered}, the kustomization {@code stage} of the repository at {@code root}. */
    static List<String> problems(Path root, RenderedManifests rendered, Stage stage) throws IOException {
        ManifestChecks checks = new ManifestChecks(root, rendered, stage);
        checks.problems.addAll(rendered.problems());
        checks.run();
        return List.copyOf(checks.problems);
    }

    private void run() throws IOException {
        namesAndLabels();
        noSecretObjects();
        Deployment gateway = one(Deployment.class, GATEWAY);
        for (Deployment d : rendered.all(Deployment.class)) {
            workload(d);
        }
        if (gateway != null) {
            gatewayDeployment(gateway);
        }
        services();
        autoscaler(gateway);
        disruptionBudget(gateway);
        networkPolicies();
        ingress();
        serviceMonitor();
        postgres();
        keycloak();
        dashboard();
        documentedSecrets();
    }

    /** The operations guide tells how to create every Secret the manifests read but do not create, with its keys. */
    private void documentedSecrets() throws IOException {
        Path guide = root.resolve("docs/operations-kubernetes.md");
        // Shell continuation lines joined, so a command split over lines with \ reads as one.
        String text = Files.exists(guide) ? Files.readString(guide).replaceAll("\\\\\n\\s*", " ") : "";
        EXTERNAL_SECRETS.forEach((name, keys) -> {
            String command = text.lines().filter(l -> l.contains("kubectl ") && l.contains(" create secret ") && l.contains(" " + name + " "))
                    .findFirst().orElse(null);
            if (command == null) {
                problem("docs/operations-kubernetes.md has no `kubectl create secret ... " + name + "` command");
                return;
            }
            for (String key : keys) {
                if (!command.contains("--from-literal=" + key + "=") && !command.contains("--from-file=" + key + "=")
                        && !(command.contains("secret tls") && key.startsWith("tls."))) {
                    problem("docs/operations-kubernetes.md creates Secret " + name + " without its key " + key);
                }
            }
        });
    }

    // ---------------------------------------------------------------- names, labels, secrets

    private void namesAndLabels() {
        Set<String> seen = new TreeSet<>();
        for (RenderedManifests.Parsed o : rendered.objects()) {
            if (!seen.add(o.kind() + "/" + o.name())) {
                problem(o.id() + " is defined twice");
            }
            if (!GATEWAY.equals(o.labels().get("app.kubernetes.io/part-of"))) {
                problem(o.id() + " lacks the label app.kubernetes.io/part-of: " + GATEWAY);
            }
            if (o.labels().get("app.kubernetes.io/name") == null || o.labels().get("app.kubernetes.io/component") == null) {
                problem(o.id() + " lacks app.kubernetes.io/name or app.kubernetes.io/component");
            }
            String expected = stage == Stage.PRODUCTION ? GATEWAY : null;
            if (!Objects.equals(o.namespace(), expected)) {
                problem(o.id() + " is in namespace " + o.namespace() + ", expected " + expected);
            }
        }
    }

    private void noSecretObjects() {
        for (Secret s : rendered.all(Secret.class)) {
            problem("Secret " + s.getMetadata().getName() + " is in the manifests: secrets are created apart and only"
                    + " referenced (" + (s.getData() != null || s.getStringData() != null ? "it inlines values" : "empty")
                    + ")");
        }
    }

    // ---------------------------------------------------------------- workloads

    /** Checks every Deployment: selector, env values, secret and ConfigMap references, probes and resources. */
    private void workload(Deployment d) {
        String id = "Deployment " + d.getMetadata().getName();
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        if (!selects(d.getSpec().getSelector(), podLabels)) {
            problem(id + ": its selector does not select its own pod template");
        }
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Set<String> volumes = new TreeSet<>();
        for (Volume v : pod.getVolumes()) {
            volumes.add(v.getName());
            if (v.getConfigMap() != null && one(ConfigMap.class, v.getConfigMap().getName()) == null) {
                problem(id + ": volume " + v.getName() + " mounts ConfigMap " + v.getConfigMap().getName()
                        + ", which the manifests do not define");
            }
            if (v.getSecret() != null) {
                problem(id + ": volume " + v.getName() + " mounts Secret " + v.getSecret().getSecretName()
                        + "; pass secrets as secretKeyRef environment variables");
            }
        }
        for (Container c : pod.getContainers()) {
            String cid = id + " container " + c.getName();
            c.getVolumeMounts().stream().filter(m -> !volumes.contains(m.getName()))
                    .forEach(m -> problem(cid + " mounts volume " + m.getName() + ", which the pod does not have"));
            for (EnvVar e : c.getEnv()) {
                env(cid, e);
            }
            if (!c.getEnvFrom().isEmpty()) {
                problem(cid + " uses envFrom: name every variable, so the test can see what the gateway gets");
            }
            Set<String> ports = c.getPorts().stream().map(p -> p.getName()).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            probe(cid, "readiness", c.getReadinessProbe(), ports);
            probe(cid, "liveness", c.getLivenessProbe(), ports);
            if (c.getResources() == null || quantity(c.getResources().getRequests(), "cpu") == null
                    || quantity(c.getResources().getRequests(), "memory") == null
                    || quantity(c.getResources().getLimits(), "memory") == null) {
                problem(cid + " lacks a cpu and memory request or a memory limit");
            } else if (quantity(c.getResources().getRequests(), "memory")
                    .compareTo(quantity(c.getResources().getLimits(), "memory")) > 0) {
                problem(cid + " requests more memory than its limit");
            }
            var security = c.getSecurityContext();
            if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
                    || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                problem(cid + " must not allow privilege escalation and must have a read-only root filesystem");
            }
        }
    }

    /** A literal value must never be a secret; a reference must name a Secret the docs tell the operator to create. */
    private void env(String cid, EnvVar e) {
        boolean secretLike = SECRET_LIKE_NAME.matcher(e.getName()).matches() || SECRET_ENV.contains(e.getName());
        if (e.getValue() != null) {
            if (secretLike) {
                problem(cid + ": " + e.getName() + " is a secret given as a literal value; use valueFrom.secretKeyRef");
            }
            if (URL_WITH_CREDENTIALS.matcher(e.getValue()).find()) {
                problem(cid + ": " + e.getName() + " is a URL with a password in it; use valueFrom.secretKeyRef");
            }
        } else if (e.getValueFrom() == null) {
            problem(cid + ": " + e.getName() + " has neither a value nor valueFrom");
        } else if (e.getValueFrom().getSecretKeyRef() != null) {
            var ref = e.getValueFrom().getSecretKeyRef();
            secretReference(cid + " " + e.getName(), ref.getName(), ref.getKey());
        } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = e.getValueFrom().getConfigMapKeyRef();
            ConfigMap map = one(ConfigMap.class, ref.getName());
            if (map == null || map.getData() == null || !map.getData().containsKey(ref.getKey())) {
                problem(cid + ": " + e.getName() + " reads key " + ref.getKey() + " of ConfigMap " + ref.getName()
                        + ", which the manifests do not define");
            }
        } else if (secretLike) {
            problem(cid + ": " + e.getName() + " is a secret but not read from a Secret");
        }
    }

    /** A Secret is either created by an operator for an object in the manifests, or listed as created apart. */
    private void secretReference(String where, String name, String key) {
        Set<String> keys = EXTERNAL_SECRETS.get(name);
        if (keys != null) {
            if (key != null && !keys.contains(key)) {
                problem(where + " reads key " + key + " of Secret " + name + ", which is not one of its documented keys "
                        + keys);
            }
            return;
        }
        if (!operatorSecrets().contains(name)) {
            problem(where + " reads Secret " + name + ", which is neither created by an operator for an object here"
                    + " nor listed as created apart (EXTERNAL_SECRETS and docs/operations-kubernetes.md)");
        }
    }

    /** CloudNativePG creates {@code <cluster>-app} for each Cluster. */
    private Set<String> operatorSecrets() {
        return rendered.all(Cluster.class).stream().map(c -> c.metadata().getName() + "-app").collect(Collectors.toSet());
    }

    private void probe(String cid, String kind, Probe probe, Set<String> ports) {
        if (probe == null) {
            problem(cid + " has no " + kind + " probe");
            return;
        }
        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
        if (port != null && port.getStrVal() != null && !ports.contains(port.getStrVal())) {
            problem(cid + ": the " + kind + " probe uses port " + port.getStrVal() + ", which the container does not name");
        }
    }

    /** What only the gateway must have: every environment variable it reads in prod, its probes, its JVM flags. */
    private void gatewayDeployment(Deployment d) throws IOException {
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        String cid = "Deployment " + GATEWAY + " container " + c.getName();
        Map<String, EnvVar> env = new LinkedHashMap<>();
        c.getEnv().forEach(e -> env.put(e.getName(), e));
        for (String name : requiredEnvironment(root)) {
            if (!env.containsKey(name) && !OPTIONAL_ENV.containsKey(name)) {
                problem(cid + " does not set " + name + ", which the gateway reads in production");
            }
        }
        Map<String, String> paths = Map.of("startup", "/q/health/started", "readiness", "/q/health/ready",
                "liveness", "/q/health/live");
        Map<String, Probe> probes = new HashMap<>();
        probes.put("startup", c.getStartupProbe());
        probes.put("readiness", c.getReadinessProbe());
        probes.put("liveness", c.getLivenessProbe());
        paths.forEach((kind, path) -> {
            Probe p = probes.get(kind);
            if (p == null || p.getHttpGet() == null || !path.equals(p.getHttpGet().getPath())) {
                problem(cid + " needs an http " + kind + " probe on " + path);
            }
        });
        String jvm = env.containsKey("JAVA_OPTS_APPEND") ? env.get("JAVA_OPTS_APPEND").getValue() : "";
        if (jvm == null || !jvm.contains("-XX:+ExitOnOutOfMemoryError")) {
            problem(cid + ": JAVA_OPTS_APPEND lacks -XX:+ExitOnOutOfMemoryError");
        } else {
            Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(jvm);
            BigDecimal limit = quantity(c.getResources().getLimits(), "memory");
            if (!xmx.find()) {
                problem(cid + ": JAVA_OPTS_APPEND sets no -Xmx in MiB");
            } else if (limit != null
                    && new BigDecimal(xmx.group(1)).multiply(BigDecimal.valueOf(2L * 1024 * 1024)).compareTo(limit) > 0) {
                problem(cid + ": the memory limit is less than twice -Xmx (the measured resident size is about twice"
                        + " the heap)");
            }
        }
        if (quantity(c.getResources().getLimits(), "cpu") == null) {
            problem(cid + " has no cpu limit");
        }
        urlHost(cid, env, "GATEWAY_DB_URL", Pattern.compile("jdbc:postgresql://([^:/]+)"));
        database(cid, env);
        EnvVar issuer = env.get("GATEWAY_OIDC_ISSUER");
        if (issuer != null) {
            String host = issuer.getValue() == null ? "" : issuer.getValue().replaceFirst("^https://([^/:]+).*", "$1");
            if (!issuer.getValue().startsWith("https://") || !routesToKeycloak(host)) {
                problem(cid + ": GATEWAY_OIDC_ISSUER " + issuer.getValue() + " is not an https host the Ingress serves"
                        + " with TLS and routes /realms of to Keycloak's Service");
            }
        }
    }

    /**
     * The JDBC URL names the database the CloudNativePG cluster behind it creates, and the user and password come
     * from the Secret that same cluster's operator writes.
     */
    private void database(String cid, Map<String, EnvVar> env) {
        EnvVar url = env.get("GATEWAY_DB_URL");
        Matcher m = url == null || url.getValue() == null ? null
                : Pattern.compile("jdbc:postgresql://([^:/]+)(?::\\d+)?/([^?]+)").matcher(url.getValue());
        if (m == null || !m.find()) {
            return;
        }
        String host = m.group(1);
        String cluster = rendered.all(Pooler.class).stream().filter(p -> p.metadata().getName().equals(host))
                .map(p -> p.spec().cluster().name()).findFirst().orElse(host.replaceFirst("-(rw|ro|r)$", ""));
        Cluster c = rendered.all(Cluster.class).stream().filter(x -> x.metadata().getName().equals(cluster))
                .findFirst().orElse(null);
        if (c == null) {
            problem(cid + ": GATEWAY_DB_URL reaches no CloudNativePG Cluster of these manifests");
            return;
        }
        if (!m.group(2).equals(c.spec().bootstrap().initdb().database())) {
            problem(cid + ": GATEWAY_DB_URL names database " + m.group(2) + ", Cluster " + cluster + " creates "
                    + c.spec().bootstrap().initdb().database());
        }
        for (String name : List.of("GATEWAY_DB_USER", "GATEWAY_DB_PASSWORD")) {
            EnvVar e = env.get(name);
            String secret = e == null || e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null ? null
                    : e.getValueFrom().getSecretKeyRef().getName();
            if (!(cluster + "-app").equals(secret)) {
                problem(cid + ": " + name + " must come from Secret " + cluster + "-app, the user of the database"
                        + " GATEWAY_DB_URL reaches");
            }
        }
    }

    /** The Services an in-cluster URL may name: those defined here and those the operators create. */
    private void urlHost(String cid, Map<String, EnvVar> env, String name, Pattern pattern) {
        EnvVar e = env.get(name);
        if (e == null || e.getValue() == null) {
            return;
        }
        Matcher m = pattern.matcher(e.getValue());
        if (!m.find() || !serviceNames().contains(m.group(1))) {
            problem(cid + ": " + name + " " + e.getValue() + " does not point to a Service of these manifests");
        }
    }

    private Set<String> serviceNames() {
        Set<String> names = new TreeSet<>();
        rendered.all(Service.class).forEach(s -> names.add(s.getMetadata().getName()));
        rendered.all(Pooler.class).forEach(p -> names.add(p.metadata().getName()));
        rendered.all(Cluster.class).forEach(c -> {
            names.add(c.metadata().getName() + "-rw");
            names.add(c.metadata().getName() + "-ro");
            names.add(c.metadata().getName() + "-r");
        });
        rendered.all(Keycloak.class).forEach(k -> names.add(k.metadata().getName() + "-service"));
        return names;
    }

    /**
     * The environment variables the gateway reads in production: every ${NAME} in an unprefixed or %prod. property of
     * application.properties, and every variable ProductionGuard names in its refusals.
     */
    static Set<String> requiredEnvironment(Path root) throws IOException {
        Set<String> names = new TreeSet<>();
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(root.resolve("src/main/resources/application.properties"))));
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%") || key.startsWith("%prod.")) {
                Matcher m = ENV_REFERENCE.matcher(properties.getProperty(key));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        Matcher guard = ENV_NAME_LITERAL.matcher(Files.readString(
                root.resolve("src/main/java/org/privacygateway/config/ProductionGuard.java")));
        while (guard.find()) {
            names.add(guard.group(1));
        }
        return names;
    }

    // ---------------------------------------------------------------- services, autoscaler, budget

    private void services() {
        for (Service s : rendered.all(Service.class)) {
            String id = "Service " + s.getMetadata().getName();
            Map<String, String> selector = s.getSpec().getSelector();
            List<Deployment> selected = rendered.all(Deployment.class).stream()
                    .filter(d -> selector != null && !selector.isEmpty()
                            && d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                                    .containsAll(selector.entrySet()))
                    .toList();
            if (selected.size() != 1) {
                problem(id + " selects " + selected.size() + " Deployments' pods, expected exactly one");
                continue;
            }
            Set<String> containerPorts = selected.get(0).getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream()).map(p -> p.getName()).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                if (target == null || target.getStrVal() == null || !containerPorts.contains(target.getStrVal())) {
                    problem(id + " port " + port.getName() + " targets " + target + ", not a named port of "
                            + selected.get(0).getMetadata().getName());
                }
            }
        }
    }

    private void autoscaler(Deployment gateway) {
        List<HorizontalPodAutoscaler> hpas = rendered.all(HorizontalPodAutoscaler.class);
        if (hpas.size() != 1) {
            problem("expected one HorizontalPodAutoscaler, found " + hpas.size());
            return;
        }
        var spec = hpas.get(0).getSpec();
        var target = spec.getScaleTargetRef();
        if (!"Deployment".equals(target.getKind()) || !GATEWAY.equals(target.getName())) {
            problem("the HorizontalPodAutoscaler scales " + target.getKind() + " " + target.getName()
                    + ", not the gateway's Deployment");
        }
        if (spec.getMetrics().stream().noneMatch(m -> "Resource".equals(m.getType())
                && "cpu".equals(m.getResource().getName()))) {
            problem("the HorizontalPodAutoscaler does not scale on CPU");
        }
        int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        if (min < (stage == Stage.PRODUCTION ? 3 : 2) || spec.getMaxReplicas() <= min) {
            problem("the HorizontalPodAutoscaler's replicas " + min + ".." + spec.getMaxReplicas()
                    + " are too few for a disruption budget (production: at least 3)");
        }
        if (gateway != null && gateway.getSpec().getReplicas() != null) {
            problem("Deployment " + GATEWAY + " sets replicas, which the HorizontalPodAutoscaler owns");
        }
    }

    private void disruptionBudget(Deployment gateway) {
        List<PodDisruptionBudget> pdbs = rendered.all(PodDisruptionBudget.class);
        if (pdbs.size() != 1 || gateway == null
                || !selects(pdbs.get(0).getSpec().getSelector(),
                        gateway.getSpec().getTemplate().getMetadata().getLabels())) {
            problem("expected one PodDisruptionBudget that selects the gateway's pods");
        }
    }

    // ---------------------------------------------------------------- network policies

    /**
     * The pods each workload runs, labelled as their controllers label them: Deployments from their templates, and
     * the pods the operators create (CloudNativePG instances and PgBouncer, Keycloak).
     */
    private Map<String, Map<String, String>> workloadPods() {
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        rendered.all(Deployment.class).forEach(d -> pods.put("Deployment " + d.getMetadata().getName(),
                d.getSpec().getTemplate().getMetadata().getLabels()));
        rendered.all(Cluster.class).forEach(c -> pods.put("Cluster " + c.metadata().getName(),
                Map.of("cnpg.io/cluster", c.metadata().getName(), "cnpg.io/podRole", "instance")));
        rendered.all(Pooler.class).forEach(p -> pods.put("Pooler " + p.metadata().getName(),
                Map.of("cnpg.io/poolerName", p.metadata().getName(), "cnpg.io/cluster", p.spec().cluster().name(),
                        "cnpg.io/podRole", "pooler")));
        rendered.all(Keycloak.class).forEach(k -> pods.put("Keycloak " + k.metadata().getName(),
                Map.of("app", "keycloak", "app.kubernetes.io/instance", k.metadata().getName(),
                        "app.kubernetes.io/managed-by", "keycloak-operator")));
        return pods;
    }

    private void networkPolicies() {
        Map<String, Map<String, String>> pods = workloadPods();
        Map<String, NetworkPolicy> byTarget = new HashMap<>();
        for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
            String id = "NetworkPolicy " + policy.getMetadata().getName();
            List<String> targets = selected(policy.getSpec().getPodSelector(), pods);
            if (targets.size() != 1) {
                problem(id + " applies to " + targets + ", expected exactly one workload");
            } else {
                byTarget.put(targets.get(0), policy);
            }
        }
        // Keycloak: the operator writes its own NetworkPolicy (Keycloak CR spec.networkPolicy), not these manifests.
        for (String workload : pods.keySet()) {
            if (!workload.startsWith("Keycloak ") && !byTarget.containsKey(workload)) {
                problem(workload + " has no NetworkPolicy");
            }
        }
        expectRules(byTarget.get("Deployment " + GATEWAY), pods, "ingress", Set.of(
                "namespace ingress-nginx pods{app.kubernetes.io/name=ingress-nginx} TCP/8080",
                "namespace monitoring pods{app.kubernetes.io/name=prometheus} TCP/9000"));
        expectRules(byTarget.get("Deployment " + GATEWAY), pods, "egress", Set.of(
                "Pooler privacy-gateway-db-pooler TCP/5432",
                "Deployment privacy-gateway-redis TCP/6379",
                "namespace ingress-nginx pods{app.kubernetes.io/name=ingress-nginx} TCP/443",
                "namespace kube-system pods{k8s-app=kube-dns} UDP/53",
                "namespace kube-system pods{k8s-app=kube-dns} TCP/53"));
        expectRules(byTarget.get("Deployment privacy-gateway-redis"), pods, "ingress", Set.of(
                "Deployment privacy-gateway TCP/6379"));
        expectRules(byTarget.get("Pooler privacy-gateway-db-pooler"), pods, "ingress", Set.of(
                "Deployment privacy-gateway TCP/5432"));
        expectRules(byTarget.get("Cluster privacy-gateway-db"), pods, "ingress", Set.of(
                "Pooler privacy-gateway-db-pooler TCP/5432",
                "Cluster privacy-gateway-db TCP/5432",
                "Cluster privacy-gateway-db TCP/8000",
                "namespace cnpg-system all pods TCP/8000"));
        expectRules(byTarget.get("Cluster keycloak-db"), pods, "ingress", Set.of(
                "Keycloak keycloak TCP/5432",
                "Cluster keycloak-db TCP/5432",
                "Cluster keycloak-db TCP/8000",
                "namespace cnpg-system all pods TCP/8000"));
    }

    private void expectRules(NetworkPolicy policy, Map<String, Map<String, String>> pods, String direction,
            Set<String> expected) {
        if (policy == null) {
            return;
        }
        String id = "NetworkPolicy " + policy.getMetadata().getName();
        if (!policy.getSpec().getPolicyTypes().contains(direction.equals("ingress") ? "Ingress" : "Egress")) {
            problem(id + " does not restrict " + direction);
            return;
        }
        Set<String> actual = new TreeSet<>();
        if (direction.equals("ingress")) {
            policy.getSpec().getIngress().forEach(r -> actual.addAll(rules(id, r.getFrom(), r.getPorts(), pods)));
        } else {
            policy.getSpec().getEgress().forEach(r -> actual.addAll(rules(id, r.getTo(), r.getPorts(), pods)));
        }
        if (!actual.equals(new TreeSet<>(expected))) {
            problem(id + " " + direction + " allows " + actual + ", expected exactly " + new TreeSet<>(expected));
        }
    }

    /** One sentence per peer and port: "Deployment x TCP/6379"; a rule without peers or ports is "anyone"/"any port". */
    private List<String> rules(String id, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports,
            Map<String, Map<String, String>> pods) {
        List<String> peerNames = new ArrayList<>();
        if (peers.isEmpty()) {
            peerNames.add("anyone");
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                peerNames.add("ip " + peer.getIpBlock().getCidr());
            } else if (peer.getNamespaceSelector() != null) {
                LabelSelector ns = peer.getNamespaceSelector();
                String namespace = ns.getMatchLabels() == null ? "any"
                        : ns.getMatchLabels().getOrDefault("kubernetes.io/metadata.name", ns.getMatchLabels().toString());
                peerNames.add("namespace " + namespace + " " + (peer.getPodSelector() == null ? "all pods"
                        : "pods" + new java.util.TreeMap<>(peer.getPodSelector().getMatchLabels()).toString()
                                .replace(", ", ",")));
            } else {
                List<String> workloads = selected(peer.getPodSelector(), pods);
                if (workloads.isEmpty()) {
                    problem(id + ": a peer selects no pods of these manifests: " + peer.getPodSelector());
                }
                peerNames.addAll(workloads);
            }
        }
        List<String> out = new ArrayList<>();
        for (String peer : peerNames) {
            if (ports.isEmpty()) {
                out.add(peer + " any port");
            }
            for (NetworkPolicyPort port : ports) {
                IntOrString number = port.getPort();
                out.add(peer + " " + port.getProtocol() + "/"
                        + (number == null ? "any" : number.getIntVal() != null ? number.getIntVal() : number.getStrVal()));
            }
        }
        return out;
    }

    private List<String> selected(LabelSelector selector, Map<String, Map<String, String>> pods) {
        return pods.entrySet().stream().filter(e -> selects(selector, e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** matchLabels only (matchExpressions would need more than this test reads, so they are refused). */
    private boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            problem("a selector uses matchExpressions, which this test does not read: " + selector);
            return false;
        }
        return labels != null && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    // ---------------------------------------------------------------- ingress, monitoring

    private void ingress() {
        List<Ingress> ingresses = rendered.all(Ingress.class);
        if (ingresses.isEmpty()) {
            problem("no Ingress");
        }
        for (Ingress ingress : ingresses) {
            String id = "Ingress " + ingress.getMetadata().getName();
            Set<String> tlsHosts = new TreeSet<>();
            for (IngressTLS tls : ingress.getSpec().getTls()) {
                tlsHosts.addAll(tls.getHosts());
                secretReference(id, tls.getSecretName(), null);
            }
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (!tlsHosts.contains(rule.getHost())) {
                    problem(id + ": host " + rule.getHost() + " is served without TLS");
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    if (!serviceNames().contains(backend.getName())) {
                        problem(id + ": " + rule.getHost() + path.getPath() + " goes to Service " + backend.getName()
                                + ", which neither these manifests nor their operators create");
                    }
                    Service service = one(Service.class, backend.getName());
                    if (service != null && service.getSpec().getPorts().stream()
                            .noneMatch(p -> Objects.equals(p.getName(), backend.getPort().getName()))) {
                        problem(id + ": " + rule.getHost() + path.getPath() + " uses port " + backend.getPort().getName()
                                + ", which Service " + backend.getName() + " does not name");
                    }
                    if (GATEWAY.equals(backend.getName())
                            && (path.getPath().equals("/") || path.getPath().startsWith("/q"))) {
                        problem(id + ": " + path.getPath() + " publishes the gateway's /q/ endpoints (metrics, health)");
                    }
                }
            }
        }
    }

    private boolean routesToKeycloak(String host) {
        Set<String> keycloakServices = rendered.all(Keycloak.class).stream()
                .map(k -> k.metadata().getName() + "-service").collect(Collectors.toSet());
        return rendered.all(Ingress.class).stream().anyMatch(i -> i.getSpec().getTls().stream()
                .anyMatch(t -> t.getHosts().contains(host))
                && i.getSpec().getRules().stream().anyMatch(r -> host.equals(r.getHost()) && r.getHttp().getPaths()
                        .stream().anyMatch(p -> p.getPath().equals("/realms")
                                && keycloakServices.contains(p.getBackend().getService().getName()))));
    }

    private void serviceMonitor() {
        List<ServiceMonitor> monitors = rendered.all(ServiceMonitor.class);
        Service gateway = one(Service.class, GATEWAY);
        if (monitors.size() != 1 || gateway == null) {
            problem("expected one ServiceMonitor and the gateway's Service");
            return;
        }
        ServiceMonitor monitor = monitors.get(0);
        if (!selects(monitor.spec().selector(), gateway.getMetadata().getLabels())) {
            problem("the ServiceMonitor does not select the gateway's Service by its labels");
        }
        for (var endpoint : monitor.spec().endpoints()) {
            if (gateway.getSpec().getPorts().stream().noneMatch(p -> Objects.equals(p.getName(), endpoint.port()))) {
                problem("the ServiceMonitor scrapes port " + endpoint.port() + ", which the gateway's Service does not name");
            }
            if (!"/q/metrics".equals(endpoint.path())) {
                problem("the ServiceMonitor scrapes " + endpoint.path() + ", not /q/metrics");
            }
        }
    }

    // ---------------------------------------------------------------- PostgreSQL, Keycloak

    private void postgres() {
        Cluster db = rendered.all(Cluster.class).stream().filter(c -> c.metadata().getName().equals(GATEWAY + "-db"))
                .findFirst().orElse(null);
        if (db == null) {
            problem("no CloudNativePG Cluster " + GATEWAY + "-db");
            return;
        }
        if (stage == Stage.PRODUCTION && db.spec().instances() != 3) {
            problem("Cluster " + GATEWAY + "-db has " + db.spec().instances() + " instances in production, expected 3");
        }
        Set<String> clusters = rendered.all(Cluster.class).stream().map(c -> c.metadata().getName())
                .collect(Collectors.toSet());
        List<Pooler> poolers = rendered.all(Pooler.class);
        if (poolers.stream().noneMatch(p -> p.spec().cluster().name().equals(GATEWAY + "-db") && "rw".equals(p.spec().type()))) {
            problem("no PgBouncer Pooler (type rw) in front of " + GATEWAY + "-db");
        }
        poolers.stream().filter(p -> !clusters.contains(p.spec().cluster().name()))
                .forEach(p -> problem("Pooler " + p.metadata().getName() + " points to a Cluster not defined here"));
    }

    private void keycloak() throws IOException {
        List<Keycloak> keycloaks = rendered.all(Keycloak.class);
        if (keycloaks.size() != 1) {
            problem("expected one Keycloak, found " + keycloaks.size());
            return;
        }
        Keycloak kc = keycloaks.get(0);
        String id = "Keycloak " + kc.metadata().getName();
        var db = kc.spec().db();
        if (db == null || !serviceNames().contains(db.host())) {
            problem(id + ": its database host is not a Service of these manifests");
        } else {
            String cluster = db.host().replaceFirst("-rw$", "");
            boolean sameDatabase = rendered.all(Cluster.class).stream().anyMatch(c -> c.metadata().getName().equals(cluster)
                    && c.spec().bootstrap().initdb().database().equals(db.database())
                    && db.usernameSecret().name().equals(cluster + "-app")
                    && db.passwordSecret().name().equals(cluster + "-app"));
            if (!sameDatabase) {
                problem(id + ": its database, host and credentials are not those of one CloudNativePG Cluster");
            }
            secretReference(id + " db", db.usernameSecret().name(), db.usernameSecret().key());
            secretReference(id + " db", db.passwordSecret().name(), db.passwordSecret().key());
        }
        if (kc.spec().hostname() == null || !kc.spec().hostname().hostname().startsWith("https://")
                || !routesToKeycloak(kc.spec().hostname().hostname().substring("https://".length()))) {
            problem(id + ": its hostname is not an https host the Ingress routes to it");
        }
        List<KeycloakRealmImport> imports = rendered.all(KeycloakRealmImport.class);
        if (imports.size() != 1) {
            problem("expected one KeycloakRealmImport, found " + imports.size());
            return;
        }
        KeycloakRealmImport realmImport = imports.get(0);
        if (!kc.metadata().getName().equals(realmImport.spec().keycloakCRName())) {
            problem("the KeycloakRealmImport names Keycloak " + realmImport.spec().keycloakCRName());
        }
        JsonNode realm = new ObjectMapper().readTree(root.resolve("k8s/keycloak/privacy-gateway-realm.json").toFile());
        if (!realm.equals(realmImport.spec().realm())) {
            problem("the KeycloakRealmImport's realm differs from k8s/keycloak/privacy-gateway-realm.json: regenerate"
                    + " k8s/base/keycloak/realm-import.json with the jq command in k8s/base/kustomization.yaml");
        }
    }

    // ---------------------------------------------------------------- dashboard

    private void dashboard() throws IOException {
        List<ConfigMap> dashboards = rendered.all(ConfigMap.class).stream()
                .filter(m -> m.getMetadata().getLabels() != null
                        && "1".equals(m.getMetadata().getLabels().get(DASHBOARD_LABEL)))
                .toList();
        if (dashboards.size() != 1 || dashboards.get(0).getData() == null || dashboards.get(0).getData().size() != 1) {
            problem("expected one ConfigMap labelled " + DASHBOARD_LABEL + ": \"1\" holding one dashboard");
            return;
        }
        JsonNode dashboard = new ObjectMapper().readTree(dashboards.get(0).getData().values().iterator().next());
        Set<String> used = new TreeSet<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        if (panels.isEmpty()) {
            problem("the dashboard has no panels");
        }
        for (JsonNode panel : panels) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (!panel.path("targets").isArray() || panel.path("targets").isEmpty()) {
                problem("dashboard panel '" + panel.path("title").asText() + "' has no query");
            }
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        dashboard.path("templating").path("list").forEach(variable -> {
            Matcher m = METRIC.matcher(variable.path("definition").asText());
            while (m.find()) {
                used.add(m.group(1));
            }
        });
        for (String metric : used) {
            if (!GATEWAY_METRICS.contains(metric)) {
                problem("the dashboard queries " + metric + ", which the gateway does not publish (GATEWAY_METRICS)");
            }
        }
        for (String metric : GATEWAY_METRICS) {
            if (!used.contains(metric)) {
                problem("the dashboard shows nothing of " + metric);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private <T> T one(Class<T> type, String name) {
        return rendered.objects().stream().filter(o -> type.isInstance(o.model()) && name.equals(o.name()))
                .map(o -> type.cast(o.model())).findFirst().orElse(null);
    }

    private static BigDecimal quantity(Map<String, Quantity> quantities, String name) {
        Quantity q = quantities == null ? null : quantities.get(name);
        return q == null ? null : q.getNumericalAmount();
    }

    private void problem(String sentence) {
        problems.add(sentence);
    }
}
