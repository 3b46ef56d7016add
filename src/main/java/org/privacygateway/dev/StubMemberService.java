package org.privacygateway.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small marketplace member service, serving docs/member-service.openapi.yaml from records held in memory, on the
 * loopback interface. For dev mode ({@code -Dgateway.members.source=upstream} with no URL) and the test suites; not
 * for production. It counts its batch reads and can be told to misbehave as a real service does: answer slowly,
 * fail, answer malformed JSON, or leave members out of an answer.
 */
public final class StubMemberService {

    /** How the service answers batch reads. */
    public enum Behaviour {
        NORMAL,
        /** Answers after {@link #slowMillis}. */
        SLOW,
        /** HTTP 503 to every operation. */
        FAILING,
        /** A body that is not a batch-read answer. */
        MALFORMED,
        /** Leaves the last id asked out of the answer. */
        PARTIAL,
        /** A record with a field of the wrong type. */
        WRONG_TYPE,
        /** A 200 answer of {@link #hugeBytes} (chunked, no length announced), streamed as fast as it is read. */
        HUGE,
        /** A 200 answer sent one byte every {@link #trickleMillis}, for a minute: never idle, never done. */
        TRICKLE
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, ObjectNode> records = new ConcurrentHashMap<>();
    private final AtomicInteger batchReads = new AtomicInteger();
    private final AtomicInteger corrections = new AtomicInteger();
    private final AtomicInteger erasures = new AtomicInteger();
    private final Clock clock;
    /** The port asked for, then the one bound: a restart after {@link #stop()} listens where the gateway calls. */
    private volatile int port;
    private volatile HttpServer server;
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile boolean writable = true;
    public volatile long slowMillis = 10_000;
    public volatile long hugeBytes = 50L << 20;
    public volatile long trickleMillis = 50;
    /** Bytes of the last HUGE or TRICKLE answer written, and whether the gateway hung up before its end. */
    private final java.util.concurrent.atomic.AtomicLong streamed = new java.util.concurrent.atomic.AtomicLong();
    private volatile Boolean streamCut;

    public StubMemberService(int port, Clock clock) {
        // Without TCP_NODELAY the JDK's server answers a request sent in two segments (headers, then body) only
        // after the client's delayed ACK: about 40 ms a call, which would be measured as the gateway's.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.port = port;
        this.clock = clock;
    }

