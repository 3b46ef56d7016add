package org.privacygateway.graphql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SHA-256 of a query's text, as the key of what the gateway remembers per query (admission verdicts, compiled
 * plans): 32 bytes whatever the query's size, never the query itself.
 */
record QueryDigest(long a, long b, long c, long d) {

    static QueryDigest of(String text) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        ByteBuffer b = ByteBuffer.wrap(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        return new QueryDigest(b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    /**
     * Puts an entry into a map kept to at most {@code max} entries: when full, an arbitrary eighth is forgotten first.
     * Cheaper than strict LRU, and no lock that all requests share.
     */
    static <K, V> void putBounded(ConcurrentHashMap<K, V> map, K key, V value, int max) {
        if (map.size() >= max) {
            Iterator<K> it = map.keySet().iterator();
            for (int i = 0; i < Math.max(1, max / 8) && it.hasNext(); i++) {
                it.next();
                it.remove();
            }
        }
        map.put(key, value);
    }
}
