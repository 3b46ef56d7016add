package org.privacygateway.config;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * In-memory copies of rows that every request reads and that rarely change, each valid for the {@link ConfigGeneration}
 * stamp it was loaded at. A copy is kept only when the stamp is the same before and after the load: a load that
 * raced a change, or that ran in a transaction which had itself changed those tables, is used once and not kept.
 * Bounded: past {@code maxEntries} the copies are dropped and loaded again as asked for.
 */
public final class StampedCopies<K, V> {

    private record Stamped<V>(long stamp, V value) {
    }

    private final ConcurrentHashMap<K, Stamped<V>> copies = new ConcurrentHashMap<>();
    private final int maxEntries;

    public StampedCopies(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * The copy of {@code key} at {@code stamp} (the current stamp, read by the caller in its transaction), loading it
     * when there is none at that stamp. {@code stampAfter} reads the stamp again after a load.
     */
    public V get(K key, long stamp, Function<K, V> load, java.util.function.LongSupplier stampAfter) {
        Stamped<V> known = copies.get(key);
        if (known != null && known.stamp() == stamp) {
            return known.value();
        }
        V loaded = load.apply(key);
        if (stampAfter.getAsLong() == stamp) {
            if (copies.size() >= maxEntries) {
                copies.clear();
            }
            copies.put(key, new Stamped<>(stamp, loaded));
        }
        return loaded;
    }
}
