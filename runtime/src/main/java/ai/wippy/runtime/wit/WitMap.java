package ai.wippy.runtime.wit;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code map<K, V>} value lifted from a guest: an unmodifiable Map in the guest's order (a
 * LinkedHashMap underneath) that also keeps the guest's list of key-value pairs as it came.
 *
 * <p>The canonical ABI of a map is that of {@code list<tuple<K, V>>}, and the Component Model
 * (Explainer.md, "map") does not prevent duplicate keys: bindings may deduplicate as long as the
 * <em>last</em> pair gives a key its value. So the Map view has each key once, at the place of its
 * first pair, with the value of its last pair; {@link #entries()} has every pair, and lowering a
 * WitMap (into another component, say) passes those pairs unchanged, as the spec's list would be.
 * Any other {@link Map} is lowered as its entries in iteration order.
 */
public final class WitMap extends AbstractMap<Object, Object> {

    private final List<Map.Entry<Object, Object>> entries;
    private final Map<Object, Object> map;

    private WitMap(List<Map.Entry<Object, Object>> entries, Map<Object, Object> map) {
        this.entries = entries;
        this.map = map;
    }

    /** The map of {@code pairs} (keys and values may repeat; the last pair of a key gives its value). */
    public static WitMap ofEntries(List<? extends Map.Entry<?, ?>> pairs) {
        List<Map.Entry<Object, Object>> list = new ArrayList<>(pairs.size());
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : pairs) {
            list.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
            map.put(e.getKey(), e.getValue());
        }
        return new WitMap(Collections.unmodifiableList(list), Collections.unmodifiableMap(map));
    }

    /** Every key-value pair in the guest's order, duplicate keys included. */
    public List<Map.Entry<Object, Object>> entries() {
        return entries;
    }

    /** Whether some key came more than once (then {@link #entries()} is longer than the map). */
    public boolean hasDuplicateKeys() {
        return entries.size() != map.size();
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return map.entrySet();
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        return map.get(key);
    }
}
