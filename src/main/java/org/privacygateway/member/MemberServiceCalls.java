package org.privacygateway.member;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.runtime.LaunchMode;

import org.privacygateway.config.GatewayConfig;

/**
 * The HTTP calls to the member service, each bounded in time and bytes: a connect timeout, a deadline on the whole
 * answer, body included ({@code connect-timeout + read-timeout}, so a service that trickles its answer is cut like
 * one that never answers), at most {@code gateway.members.upstream.max-answer-bytes} of a batch-read answer held (read
 * as it streams in and cut as soon as it is larger, never buffered whole), one retry of the idempotent batch read on a
 * transport failure or a 5xx answer, and a circuit breaker shared by every request so a failing service is not
 * hammered. {@code @Timeout} stays as a backstop; its figures are MicroProfile Fault Tolerance settings
 * ({@code quarkus.fault-tolerance."org.privacygateway.member.MemberServiceCalls/batchRead".timeout.value}, ...).
 *
 * <p>The JDK's HTTP client rather than a REST client: what a REST client reads is the whole body, before any check.
 */
@ApplicationScoped
public class MemberServiceCalls {

    /** The contract's operations the gateway calls (docs/member-service.openapi.yaml), by operationId. */
    public enum Operation {
        batchRead("POST", "/members/batch-read"),
        correct("PATCH", "/members/{id}"),
        erase("DELETE", "/members/{id}");

        public final String method;
        public final String path;

        Operation(String method, String path) {
            this.method = method;
            this.path = path;
        }
    }

    @Inject
    GatewayConfig config;

    private volatile HttpClient client;

    /** @return the answer's bytes (a 2xx answer), at most {@code max-answer-bytes} of them */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, retryOn = { Unreachable.class, ServerError.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = Refused.class)
    public byte[] batchRead(String body) {
        HttpResponse<byte[]> answer = exchange(Operation.batchRead, null, body,
                new BoundedBody(config.members().upstream().maxAnswerBytes()));
        int status = answer.statusCode();
        if (status >= 500) {
            throw new ServerError(status);
        }
        if (status / 100 != 2) {
            throw new Refused(status);
        }
        return answer.body();
    }

    /** Not retried: a correction that timed out may have been applied. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public int correct(String id, String body) {
        return exchange(Operation.correct, id, body, new BoundedBody(0)).statusCode();
    }

    /** Retried once: erasing twice erases once. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, retryOn = Unreachable.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public int erase(String id) {
        return exchange(Operation.erase, id, null, new BoundedBody(0)).statusCode();
    }

    /** The service's base URL: configured, or in dev mode the stub the gateway starts itself. */
    public URI baseUri() {
        return config.members().upstream().url().map(URI::create).orElseGet(() -> {
            if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
                throw new IllegalStateException("gateway.members.source=upstream needs gateway.members.upstream.url");
            }
            return URI.create("http://127.0.0.1:" + config.members().upstream().stubPort());
        });
    }

    /**
     * One request and its whole answer within the deadline; past it the exchange is cancelled (the connection closed,
     * nothing more read). The answer's body is what {@code handler} keeps of it.
     */
    private HttpResponse<byte[]> exchange(Operation op, String id, String body, BoundedBody handler) {
        GatewayConfig.Members.Upstream upstream = config.members().upstream();
        String base = baseUri().toString().replaceAll("/+$", "");
        String path = id == null ? op.path
                : op.path.replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(upstream.readTimeout())
                .header("Accept", "application/json")
                .method(op.method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        Duration deadline = upstream.connectTimeout().plus(upstream.readTimeout());
        CompletableFuture<HttpResponse<byte[]>> answer = client().sendAsync(request.build(), handler);
        try {
            return answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TooSlow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TooSlow();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BoundedBody.TooLarge large) {
                throw large;
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new TooSlow();
            }
            throw new Unreachable(cause);
        } finally {
            // Done, or given up on: either way nothing more is read.
            handler.cancel();
            answer.cancel(true);
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(config.members().upstream().connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
                c = client;
            }
        }
        return c;
    }

    /** A 5xx answer: the service is failing, worth one retry and counted by the breaker. */
    public static class ServerError extends RuntimeException {
        public final int status;

        ServerError(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    /** A 4xx (or other non-2xx) answer to a batch read: the service refuses; not the breaker's business. */
    public static class Refused extends RuntimeException {
        public final int status;

        Refused(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    /** No answer, whole, within the deadline. */
    public static class TooSlow extends RuntimeException {
        TooSlow() {
            super("no whole answer within the deadline", null, false, false);
        }
    }

    /** The service could not be reached, or the connection broke: worth one retry. */
    public static class Unreachable extends RuntimeException {
        /** The kind of failure (the cause's class name), never its message, which may quote the answer. */
        public final String kind;

        Unreachable(Throwable cause) {
            super("transport failure", null, false, false);
            this.kind = cause == null ? "unknown" : cause.getClass().getSimpleName();
        }
    }
}
