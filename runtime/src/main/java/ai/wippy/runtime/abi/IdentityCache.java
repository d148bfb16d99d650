package ai.wippy.runtime.abi;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe cache keyed by object identity that does not keep its keys alive (a weak identity
 * map): for plans compiled per signature or per component plan, whose keys are immutable objects
 * that live as long as whatever loaded them. Bounded: past {@code maxEntries} it starts afresh.
 */
public final class IdentityCache<K, V> {

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> queue = new ReferenceQueue<>();
    private final int maxEntries;

    public IdentityCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The value for {@code key}, computed (at most once per key while it is cached) when absent. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V v = map.get(new Probe(key));
        if (v != null) {
            return v;
        }
        expunge();
        if (map.size() >= maxEntries) {
            map.clear();
        }
        return map.computeIfAbsent(new Ref<>(key, queue), r -> compute.apply(key));
    }

    int size() {
        return map.size();
    }

    private void expunge() {
        for (Object r; (r = queue.poll()) != null; ) {
            map.remove(r);
        }
    }

    /** The stored key: equal only to itself and to a probe or reference of the same live object. */
    private static final class Ref<K> extends WeakReference<K> {
        private final int hash;

        Ref(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            Object k = get();
            if (k == null) {
                return false;
            }
            return o instanceof Ref<?> r ? r.get() == k : o instanceof Probe p && p.key == k;
        }
    }

    /** A lookup key (not stored). */
    private static final class Probe {
        private final Object key;

        Probe(Object key) {
            this.key = key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object o) {
            return o == this || (o instanceof Ref<?> r && r.get() == key) || (o instanceof Probe p && p.key == key);
        }
    }
}
