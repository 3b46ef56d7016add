package org.privacygateway.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

/**
 * The processes a suite starts (Keycloak, gateways, Redis, haproxy): each logs to its own file under the logs
 * directory, and all are stopped when the JVM ends, failures included.
 */
final class ChildProcesses {

    final Path logs;
    private final List<Process> running = new ArrayList<>();

    ChildProcesses(Path logs) throws IOException {
        this.logs = logs;
        Files.createDirectories(logs);
    }

    /** Starts {@code pb} with its output in {@code <name>.log}, written afresh. */
    synchronized Process start(ProcessBuilder pb, String name) throws IOException {
        pb.redirectErrorStream(true);
        pb.redirectOutput(logs.resolve(name + ".log").toFile());
        Process p = pb.start();
        running.add(p);
        return p;
    }

    /** Polls {@code url} until it answers 200; fails at once if any started process has exited meanwhile. */
    void awaitHttp200(String url, SSLContext tls, Duration timeout, String what) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(tls).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            synchronized (this) {
                for (Process p : running) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(what + " did not start: a process exited with code "
                                + p.exitValue() + " (logs in " + logs + ")");
                    }
                }
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(what + " was not ready within " + timeout.toSeconds() + " s (logs in " + logs + ")");
    }

    /** Kills {@code p} at once (SIGKILL), as a crashed node or an evicted pod, and forgets it. */
    synchronized void kill(Process p) throws InterruptedException {
        running.remove(p);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
    }

    /** Stops every process still running: SIGTERM, then SIGKILL for those that did not end within 20 s. */
    synchronized void stopAll() {
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : running) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
