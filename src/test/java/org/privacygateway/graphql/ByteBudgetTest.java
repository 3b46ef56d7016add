package org.privacygateway.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.SocketAddress;

import org.privacygateway.graphql.ByteBudget.Outcome;

/** The in-flight byte budget on its own: its total, its part per address, and tallies that go with the last byte. */
class ByteBudgetTest {

    static long key(String host) {
        return ByteBudget.addressKey(SocketAddress.inetSocketAddress(1234, host));
    }

    @Test
    void anIpv6SubscriberCountsAsOneAddressByIts64() {
        assertEquals(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertNotEquals(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        // An IPv4 client is itself, also when the server sees it IPv4-mapped.
        assertEquals(key("192.0.2.7"), key("::ffff:192.0.2.7"));
        assertNotEquals(key("192.0.2.7"), key("192.0.2.8"));
        // No lookup for what is not an address: they share one tally.
        assertEquals(ByteBudget.UNKNOWN_ADDRESS, key("unknown.example"));
    }

    @Test
    void theClientIsTheConnectionsPeerUnlessATrustedProxysHeaderIsBelieved() {
        SocketAddress client = SocketAddress.inetSocketAddress(1234, "192.0.2.7");
        SocketAddress proxy = SocketAddress.inetSocketAddress(1234, "10.0.0.2");
        SocketAddress named = SocketAddress.inetSocketAddress(0, "198.51.100.9");
        // A direct client: its own address, whatever the setting.
        assertEquals(key("192.0.2.7"), ByteBudget.clientKey(client, client, false));
        assertEquals(key("192.0.2.7"), ByteBudget.clientKey(client, client, true));
        // Through a trusted proxy that named the client: that client when believed, else nobody in particular (never
        // the proxy, whose part would then be every client's).
        assertEquals(key("198.51.100.9"), ByteBudget.clientKey(proxy, named, true));
        assertEquals(ByteBudget.NO_ADDRESS, ByteBudget.clientKey(proxy, named, false));
        ByteBudget budget = new ByteBudget("test", 100_000, 25_000);
        for (int i = 0; i < 4; i++) {
            assertEquals(Outcome.RESERVED, budget.reserve(ByteBudget.NO_ADDRESS, 25_000));
        }
        assertEquals(Outcome.FULL, budget.reserve(ByteBudget.NO_ADDRESS, 25_000));
        assertEquals(0, budget.addresses());
        budget.release(ByteBudget.NO_ADDRESS, 25_000);
        assertEquals(75_000, budget.held());
    }

    @Test
    void oneAddressHoldsItsPartAndTheTallyGoesWithTheLastByte() {
        ByteBudget budget = new ByteBudget("test", 100_000, 25_000);
        long a = key("192.0.2.1");
        long b = key("192.0.2.2");
        assertEquals(Outcome.RESERVED, budget.reserve(a, 20_000));
        assertEquals(Outcome.ADDRESS_FULL, budget.reserve(a, 20_000));
        assertEquals(Outcome.RESERVED, budget.reserve(b, 20_000));
        assertEquals(40_000, budget.held());
        assertEquals(2, budget.addresses());
        budget.release(a, 20_000);
        budget.release(b, 20_000);
        assertEquals(0, budget.held());
        assertEquals(0, budget.addresses());
    }

    @Test
    void aFullBudgetLeavesNoTraceOfTheRefusal() {
        ByteBudget budget = new ByteBudget("test", 50_000, 25_000);
        for (int i = 1; i <= 2; i++) {
            assertEquals(Outcome.RESERVED, budget.reserve(key("192.0.2." + i), 25_000));
        }
        assertEquals(Outcome.FULL, budget.reserve(key("192.0.2.3"), 4096));
        assertEquals(50_000, budget.held());
        assertEquals(2, budget.addresses());
    }

    @Test
    void tallyEntriesAreBoundedByTheBudgetOverTheFloor() {
        ByteBudget budget = new ByteBudget("test", 64 * ByteBudget.FLOOR, 64 * ByteBudget.FLOOR);
        int reserved = 0;
        for (int i = 0; i < 1_000; i++) {
            if (budget.reserve(key("10." + i / 250 + "." + i % 250 + ".1"), ByteBudget.FLOOR) == Outcome.RESERVED) {
                reserved++;
            }
        }
        assertEquals(64, reserved);
        assertEquals(64, budget.addresses());
        // Less than the floor is never charged: that is what bounds the tallies.
        assertThrows(IllegalArgumentException.class, () -> budget.reserve(1, 1));
    }

    @Test
    void aWarningIsDueAtMostOnceAMinute() {
        ByteBudget budget = new ByteBudget("test", 1, 1);
        assertEquals(1, budget.refusedFull());
        assertEquals(0, budget.refusedFull());
        assertEquals(0, budget.refusedFull());
    }
}
