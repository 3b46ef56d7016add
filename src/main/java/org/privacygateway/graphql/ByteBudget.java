package org.privacygateway.graphql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;

/**
 * Bytes of request bodies one kind of caller holds at once: at most {@code total} in all, and at most
 * {@code perAddress} for one client address (an IPv6 address counts by its /64, what one subscriber usually gets).
 * Lock-free but for one map bin per address.
 *
 * <p>The tally per address is an entry only while that address holds something: it goes with the last byte. Every
 * reservation is at least {@link #FLOOR} bytes, so the map has at most {@code total / FLOOR} entries (of about 80
 * bytes each: a node, a boxed key and value), under 2 % of the budget, whatever callers send.
 */
final class ByteBudget {

    /**
     * The least a request is charged: about what it costs before its body anyway (its headers, the routing context,
     * buffers). It also bounds the number of reservations, and so the tallies per address, by the budget.
     */
    static final long FLOOR = 4096;

    /** The tally of addresses that are neither IPv4 nor IPv6 literals (none should be): they share one cap. */
    static final long UNKNOWN_ADDRESS = -1;

    /**
     * A request whose client the gateway cannot tell: it comes from a trusted proxy whose {@code X-Forwarded-For}
     * is not believed. It takes from the budget's total only; charged to the proxy, it would cap every client
     * behind it at one address's part.
     */
    static final long NO_ADDRESS = Long.MIN_VALUE;

    enum Outcome {
        RESERVED,
        /** The budget has no room: the gateway is busy for this kind of caller. */
        FULL,
        /** This address holds its share already. */
        ADDRESS_FULL
    }

    final String name;
    final long total;
    final long perAddress;

    private final AtomicLong held = new AtomicLong();
    private final ConcurrentHashMap<Long, Long> byAddress = new ConcurrentHashMap<>();
    private final AtomicLong refusedSinceWarning = new AtomicLong();
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

    ByteBudget(String name, long total, long perAddress) {
        this.name = name;
        this.total = total;
        this.perAddress = Math.min(perAddress, total);
    }

    /**
     * The client a request's bytes are counted against, by the rule of the anonymous rate limit
     * ({@code security/RateLimits}): the connection's peer; when that is a trusted proxy that named the client in
     * {@code X-Forwarded-For} (Quarkus has then put the header's first address in {@code forwarded}), that address if
     * {@code gateway.rate-limits.trust-forwarded-for} says the proxy replaces the header, else {@link #NO_ADDRESS}:
     * a client writes the header's first address itself behind a proxy that appends.
     */
    static long clientKey(SocketAddress peer, SocketAddress forwarded, boolean trustForwardedFor) {
        String peerHost = peer == null ? null : peer.hostAddress();
        String forwardedHost = forwarded == null ? null : forwarded.hostAddress();
        if (forwardedHost == null || forwardedHost.equals(peerHost)) {
            return addressKey(peer);
        }
        return trustForwardedFor ? addressKey(forwarded) : NO_ADDRESS;
    }

    /** The key of a client address: IPv4 (IPv4-mapped IPv6 too) as itself, IPv6 by its /64, without any lookup. */
    static long addressKey(SocketAddress address) {
        String host = address == null ? null : address.hostAddress();
        byte[] ip = host == null ? null : NetUtil.createByteArrayFromIpAddressString(host);
        if (ip == null) {
            return UNKNOWN_ADDRESS;
        }
        int offset = ip.length == 16 && isIpv4Mapped(ip) ? 12 : 0;
        if (ip.length == 4 || offset == 12) {
            // Above any IPv6 /64 a subscriber can hold (those start with 2000::/3): the two kinds never meet.
            return 1L << 32 | ((ip[offset] & 0xffL) << 24 | (ip[offset + 1] & 0xffL) << 16
                    | (ip[offset + 2] & 0xffL) << 8 | ip[offset + 3] & 0xffL);
        }
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = prefix << 8 | ip[i] & 0xffL;
        }
        return prefix;
    }

    private static boolean isIpv4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    /** Reserves {@code bytes}, at least {@link #FLOOR}, for an address; the caller releases the same amount. */
    Outcome reserve(long address, long bytes) {
        if (bytes < FLOOR) {
            throw new IllegalArgumentException("a reservation is at least " + FLOOR + " bytes");
        }
        boolean[] within = { address == NO_ADDRESS };
        if (!within[0]) {
            byAddress.compute(address, (key, now) -> {
                long after = (now == null ? 0 : now) + bytes;
                if (after > perAddress) {
                    return now;
                }
                within[0] = true;
                return after;
            });
            if (!within[0]) {
                return Outcome.ADDRESS_FULL;
            }
        }
        if (held.addAndGet(bytes) > total) {
            held.addAndGet(-bytes);
            unaddress(address, bytes);
            return Outcome.FULL;
        }
        return Outcome.RESERVED;
    }

    void release(long address, long bytes) {
        held.addAndGet(-bytes);
        unaddress(address, bytes);
    }

    private void unaddress(long address, long bytes) {
        if (address == NO_ADDRESS) {
            return;
        }
        byAddress.computeIfPresent(address, (key, now) -> now - bytes <= 0 ? null : now - bytes);
    }

    long held() {
        return held.get();
    }

    int addresses() {
        return byAddress.size();
    }

    /**
     * Notes a refusal because the budget was full; returns how many there were since the last warning when a
     * warning is due (at most one a minute per budget), else 0.
     */
    long refusedFull() {
        long refused = refusedSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long due = nextWarning.get();
        if (now - due >= 0 && nextWarning.compareAndSet(due, now + 60_000_000_000L)) {
            refusedSinceWarning.addAndGet(-refused);
            return refused;
        }
        return 0;
    }
}
