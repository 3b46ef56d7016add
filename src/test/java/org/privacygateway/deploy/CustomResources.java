package org.privacygateway.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The custom resources the manifests use, as typed records holding only the fields we set. Parsed with unknown
 * fields refused, so a misspelt or misplaced field fails the test instead of being dropped by the operator.
 */
final class CustomResources {

    private CustomResources() {
    }

    record SecretKey(String name, String key) {
    }

    /** CloudNativePG {@code postgresql.cnpg.io/v1 Cluster}. */
    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(int instances, String imageName, Bootstrap bootstrap, Storage storage) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner) {
    }

    record Storage(String size) {
    }

    /** CloudNativePG {@code postgresql.cnpg.io/v1 Pooler}: PgBouncer in front of a cluster. */
    record Pooler(String apiVersion, String kind, ObjectMeta metadata, PoolerSpec spec) {
    }

    record PoolerSpec(ClusterRef cluster, int instances, String type, PgBouncer pgbouncer) {
    }

    record ClusterRef(String name) {
    }

    record PgBouncer(String poolMode, Map<String, String> parameters) {
    }

    /** Keycloak operator {@code k8s.keycloak.org/v2alpha1 Keycloak}. */
    record Keycloak(String apiVersion, String kind, ObjectMeta metadata, KeycloakSpec spec) {
    }

    record KeycloakSpec(int instances, KeycloakDb db, KeycloakHttp http, KeycloakHostname hostname, KeycloakProxy proxy,
            KeycloakIngress ingress) {
    }

    record KeycloakDb(String vendor, String host, String database, SecretKey usernameSecret, SecretKey passwordSecret) {
    }

    record KeycloakHttp(Boolean httpEnabled, String tlsSecret) {
    }

    record KeycloakHostname(String hostname) {
    }

    record KeycloakProxy(String headers) {
    }

    record KeycloakIngress(boolean enabled) {
    }

    /** Keycloak operator {@code k8s.keycloak.org/v2alpha1 KeycloakRealmImport}; the realm itself is free-form JSON. */
    record KeycloakRealmImport(String apiVersion, String kind, ObjectMeta metadata, RealmImportSpec spec) {
    }

    record RealmImportSpec(String keycloakCRName, JsonNode realm) {
    }

    /** Prometheus operator {@code monitoring.coreos.com/v1 ServiceMonitor}. */
    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {
    }

    record ServiceMonitorSpec(LabelSelector selector, List<Endpoint> endpoints) {
    }

    record Endpoint(String port, String path, String interval) {
    }
}
