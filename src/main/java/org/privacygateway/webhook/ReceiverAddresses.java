package org.privacygateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may reach. The URL is the partner's to choose, so it must not make the gateway call into
 * its own network. The rule is an allow-decision, not a list of bad forms: an address is reached only when it is
 * publicly routable by the IANA special-purpose address registries (IPv4: RFC 6890 and its updates; IPv6: only the
 * global unicast space 2000::/3, less its special-purpose blocks). An IPv6 form that carries an IPv4 address (IPv4-
 * mapped, NAT64's well-known prefix, 6to4) is judged by the IPv4 address it carries; forms whose IPv4 address cannot
 * be checked, or that are deprecated (IPv4-compatible, Teredo, local-use NAT64), are refused.
 *
 * <p>Checked on the addresses a name resolves to at each send, and the connection goes to the checked address, so a
 * name that later resolves elsewhere (DNS rebinding) gains nothing.
 */
final class ReceiverAddresses {

    private ReceiverAddresses() {
    }

    /** Whether the gateway may connect to {@code address}; loopback only when local receivers are allowed (dev, tests). */
    static boolean allowed(InetAddress address, boolean allowLoopback) {
        if (allowLoopback && address.isLoopbackAddress()) {
            return true;
        }
        return publiclyRoutable(address);
    }

    /** Whether an address is publicly routable: never loopback, private, link-local, multicast or reserved. */
    static boolean publiclyRoutable(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return publicIpv4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return publicIpv6(b);
        }
        return false;
    }

    /** The IPv4 address at {@code b[at..at+3]}: unicast (below 224.0.0.0/4) and in no special-purpose block. */
    private static boolean publicIpv4(byte[] b, int at) {
        int a = b[at] & 0xff;
        int c = b[at + 1] & 0xff;
        int d = b[at + 2] & 0xff;
        return !(a == 0 // "this network", 0.0.0.0/8
                || a == 10 // private, 10.0.0.0/8
                || a == 100 && c >= 64 && c <= 127 // shared address space (carrier-grade NAT), 100.64.0.0/10
                || a == 127 // loopback, 127.0.0.0/8
                || a == 169 && c == 254 // link-local, 169.254.0.0/16 (the cloud metadata service)
                || a == 172 && c >= 16 && c <= 31 // private, 172.16.0.0/12
                || a == 192 && c == 0 && d == 0 // IETF protocol assignments, 192.0.0.0/24
                || a == 192 && c == 0 && d == 2 // documentation, TEST-NET-1
                || a == 192 && c == 88 && d == 99 // 6to4 relay anycast, deprecated
                || a == 192 && c == 168 // private, 192.168.0.0/16
                || a == 198 && (c == 18 || c == 19) // benchmarking, 198.18.0.0/15
                || a == 198 && c == 51 && d == 100 // documentation, TEST-NET-2
                || a == 203 && c == 0 && d == 113 // documentation, TEST-NET-3
                || a >= 224); // multicast 224.0.0.0/4, reserved 240.0.0.0/4, broadcast
    }

    private static boolean publicIpv6(byte[] b) {
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return publicIpv4(b, 12); // IPv4-mapped, ::ffff:0:0/96 (Java usually hands these out as IPv4 already)
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            return publicIpv4(b, 12); // NAT64 well-known prefix, 64:ff9b::/96: reaches the IPv4 address it carries
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return publicIpv4(b, 2); // 6to4, 2002::/16: reaches the IPv4 address in bits 16-47
        }
        // Everything else outside global unicast, 2000::/3, is special: ::/8 (unspecified, loopback, IPv4-compatible,
        // IPv4-translated, NAT64 local use 64:ff9b:1::/48), 100::/64 discard-only, 5f00::/16 SRv6, fc00::/7 unique
        // local, fe80::/10 link-local, fec0::/10 site-local, ff00::/8 multicast, and what is not yet allocated.
        if ((b[0] & 0xe0) != 0x20) {
            return false;
        }
        int word1 = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        if (b[0] == 0x20 && b[1] == 0x01 && word1 < 0x0200) {
            return false; // IETF protocol assignments, 2001::/23: Teredo 2001::/32, benchmarking, ORCHID, anycast
        }
        if (b[0] == 0x20 && b[1] == 0x01 && word1 == 0x0db8) {
            return false; // documentation, 2001:db8::/32
        }
        if ((b[0] & 0xff) == 0x3f && (b[1] & 0xff) == 0xff && (b[2] & 0xf0) == 0) {
            return false; // documentation, 3fff::/20
        }
        return true;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
