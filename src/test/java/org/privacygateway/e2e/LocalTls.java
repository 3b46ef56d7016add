package org.privacygateway.e2e;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * This run's self-signed certificate for {@code localhost} (and 127.0.0.1), made by {@code keytool}: Keycloak, the
 * gateways and haproxy serve it; the gateways trust it for Keycloak and haproxy for the gateways.
 */
final class LocalTls {

    static final String PASSWORD = "e2e-tls";

    final Path dir;
    /** The key and certificate, PKCS#12. */
    final Path p12;
    /** The certificate alone, PEM: what clients trust. */
    final Path certificate;

    LocalTls() throws Exception {
        dir = Files.createTempDirectory("e2e-tls-");
        p12 = dir.resolve("tls.p12");
        certificate = dir.resolve("tls.crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "localhost", "-keystore", p12.toString(),
                "-storepass", PASSWORD, "-file", certificate.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " failed: " + out);
        }
    }

    /** The certificate followed by its unencrypted private key (PKCS#8), the one-file form haproxy's {@code crt} reads. */
    Path certificateAndKeyPem() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("localhost", PASSWORD.toCharArray());
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes());
        Path combined = dir.resolve("tls-with-key.pem");
        Files.writeString(combined, Files.readString(certificate).strip() + "\n"
                + "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return combined;
    }

    /** A client context that trusts this run's certificate and nothing else. */
    SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("localhost", cert);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), new java.security.SecureRandom());
        return context;
    }
}
