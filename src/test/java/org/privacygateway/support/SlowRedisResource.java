package org.privacygateway.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Redis as the rate limits' shared store, with faults a real Redis does not produce on demand: Debian's
 * {@code redis-server} (which CI installs; {@link #real()} is false without it) behind a TCP proxy that can hold every
 * answer back for a while (a slow Redis) or cut and refuse connections (a Redis that is down). The proxy also records
 * the name of every command the gateway sends, so a test can count round trips.
 */
public class SlowRedisResource implements QuarkusTestResourceLifecycleManager {

    static final Path REDIS = Path.of("/usr/bin/redis-server");

    private static volatile SlowRedisResource running;

    private Process redis;
    private Path dir;
    private int redisPort;
    private ServerSocket proxy;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile long delayMillis;

    /** The running proxy. */
    public static SlowRedisResource redis() {
        return running;
    }

    /** True when a real Redis answers behind the proxy; without one every connection is refused. */
    public boolean real() {
        return redis != null;
    }

    /** Down: open connections are cut and new ones closed at once. Up again: connections are served. */
    public void down(boolean d) {
        down = d;
        if (d) {
            for (Socket s : open) {
                close(s);
            }
        }
    }

    /** Each answer reaches the gateway this long after Redis gave it (0: at once). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    /** The commands the gateway sent, by name (EVALSHA, EVAL, SCRIPT, PING, ...), in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public Map<String, String> start() {
        try {
            if (Files.isExecutable(REDIS)) {
                startRedis();
            }
            proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon("slow-redis-accept", this::accept);
            running = this;
            return Map.of("gateway.rate-limits.store", "redis",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startRedis() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            redisPort = s.getLocalPort();
        }
        dir = Files.createTempDirectory("slow-redis");
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, String.join("\n", "bind 127.0.0.1", "port " + redisPort, "save \"\"",
                "appendonly no", "daemonize no", "dir " + dir.toAbsolutePath(), ""));
        redis = new ProcessBuilder(REDIS.toString(), conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), redisPort)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > until || !redis.isAlive()) {
                    throw new IllegalStateException("redis-server did not start; see " + dir.resolve("redis.log"));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }
    }

    private void accept() {
        while (!proxy.isClosed()) {
            Socket client;
            try {
                client = proxy.accept();
            } catch (IOException e) {
                return;
            }
            if (down || redis == null) {
                close(client);
                continue;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                daemon("slow-redis-commands", () -> forwardCommands(client, server));
                daemon("slow-redis-answers", () -> forwardAnswers(server, client));
            } catch (IOException e) {
                close(client);
            }
        }
    }

    /** Client to Redis, one RESP command at a time (an array of bulk strings), recording each command's name. */
    private void forwardCommands(Socket client, Socket server) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(client.getInputStream()))) {
            OutputStream out = server.getOutputStream();
            while (true) {
                String header = line(in);
                if (header == null) {
                    break;
                }
                StringBuilder raw = new StringBuilder(header).append("\r\n");
                List<byte[]> parts = new ArrayList<>();
                int n = header.startsWith("*") ? Integer.parseInt(header.substring(1)) : 0;
                for (int i = 0; i < n; i++) {
                    String len = line(in);
                    byte[] bulk = new byte[Integer.parseInt(len.substring(1)) + 2];
                    in.readFully(bulk);
                    parts.add(("" + len + "\r\n").getBytes(StandardCharsets.UTF_8));
                    parts.add(bulk);
                    if (i == 0) {
                        commands.add(new String(bulk, 0, bulk.length - 2, StandardCharsets.UTF_8).toUpperCase());
                    }
                }
                out.write(raw.toString().getBytes(StandardCharsets.UTF_8));
                for (byte[] p : parts) {
                    out.write(p);
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the connection ended
        } finally {
            close(client);
            close(server);
        }
    }

    /** Redis to client, each chunk held back {@link #delayMillis} from when Redis sent it. */
    private void forwardAnswers(Socket server, Socket client) {
        LinkedBlockingQueue<Object[]> due = new LinkedBlockingQueue<>();
        daemon("slow-redis-delay", () -> {
            try {
                OutputStream out = client.getOutputStream();
                while (true) {
                    Object[] chunk = due.take();
                    if (chunk.length == 0) {
                        return;
                    }
                    long wait = (long) chunk[0] - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    out.write((byte[]) chunk[1]);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                close(client);
            }
        });
        try (InputStream in = server.getInputStream()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                byte[] chunk = java.util.Arrays.copyOf(buffer, read);
                due.add(new Object[] { System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), chunk });
            }
        } catch (IOException e) {
            // the connection ended
        } finally {
            due.add(new Object[0]);
        }
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = s.length() - 1;
                return end >= 0 && s.charAt(end) == '\r' ? s.substring(0, end) : s.toString();
            }
            s.append((char) c);
        }
        return null;
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void stop() {
        running = null;
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (IOException e) {
            // stopping anyway
        }
        for (Socket s : open) {
            close(s);
        }
        if (redis != null) {
            redis.destroy();
            try {
                redis.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redis.destroyForcibly();
        }
    }
}