    public synchronized StubMemberService start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            s.createContext("/members", this::handle);
            s.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "stub-member-service");
                t.setDaemon(true);
                return t;
            }));
            s.start();
            server = s;
            port = s.getAddress().getPort();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("The stub member service could not listen on port " + port, e);
        }
    }

    /** Stops listening: connections are then refused, as with a service that is down. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public String url() {
        HttpServer s = server;
        return "http://127.0.0.1:" + (s == null ? port : s.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stores (or replaces) a member record: the contract's MemberRecord, whose {@code id} is the key. */
    public void put(ObjectNode record) {
        records.put(record.get("id").textValue(), record.deepCopy());
    }

    public ObjectNode get(String id) {
        ObjectNode r = records.get(id);
        return r == null ? null : r.deepCopy();
    }

    public void remove(String id) {
        records.remove(id);
    }

    public void behave(Behaviour b) {
        behaviour = b;
    }

    public void writable(boolean w) {
        writable = w;
    }

    /** Bytes of the last HUGE or TRICKLE answer written so far. */
    public long streamed() {
        return streamed.get();
    }

    /** True once the gateway hung up on the last HUGE or TRICKLE answer, false if it was sent whole, null meanwhile. */
    public Boolean streamCut() {
        return streamCut;
    }

    public int batchReads() {
        return batchReads.get();
    }

    public int corrections() {
        return corrections.get();
    }

    public int erasures() {
        return erasures.get();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            String method = x.getRequestMethod();
            if (behaviour == Behaviour.FAILING) {
                send(x, 503, problem("member service unavailable"));
            } else if (path.equals("/members/batch-read") && method.equals("POST")) {
                batchRead(x);
            } else if (path.startsWith("/members/") && method.equals("PATCH")) {
                correct(x, URLDecoder.decode(path.substring("/members/".length()), StandardCharsets.UTF_8));
            } else if (path.startsWith("/members/") && method.equals("DELETE")) {
                erase(x, URLDecoder.decode(path.substring("/members/".length()), StandardCharsets.UTF_8));
            } else {
                send(x, 404, problem("no such operation"));
            }
        }
    }

    private void batchRead(HttpExchange x) throws IOException {
        batchReads.incrementAndGet();
        JsonNode request = read(x.getRequestBody());
        Behaviour b = behaviour;
        if (b == Behaviour.SLOW) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (b == Behaviour.HUGE || b == Behaviour.TRICKLE) {
            stream(x, b);
            return;
        }
        if (b == Behaviour.MALFORMED) {
            send(x, 200, "{\"members\": [{\"id\": ".getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonNode ids = request == null ? null : request.get("ids");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            send(x, 400, problem("ids must list 1 to 100 member ids"));
            return;
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode members = answer.putArray("members");
        ArrayNode unknown = answer.putArray("unknown");
        Iterator<JsonNode> it = ids.elements();
        int i = 0;
        while (it.hasNext()) {
            String id = it.next().asText();
            i++;
            if (b == Behaviour.PARTIAL && i == ids.size()) {
                break;
            }
            ObjectNode r = records.get(id);
            if (r == null) {
                unknown.add(id);
            } else {
                ObjectNode copy = r.deepCopy();
                if (b == Behaviour.WRONG_TYPE) {
                    copy.put("email", 42);
                }
                members.add(copy);
            }
        }
        send(x, 200, json.writeValueAsBytes(answer));
    }

    /** A JSON answer that never ends in time, or is far too large: the faulty or hostile service. */
    private void stream(HttpExchange x, Behaviour b) {
        streamed.set(0);
        streamCut = null;
        x.getResponseHeaders().set("Content-Type", "application/json");
        try (OutputStream out = x.getResponseBody()) {
            x.sendResponseHeaders(200, 0);
            byte[] head = "{\"members\": [], \"unknown\": [], \"padding\": \"".getBytes(StandardCharsets.UTF_8);
            out.write(head);
            streamed.addAndGet(head.length);
            if (b == Behaviour.HUGE) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                for (long left = hugeBytes; left > 0; left -= chunk.length) {
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    streamed.addAndGet(n);
                }
            } else {
                long until = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < until) {
                    out.write('x');
                    out.flush();
                    streamed.incrementAndGet();
                    Thread.sleep(trickleMillis);
                }
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
            out.flush();
            streamCut = false;
        } catch (IOException e) {
            streamCut = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streamCut = true;
        }
    }

    /** A correction replaces each section given and stamps it with the time it was collected. */
    private void correct(HttpExchange x, String id) throws IOException {
        corrections.incrementAndGet();
        JsonNode body = read(x.getRequestBody());
        if (!writable) {
            send(x, 409, problem("profiles are corrected at the marketplace"));
            return;
        }
        ObjectNode r = records.get(id);
        if (r == null) {
            send(x, 404, problem("no such member"));
            return;
        }
        if (body == null || !body.isObject()) {
            send(x, 400, problem("the body must be a ProfileCorrection"));
            return;
        }
        ObjectNode updated = r.deepCopy();
        ObjectNode collected = updated.has("collectedAt") && updated.get("collectedAt").isObject()
                ? (ObjectNode) updated.get("collectedAt") : updated.putObject("collectedAt");
        String now = clock.instant().toString();
        for (String[] section : new String[][] { { "name", "NAME" }, { "email", "EMAIL" }, { "phone", "PHONE" },
                { "address", "ADDRESS" }, { "company", "COMPANY" } }) {
            if (body.has(section[0])) {
                updated.set(section[0], blanksToNull(body.get(section[0])));
                collected.put(section[1], now);
            }
        }
        records.put(id, updated);
        send(x, 204, null);
    }

    private void erase(HttpExchange x, String id) throws IOException {
        erasures.incrementAndGet();
        if (!writable) {
            send(x, 409, problem("erasure is requested at the marketplace"));
            return;
        }
        send(x, records.remove(id) == null ? 404 : 204, null);
    }

    private JsonNode blanksToNull(JsonNode n) {
        if (n.isTextual()) {
            return n.textValue().isBlank() ? json.nullNode() : json.getNodeFactory().textNode(n.textValue().strip());
        }
        if (n.isObject()) {
            ObjectNode o = json.createObjectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), blanksToNull(e.getValue())));
            return o;
        }
        return n;
    }

    private JsonNode read(InputStream in) {
        try {
            return json.readTree(in.readNBytes(1 << 20));
        } catch (IOException e) {
            return null;
        }
    }

    private byte[] problem(String detail) throws IOException {
        return json.writeValueAsBytes(Map.of("title", detail));
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        if (body == null) {
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
