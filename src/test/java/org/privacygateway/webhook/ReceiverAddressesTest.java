package org.privacygateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The addresses a partner's webhook URL may not make the gateway call, and the ones it may. */
class ReceiverAddressesTest {

    @ParameterizedTest(name = "{0} allowed: {1} (loopback allowed: {2})")
    @CsvSource({
        "93.184.215.14, true, false",
        "2606:2800:21f:cb07:6820:80da:af6b:8b2c, true, false",
        "127.0.0.1, false, false",
        "127.0.0.1, true, true",
        "::1, false, false",
        "10.1.2.3, false, true",
        "172.16.0.1, false, true",
        "192.168.1.1, false, true",
        "169.254.169.254, false, true",
        "100.64.0.1, false, true",
        "0.0.0.0, false, true",
        "198.18.0.1, false, true",
        "224.0.0.1, false, true",
        "255.255.255.255, false, true",
        "fe80::1, false, true",
        "fd00:ec2::254, false, true",
        "fc00::1, false, true",
        "64:ff9b::a00:1, false, true",
        "::, false, true"
    })
    void onlyPublicAddressesAreReached(String address, boolean allowed, boolean allowLoopback) throws Exception {
        assertEquals(allowed, ReceiverAddresses.allowed(InetAddress.getByName(address), allowLoopback));
    }

    @org.junit.jupiter.api.Test
    void outsideDevPlainHttpAndLoopbackAreRefusedBeforeAnyConnection() {
        WebhookSender production = new WebhookSender(false, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1));
        assertEquals("refused: not an https URL",
                production.send("http://127.0.0.1:9/hook", java.util.List.of(), "{}").outcome());
        assertEquals("refused: the host resolves to a private or reserved address",
                production.send("https://127.0.0.1:9/hook", java.util.List.of(), "{}").outcome());
        assertEquals("refused: the host resolves to a private or reserved address",
                production.send("https://169.254.169.254/latest/meta-data/", java.util.List.of(), "{}").outcome());
        assertEquals("refused: no plain host name",
                production.send("https://user@93.184.215.14/hook", java.util.List.of(), "{}").outcome());
    }
}
