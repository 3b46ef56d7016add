package org.privacygateway.member;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.LaunchMode;

import org.privacygateway.config.GatewayConfig;

/**
 * The HTTP calls to the member service, each bounded: connect and read timeouts on the client, an overall
 * {@code @Timeout}, one retry of the idempotent batch read on a transport failure, and a circuit breaker shared by
 * every request so a failing service is not hammered. The figures are MicroProfile Fault Tolerance settings
 * ({@code quarkus.fault-tolerance."org.privacygateway.member.MemberServiceCalls/batchRead".timeout.value}, ...).
 */
@ApplicationScoped
public class MemberServiceCalls {

    @Inject
    GatewayConfig config;

    private volatile MemberServiceClient client;

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, retryOn = { ProcessingException.class, ServerError.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = WebApplicationException.class)
    public String batchRead(String body) {
        try {
            return client().batchRead(body);
        } catch (WebApplicationException e) {
            throw e.getResponse().getStatus() >= 500 ? new ServerError(e.getResponse().getStatus()) : e;
        }
    }

    /** Not retried: a correction that timed out may have been applied. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public int correct(String id, String body) {
        try (Response r = client().correct(id, body)) {
            return r.getStatus();
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        }
    }

    /** Retried once: erasing twice erases once. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 50, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public int erase(String id) {
        try (Response r = client().erase(id)) {
            return r.getStatus();
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        }
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

    private MemberServiceClient client() {
        MemberServiceClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(baseUri())
                            .connectTimeout(config.members().upstream().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.members().upstream().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .build(MemberServiceClient.class);
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

}
