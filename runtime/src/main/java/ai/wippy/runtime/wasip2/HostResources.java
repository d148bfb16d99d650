package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wit.ResourceHandle;
import ai.wippy.runtime.wit.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects behind the handles of WASI resources one component execution holds (streams,
 * pollables, descriptors, sockets, …), by rep. The guest's handle table only ever holds reps this
 * table gave out, and checks a handle's resource type before it reaches us, so a rep identifies one
 * object; the Java class is checked too, as a second line. A guest holds at most {@link #LIMIT}.
 */
final class HostResources {

    /** As the guest's own handle table (engine.HandleTable): enough for any program, far below the heap's end. */
    static final int LIMIT = 1 << 20;

    private final Map<Integer, Object> objects = new HashMap<>();
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
        objects.put(rep, object);
        return new ResourceHandle(type, rep, true);
    }

    /** The object behind a handle the guest passes (own or borrow), which stays in the table. */
    <T> T get(Object handle, Class<T> kind) {
        ResourceHandle h = (ResourceHandle) handle;
        Object o = objects.get(h.rep());
        if (!kind.isInstance(o)) {
            throw new WasiTrap("handle " + h + " is not a " + kind.getSimpleName());
        }
        return kind.cast(o);
    }

    /** The object behind an own handle the guest gives up (it leaves the table, unclosed). */
    <T> T take(Object handle, Class<T> kind) {
        T o = get(handle, kind);
        objects.remove(((ResourceHandle) handle).rep());
        return o;
    }

    /** The guest dropped its own handle: the object is closed if it holds anything. */
    void drop(int rep) {
        Object o = objects.remove(rep);
        if (o instanceof AutoCloseable c) {
            closeQuietly(c);
        }
    }

    /** The execution ends: everything still held is closed, newest first (children before parents). */
    void closeAll() {
        List<Map.Entry<Integer, Object>> left = new ArrayList<>(objects.entrySet());
        objects.clear();
        left.sort((a, b) -> Integer.compare(b.getKey(), a.getKey()));
        for (Map.Entry<Integer, Object> e : left) {
            if (e.getValue() instanceof AutoCloseable c) {
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
