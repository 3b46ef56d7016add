package org.privacygateway.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one signed webhook request and reads no more than the status line of the answer. A deliberately small HTTP/1.1
 * client over a socket, because each step has to be the gateway's own decision: the receiver's name is resolved
 * once, every address checked ({@link ReceiverAddresses}), and the connection made to the checked address (TLS still
 * verifies the certificate for the name, and sends it as SNI); a redirect is an answer like any other non-2xx, never
 * followed; connect and read time out; the answer is read to at most {@link #MAX_STATUS_LINE} bytes.
 */
final class WebhookSender {

    static final int MAX_STATUS_LINE = 256;

    /** What one attempt came to: a 2xx, or why not, in words for the admin (never the receiver's own text). */
    record Result(boolean delivered, String outcome) {
    }

    private final boolean allowLocal;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    WebhookSender(boolean allowLocal, Duration connectTimeout, Duration readTimeout) {
        this.allowLocal = allowLocal;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    Result send(String url, List<String[]> headers, String body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Result(false, "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https");
        if (!tls && !(scheme.equals("http") && allowLocal)) {
            return new Result(false, "refused: not an https URL");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return new Result(false, "refused: no plain host name");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Result(false, "host not found");
        }
        for (InetAddress a : addresses) {
            if (!ReceiverAddresses.allowed(a, allowLocal)) {
                return new Result(false, "refused: the host resolves to a private or reserved address");
            }
        }
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(payload.length).append("\r\n")
                .append("User-Agent: privacy-gateway-webhooks\r\n")
                .append("Connection: close\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        head.append("\r\n");
        long deadline = System.nanoTime() + readTimeout.toNanos();
        try (Socket socket = connect(addresses[0], host, port, tls)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            int status = status(socket.getInputStream(), deadline);
            if (status >= 200 && status < 300) {
                return new Result(true, "HTTP " + status);
            }
            return new Result(false, status >= 300 && status < 400 ? "HTTP " + status + " (redirects are not followed)"
                    : "HTTP " + status);
        } catch (SocketTimeoutException e) {
            return new Result(false, "timed out");
        } catch (IOException e) {
            return new Result(false, "connection failed");
        }
    }

    private Socket connect(InetAddress address, String host, int port, boolean tls) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) readTimeout.toMillis());
            if (!tls) {
                return plain;
            }
            SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, host, port, true);
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setServerNames(List.of(new SNIHostName(host)));
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            return ssl;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** Reads {@code HTTP/1.x NNN ...} up to its line end, within the deadline and the byte bound. */
    private static int status(InputStream in, long deadline) throws IOException {
        byte[] line = new byte[MAX_STATUS_LINE];
        int n = 0;
        while (n < line.length) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("status line too slow");
            }
            int b = in.read();
            if (b < 0 || b == '\n') {
                break;
            }
            line[n++] = (byte) b;
        }
        String text = new String(line, 0, n, StandardCharsets.US_ASCII).strip();
        if (!text.startsWith("HTTP/1.") || text.length() < 12) {
            throw new IOException("not an HTTP answer");
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status");
        }
    }
}
