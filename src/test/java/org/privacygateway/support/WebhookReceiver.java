package org.privacygateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook receiver, started by a test: a real HTTP server on a loopback port that records every request
 * and answers with the statuses the test scripts (then with the default status).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received: lower-cased header names, the body as text, and the status it was answered with. */
    public record Received(Map<String, String> headers, String body, int answeredWith) {
    }

    private final HttpServer server;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int defaultStatus = 204;
    private volatile long delayMillis;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
                int status;
                synchronized (script) {
                    status = script.isEmpty() ? defaultStatus : script.poll();
                }
                received.add(new Received(headers, body, status));
                if (status >= 300 && status < 400) {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:9/elsewhere");
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/privacy";
    }

    /** The next answers, in order; after them every request gets the default status. */
    public WebhookReceiver answer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
        return this;
    }

    public WebhookReceiver answerByDefault(int status) {
        defaultStatus = status;
        return this;
    }

    /** Answers each request only after this long: a slow receiver. */
    public WebhookReceiver slow(long millis) {
        delayMillis = millis;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
