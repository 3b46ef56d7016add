package org.privacygateway.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeapReadinessTest {

    /** A heap pool whose usage right after its last collection was {@code used} of {@code max}. */
    static MemoryPoolMXBean pool(long used, long max) {
        return (MemoryPoolMXBean) Proxy.newProxyInstance(HeapReadinessTest.class.getClassLoader(),
                new Class<?>[] { MemoryPoolMXBean.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getType" -> MemoryType.HEAP;
                    case "isCollectionUsageThresholdSupported" -> true;
                    case "getCollectionUsage" -> new MemoryUsage(0, used, max, max);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void judgesTheLongLivedPoolNotTheYoungOnes() {
        // A full survivor space after a collection is normal; a nearly full old generation is not.
        assertEquals(0.5, HeapReadiness.worstShareAfterCollection(List.of(pool(10, 10), pool(50, 100))));
        assertEquals(0.95, HeapReadiness.worstShareAfterCollection(List.of(pool(0, 10), pool(95, 100))));
        assertEquals(0.0, HeapReadiness.worstShareAfterCollection(List.of()));
    }
}
