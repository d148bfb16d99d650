package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitMap;
import ai.wippy.runtime.wit.WitType;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code list<T>}: {@code (ptr, length)}, the elements at {@code ptr + i * size(T)}; and
 * {@code map<K, V>}, whose ABI is that of {@code list<tuple<K, V>>} (CanonicalABI.md
 * {@code despecialize}), the element codec then being the tuple's: a map is lifted as a
 * {@link WitMap} (every pair kept; the Map view's value of a repeated key is its last pair's) and
 * lowered from a Map, its entries in iteration order (a WitMap's pairs as they came). Lists of
 * pure elements (numbers, bools, chars, enums, flags and records or variants of them) move in one
 * copy of the whole range and a decode or encode loop over it; {@code list<u8>}/{@code list<s8>}
 * are a byte array (lowered from a byte[] or from any List, lifted as a {@link ByteList}).
 */
final class ListCodec extends PointerLengthCodec {

    /** Bytes encoded at a time before they are copied into guest memory. */
    private static final int CHUNK = 16 * 1024;

    private final Codec element;
    private final boolean map;
    private volatile String allocation; // "a list<…>", for realloc messages

    /** {@code t} a list, or a map with {@code element} the codec of its {@code tuple<K, V>}. */
    ListCodec(WitType t, Codec element) {
        super(t);
        if (!(t instanceof WitType.ListType || t instanceof WitType.MapType)) {
            throw new IllegalArgumentException("not a list or map type: " + t);
        }
        this.element = element;
        this.map = t instanceof WitType.MapType;
    }

    /** What a bad pointer is reported as (made only then: a type's text can be long). */
    private String what() {
        return map ? type.toString() : "list<" + ((WitType.ListType) type).element() + ">";
    }

    private CanonicalAbiException tooLong(long length, long byteLength) {
        return new CanonicalAbiException("list of " + length + " elements (" + byteLength
                + " bytes) exceeds the maximum of " + CanonicalAbi.MAX_LIST_BYTE_LENGTH + " bytes");
    }

    /** A list (or map) whose elements are at {@code [ptr, ptr + length * size)}; length and range checked first. */
    @Override
    Object loadAt(AbiContext cx, long ptr, long length) {
        int elementSize = element.size();
        long byteLength = length * elementSize;
        if (byteLength > CanonicalAbi.MAX_LIST_BYTE_LENGTH) {
            throw tooLong(length, byteLength);
        }
        if (ptr % element.alignment() != 0) {
            cx.checkAligned(ptr, element.alignment(), what());
        }
        if (!cx.inBounds(ptr, byteLength)) {
            cx.checkInBounds(ptr, byteLength, what());
        }
        int n = (int) length;
        if (n < 0) {
            // only zero-sized elements get here: the count does not fit a Java list
            throw new IllegalArgumentException("Illegal Capacity: " + n);
        }
        if (ScalarCodecs.isByte(element)) { // never for a map: its element is a tuple
            return new ByteList(cx.bytes(ptr, n), element.type instanceof WitType.U8);
        }
        Object[] values = new Object[n];
        if (element.pure()) {
            element.decodeAll(cx.bytes(ptr, (int) byteLength), values);
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = element.load(cx, ptr + (long) i * elementSize);
            }
        }
        if (map) {
            List<Map.Entry<Object, Object>> pairs = new ArrayList<>(n);
            for (Object pair : values) {
                List<?> kv = (List<?>) pair;
                pairs.add(new AbstractMap.SimpleImmutableEntry<>(kv.get(0), kv.get(1)));
            }
            return WitMap.ofEntries(pairs);
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** A map's pairs as the List of 2-element Lists its tuple codec stores. */
    private List<?> pairs(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw ValueModel.mismatch(v, type, "a map is a Map");
        }
        java.util.Collection<? extends Map.Entry<?, ?>> entries = m instanceof WitMap w ? w.entries() : m.entrySet();
        List<Object> pairs = new ArrayList<>(entries.size());
        for (Map.Entry<?, ?> e : entries) {
            pairs.add(Arrays.asList(e.getKey(), e.getValue()));
        }
        return pairs;
    }

    /** Stores the elements in a fresh allocation; returns {@code ptr | length << 32}. */
    @Override
    long storeContents(AbiContext cx, Object v) {
        if (map) {
            v = pairs(v);
        } else if (v instanceof byte[] bytes && ScalarCodecs.isByte(element)) {
            long ptr = allocate(cx, bytes.length);
            cx.putBytes(ptr, bytes, bytes.length);
            return ptr | (long) bytes.length << 32;
        }
        if (!(v instanceof List<?> given)) {
            throw ValueModel.mismatch(v, type, "a list is a List");
        }
        List<?> elements = indexed(given);
        int n = elements.size();
        long ptr = allocate(cx, n);
        int elementSize = element.size();
        if (elements instanceof ByteList b && ScalarCodecs.isByte(element) && b.unsigned() == (element.type instanceof WitType.U8)) {
            cx.putBytes(ptr, b.bytes(), n);
        } else if (element.pure() && elementSize > 0) {
            // in chunks: a small buffer, encoded then written in one copy; bytes a store does not
            // write (padding, unused payload) are read first, so they keep what memory holds
            int perChunk = Math.max(1, CHUNK / elementSize);
            boolean dense = element.dense();
            byte[] chunk = dense ? new byte[Math.min(n, perChunk) * elementSize] : null;
            for (int from = 0; from < n; from += perChunk) {
                int count = Math.min(perChunk, n - from);
                long at = ptr + (long) from * elementSize;
                byte[] bytes = dense ? chunk : cx.bytes(at, count * elementSize);
                int done = element.encodeAll(elements, from, count, bytes);
                cx.putBytes(at, bytes, done * elementSize);
                if (done < count) {
                    // replay the failing element: it writes what it writes, then fails as the spec's store does
                    element.store(cx, at + (long) done * elementSize, elements.get(from + done));
                    throw new IllegalStateException("element " + (from + done) + " of a " + type
                            + " failed to encode but stored");
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                element.store(cx, ptr + (long) i * elementSize, elements.get(i));
            }
        }
        return ptr | (long) n << 32;
    }

    private long allocate(AbiContext cx, long length) {
        long byteLength = length * element.size();
        if (byteLength > CanonicalAbi.MAX_LIST_BYTE_LENGTH) {
            throw tooLong(length, byteLength);
        }
        String what = allocation;
        if (what == null) {
            what = "a " + type;
            allocation = what;
        }
        return cx.allocate(element.alignment(), byteLength, what);
    }
}
