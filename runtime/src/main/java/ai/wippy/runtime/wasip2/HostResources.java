package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wit.ResourceHandle;
import ai.wippy.runtime.wit.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects behind the handles of WASI resources one component execution holds (streams,
 * pollables, descriptors, sockets, …), by rep, with the resource type each was given out as. The
 * guest's handle table checks a handle's type before it reaches us; the type and the Java class are
 * checked here again, because other hosts (Java host interfaces) give out reps of their own and a
 * drop names only the type and the rep. A guest holds at most {@link #LIMIT}.
 */
final class HostResources {

    private record Entry(ResourceType type, Object object) {
    }

    /** As the guest's own handle table (engine.HandleTable): enough for any program, far below the heap's end. */
    static final int LIMIT = 1 << 20;

    private final Map<Integer, Entry> objects = new HashMap<>();
    private int nextRep = 1;

    /** A new own handle of {@code type} for {@code object}. */
    ResourceHandle own(ResourceType type, Object object) {
        if (objects.size() >= LIMIT) {
            throw new WasiTrap("too many WASI resources held at once (" + LIMIT + ")");
        }
        while (nextRep == 0 || objects.containsKey(nextRep)) {
            nextRep++;
        }
        int rep = nextRep++;
        objects.put(rep, new Entry(type, object));
        return new ResourceHandle(type, rep, true);
    }

    /** The object behind a handle the guest passes (own or borrow), which stays in the table. */
    <T> T get(Object handle, Class<T> kind) {
        ResourceHandle h = (ResourceHandle) handle;
        Entry e = objects.get(h.rep());
        if (e == null || e.type().runtime() != h.type().runtime() || !kind.isInstance(e.object())) {
            throw new WasiTrap("handle " + h + " is not a " + kind.getSimpleName());
        }
        return kind.cast(e.object());
    }

    /** The object behind an own handle the guest gives up (it leaves the table, unclosed). */
    <T> T take(Object handle, Class<T> kind) {
        T o = get(handle, kind);
        objects.remove(((ResourceHandle) handle).rep());
        return o;
    }

    /** The guest dropped its own handle: the object is closed if it holds anything. */
    void drop(ResourceType type, int rep) {
        Entry e = objects.get(rep);
        if (e != null && e.type().runtime() == type.runtime()) {
            objects.remove(rep);
            if (e.object() instanceof AutoCloseable c) {
                closeQuietly(c);
            }
        }
    }

    /** The execution ends: everything still held is closed, newest first (children before parents). */
    void closeAll() {
        List<Map.Entry<Integer, Entry>> left = new ArrayList<>(objects.entrySet());
        objects.clear();
        left.sort((a, b) -> Integer.compare(b.getKey(), a.getKey()));
        for (Map.Entry<Integer, Entry> e : left) {
            if (e.getValue().object() instanceof AutoCloseable c) {
                closeQuietly(c);
            }
        }
    }

    int size() {
        return objects.size();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // releasing a host resource cannot fail the guest: it is gone either way
        }
    }
}
