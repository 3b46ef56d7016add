package org.privacygateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The addresses a partner's webhook URL may make the gateway call: only publicly routable ones, by the IANA
 * special-purpose registries, whatever form an IPv4 address hides in inside an IPv6 one.
 */
class ReceiverAddressesTest {

    @ParameterizedTest(name = "{0} allowed: {1} (loopback allowed: {2})")
    @CsvSource({
        // Public.
        "93.184.215.14, true, false",
        "1.1.1.1, true, false",
        "8.8.8.8, true, false",
        "223.255.255.1, true, false",
        "192.0.1.1, true, false",
        "198.17.255.1, true, false",
        "198.20.0.1, true, false",
        "100.63.255.255, true, false",
        "100.128.0.1, true, false",
        "172.15.255.255, true, false",
        "172.32.0.1, true, false",
        "2606:2800:21f:cb07:6820:80da:af6b:8b2c, true, false",
        "2a00:1450:4001:80b::200e, true, false",
        "2001:4860:4860::8888, true, false",
        "2002:5db8:d70e::1, true, false",              // 6to4 of 93.184.215.14
        "64:ff9b::5db8:d70e, true, false",             // NAT64 of 93.184.215.14
        "64:ff9b::93.184.215.14, true, false",
        // Loopback: only where local receivers are allowed (dev, tests), and only in its plain forms.
        "127.0.0.1, false, false",
        "127.0.0.1, true, true",
        "127.255.255.254, false, false",
        "::1, false, false",
        "::1, true, true",
        // IPv4 special-purpose (RFC 6890 and the IANA registry).
        "0.0.0.0, false, true",
        "0.1.2.3, false, true",
        "10.1.2.3, false, true",
        "100.64.0.1, false, true",
        "100.127.255.254, false, true",
        "169.254.169.254, false, true",
        "172.16.0.1, false, true",
        "172.31.255.254, false, true",
        "192.0.0.8, false, true",
        "192.0.0.170, false, true",
        "192.0.2.1, false, true",
        "192.88.99.1, false, true",
        "192.168.1.1, false, true",
        "198.18.0.1, false, true",
        "198.19.255.254, false, true",
        "198.51.100.7, false, true",
        "203.0.113.9, false, true",
        "224.0.0.1, false, true",
        "233.252.0.1, false, true",
        "239.255.255.250, false, true",
        "240.0.0.1, false, true",
        "255.255.255.255, false, true",
        // IPv6 special-purpose.
        "::, false, true",
        "::7f00:1, false, true",                       // IPv4-compatible 127.0.0.1
        "::127.0.0.1, false, true",
        "::5db8:d70e, false, true",                    // IPv4-compatible, even of a public address (deprecated)
        "::ffff:0:7f00:1, false, true",                // IPv4-translated
        "64:ff9b::7f00:1, false, true",                // NAT64 of 127.0.0.1
        "64:ff9b::a00:1, false, true",                 // NAT64 of 10.0.0.1
        "64:ff9b::a9fe:a9fe, false, true",             // NAT64 of 169.254.169.254
        "64:ff9b:1::5db8:d70e, false, true",           // local-use NAT64: where the IPv4 sits is the operator's choice
        "100::1, false, true",                         // discard-only
        "2001::1, false, true",                        // Teredo
        "2001:0:4136:e378:8000:63bf:3fff:fdd2, false, true",
        "2001:2::1, false, true",                      // benchmarking
        "2001:10::1, false, true",                     // ORCHID
        "2001:db8::1, false, true",                    // documentation
        "3fff::1, false, true",                        // documentation (RFC 9637)
        "2002:7f00:1::1, false, true",                 // 6to4 of 127.0.0.1
        "2002:a00:1::1, false, true",                  // 6to4 of 10.0.0.1
        "2002:a9fe:a9fe::1, false, true",              // 6to4 of 169.254.169.254
        "2002::1, false, true",                        // 6to4 of 0.0.0.0
        "5f00::1, false, true",                        // SRv6 SIDs
        "fc00::1, false, true",
        "fd00:ec2::254, false, true",
        "fe80::1, false, true",
        "febf::1, false, true",
        "fec0::1, false, true",
        "ff02::1, false, true",
        "ff0e::1, false, true",
        "4000::1, false, true",                        // not yet allocated: outside 2000::/3
        "e000::1, false, true"
    })
    void onlyPubliclyRoutableAddressesAreReached(String address, boolean allowed, boolean allowLoopback)
            throws Exception {
        assertEquals(allowed, ReceiverAddresses.allowed(InetAddress.getByName(address), allowLoopback));
    }

    /** Java hands an IPv4-mapped address out as IPv4; built by hand as IPv6, it is judged by the IPv4 inside. */
    @ParameterizedTest(name = "::ffff:{0} allowed: {1}")
    @CsvSource({"93.184.215.14, true", "127.0.0.1, false", "10.0.0.1, false", "169.254.169.254, false"})
    void anIpv4MappedAddressIsJudgedByItsIpv4(String ipv4, boolean allowed) throws Exception {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        assertEquals(allowed, ReceiverAddresses.allowed(java.net.Inet6Address.getByAddress(null, v6, -1), false));
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
        assertEquals("refused: the host resolves to a private or reserved address",
                production.send("https://[::7f00:1]:9/hook", java.util.List.of(), "{}").outcome());
        assertEquals("refused: the host resolves to a private or reserved address",
                production.send("https://[2002:7f00:1::1]:9/hook", java.util.List.of(), "{}").outcome());
        assertEquals("refused: no plain host name",
                production.send("https://user@93.184.215.14/hook", java.util.List.of(), "{}").outcome());
    }
}
