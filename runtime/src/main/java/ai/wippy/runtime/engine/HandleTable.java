package ai.wippy.runtime.engine;

import ai.wippy.runtime.wit.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The handle table of one component instance (CanonicalABI.md "Table State"): one table for every
 * resource type, index 0 never valid, freed indexes reused last-freed-first. The allocation order
 * is normative (the spec's tests check exact indexes). The Component Model allows 2^28 - 1 entries;
 * this table stops at 2^20 live ones: a guest looping on {@code resource.new} would otherwise take
 * gigabytes of the build's heap before the spec's limit.
 */
final class HandleTable {

    static final int MAX_LENGTH = 1 << 20;

    /** What a handle holds. {@code scope} is the call a borrowed handle belongs to (null when owned). */
    static final class Entry {
        final ResourceType type;
        final int rep;
        final boolean own;
        final ComponentInstance.CallScope scope;
        int lends;

        Entry(ResourceType type, int rep, boolean own, ComponentInstance.CallScope scope) {
            this.type = type;
            this.rep = rep;
            this.own = own;
            this.scope = scope;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();

    HandleTable() {
        entries.add(null); // index 0 is never a handle
    }

    int add(Entry e) {
        if (!free.isEmpty()) {
            int i = free.remove(free.size() - 1);
            entries.set(i, e);
            return i;
        }
        int i = entries.size();
        if (i > MAX_LENGTH) {
            throw new ComponentTrap("handle table is full (" + MAX_LENGTH + " live handles, the most one component"
                    + " instance may hold here)");
        }
        entries.add(e);
        return i;
    }

    Entry get(int index) {
        if (index <= 0 || index >= entries.size() || entries.get(index) == null) {
            throw new ComponentTrap("unknown handle index " + Integer.toUnsignedString(index));
        }
        return entries.get(index);
    }

    Entry remove(int index) {
        Entry e = get(index);
        entries.set(index, null);
        free.add(index);
        return e;
    }

    /** Every live entry (for dropping what a process still owns when it ends). */
    List<Entry> live() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
