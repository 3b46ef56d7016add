package org.privacygateway.graphql;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values kept within a bound in bytes, shared fairly between the owners that put them (for compiled plans: the
 * partners whose requests compiled them). Each value is charged its estimated size plus {@link #ENTRY_BYTES}:
 *
 * <ul>
 * <li>a value larger than {@code maxEntryBytes} is not kept at all;</li>
 * <li>an owner holds at most {@code maxOwnerBytes}: past it, its own oldest values go first, so one owner sending
 * distinct documents evicts only its own;</li>
 * <li>all owners together hold at most {@code maxBytes}: past it, the oldest value of the owner holding the most
 * goes first, so an owner below its share loses nothing while another holds more.</li>
 * </ul>
 *
 * Oldest means first put, not least used: keeping use order would take a lock on every read. Reads take no lock;
 * puts (a compilation each) take this object's.
 */
final class PlanCache<K, V> {

    /**
     * What an entry costs beyond its value: the map node (32), the entry (24), the key (a record with the 32-byte
     * query digest: 72) and its place in its owner's queue (8), rounded up.
     */
    static final long ENTRY_BYTES = 160;

    /** A kept value with its owner and what it is charged. */
    record Entry<V>(V value, String owner, long bytes) {
    }

    private static final class Owner<K> {
        final ArrayDeque<K> keys = new ArrayDeque<>();
        long bytes;
    }

    private final long maxBytes;
    private final long maxOwnerBytes;
    private final long maxEntryBytes;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final Map<String, Owner<K>> owners = new HashMap<>();
    /** Guarded by this. */
    private long bytes;

    PlanCache(long maxBytes, long maxOwnerBytes, long maxEntryBytes) {
        this.maxBytes = maxBytes;
        this.maxOwnerBytes = Math.min(maxOwnerBytes, maxBytes);
        this.maxEntryBytes = Math.min(maxEntryBytes, this.maxOwnerBytes);
    }

    /** The kept entry, or null. */
    Entry<V> get(K key) {
        return entries.get(key);
    }

    /**
     * Keeps a value charged to an owner, evicting as above to make room; false (nothing kept, nothing evicted) when
     * the value alone is over the per-entry bound.
     *
     * @param valueBytes the value's estimated size, without {@link #ENTRY_BYTES}
     */
    synchronized boolean put(K key, V value, String owner, long valueBytes) {
        long charge = valueBytes + ENTRY_BYTES;
        if (charge > maxEntryBytes) {
            return false;
        }
        if (entries.containsKey(key)) {
            return true;
        }
        Owner<K> mine = owners.computeIfAbsent(owner, o -> new Owner<>());
        while (mine.bytes + charge > maxOwnerBytes) {
            evictOldest(owner, mine);
        }
        while (bytes + charge > maxBytes) {
            Map.Entry<String, Owner<K>> largest = null;
            for (Map.Entry<String, Owner<K>> o : owners.entrySet()) {
                if (largest == null || o.getValue().bytes > largest.getValue().bytes) {
                    largest = o;
                }
            }
            evictOldest(largest.getKey(), largest.getValue());
        }
        entries.put(key, new Entry<>(value, owner, charge));
        mine.keys.addLast(key);
        mine.bytes += charge;
        bytes += charge;
        owners.putIfAbsent(owner, mine);
        return true;
    }

    private void evictOldest(String name, Owner<K> owner) {
        Entry<V> gone = entries.remove(owner.keys.removeFirst());
        owner.bytes -= gone.bytes();
        bytes -= gone.bytes();
        if (owner.keys.isEmpty()) {
            owners.remove(name);
        }
    }

    /** Bytes charged for all kept values. */
    synchronized long bytes() {
        return bytes;
    }

    /** Bytes charged to one owner. */
    synchronized long bytes(String owner) {
        Owner<K> o = owners.get(owner);
        return o == null ? 0 : o.bytes;
    }

    /** How many values are kept. */
    int size() {
        return entries.size();
    }

    /** How many values one owner has kept. */
    synchronized int size(String owner) {
        Owner<K> o = owners.get(owner);
        return o == null ? 0 : o.keys.size();
    }

    long maxBytes() {
        return maxBytes;
    }

    long maxOwnerBytes() {
        return maxOwnerBytes;
    }

    long maxEntryBytes() {
        return maxEntryBytes;
    }
}
