package ai.wippy.runtime.wasi;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The guest's file descriptor numbers. New descriptors take the lowest free number. */
final class DescriptorTable {

    private final TreeMap<Integer, Descriptor> open = new TreeMap<>();
    private final int limit;

    /** {@code limit}: descriptors open at most (stdio included); beyond it opening fails with EMFILE. */
    DescriptorTable(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    Descriptor get(int fd) {
        Descriptor d = open.get(fd);
        if (d == null) {
            throw new WasiError(Errno.BADF);
        }
        return d;
    }

    <T extends Descriptor> T get(int fd, Class<T> kind, int errnoIfOtherKind) {
        Descriptor d = get(fd);
        if (!kind.isInstance(d)) {
            throw new WasiError(errnoIfOtherKind);
        }
        return kind.cast(d);
    }

    /** Fails with EMFILE when the table is full, before the caller opens anything on the host. */
    void requireRoom() {
        if (open.size() >= limit) {
            throw new WasiError(Errno.MFILE);
        }
    }

    int add(Descriptor d) {
        if (open.size() >= limit) {
            d.close();
            throw new WasiError(Errno.MFILE);
        }
        int fd = 0;
        for (int used : open.keySet()) {
            if (used != fd) {
                break;
            }
            fd++;
        }
        open.put(fd, d);
        return fd;
    }

    void close(int fd) {
        Descriptor d = open.remove(fd);
        if (d == null) {
            throw new WasiError(Errno.BADF);
        }
        d.close();
    }

    void renumber(int from, int to) {
        Descriptor d = get(from);
        Descriptor target = get(to);
        if (from == to) {
            return;
        }
        open.remove(from);
        open.put(to, d);
        target.close();
    }

    void closeAll() {
        List<Descriptor> all = new ArrayList<>(open.values());
        open.clear();
        for (Descriptor d : all) {
            d.close();
        }
    }
}
