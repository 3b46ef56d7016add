package org.privacygateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may reach. The URL is the partner's to choose, so it must not make the gateway call into
 * its own network: private (RFC 1918, unique-local), loopback, link-local (which holds the cloud metadata service,
 * 169.254.169.254), carrier-grade NAT, "this network", multicast, reserved and benchmarking ranges are refused.
 * Checked on the addresses a name resolves to at each send, and the connection goes to the checked address, so a
 * name that later resolves elsewhere (DNS rebinding) gains nothing.
 */
final class ReceiverAddresses {

    private ReceiverAddresses() {
    }

    /** Whether the gateway may connect to {@code address}; loopback only when local receivers are allowed (dev, tests). */
    static boolean allowed(InetAddress address, boolean allowLoopback) {
        if (address.isLoopbackAddress()) {
            return allowLoopback;
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            return !(a0 == 0 // this network
                    || a0 == 100 && a1 >= 64 && a1 <= 127 // carrier-grade NAT, 100.64.0.0/10
                    || a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments, 192.0.0.0/24
                    || a0 == 198 && (a1 == 18 || a1 == 19) // benchmarking, 198.18.0.0/15
                    || a0 >= 240); // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int b0 = b[0] & 0xff;
            if ((b0 & 0xfe) == 0xfc) {
                return false; // unique local, fc00::/7 (AWS metadata's fd00:ec2::254 is one)
            }
            if (b0 == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0
                    && b[8] == 0 && b[9] == 0 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return false; // IPv4-mapped, ::ffff:0:0/96 (Java usually hands these out as IPv4 already)
            }
            if (b0 == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return false; // NAT64, 64:ff9b::/96: would reach an IPv4 address we have not checked
            }
            return true;
        }
        return false;
    }
}
