package ai.wippy.runtime.wasi;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our WASI preview 1 ({@code wasi_snapshot_preview1}) host: every function of the witx, as Chicory
 * host functions, over {@link Sandbox}ed mounts. One per instance, used from the instance's thread.
 *
 * <p>{@code cwd}: preview 1 has no working directory; wasi-libc makes relative paths absolute against
 * its own cwd, "/", unless a preopen named {@code .} exists, which it then uses for relative paths.
 * So a {@code cwd} inside a mount becomes an extra preopen {@code .} on that directory: relative paths
 * of C programs resolve against it (their {@code getcwd()} still says "/"). A cwd under no mount has
 * no effect on a core module.
 */
public final class WasiPreview1 implements AutoCloseable {

    static final String MODULE = "wasi_snapshot_preview1";

    private final WasiOptions options;
    private final FdTable fds = new FdTable();
    private final byte[][] args;
    private final byte[][] env;
    private final List<HostFunction> functions;
    private final FileOps files;
    private final Poller poller;

    public WasiPreview1(WasiOptions options) {
        this.options = options;
        this.args = encode(options.arguments());
        List<String> vars = new ArrayList<>();
        for (Map.Entry<String, String> e : options.environment()) {
            vars.add(e.getKey() + "=" + e.getValue());
        }
        this.env = encode(vars);
        fds.put(0, new Descriptor.Stream(options.stdin(), null));
        fds.put(1, new Descriptor.Stream(null, options.stdout()));
        fds.put(2, new Descriptor.Stream(null, options.stderr()));
        List<Sandbox> sandboxes = new ArrayList<>();
        for (WasiMount m : options.mounts()) {
            Sandbox s = Sandbox.open(m);
            sandboxes.add(s);
            fds.add(new Descriptor.Directory(s, List.of(), normalizeGuest(m.guestPath()), Rights.DIRECTORY,
                    Rights.DIRECTORY | Rights.FILE));
        }
        addCwdAlias(options.cwd(), sandboxes);
        this.files = new FileOps(fds);
        this.poller = new Poller(fds, options);
        this.functions = List.copyOf(buildFunctions());
    }

    /** The host functions, module {@code wasi_snapshot_preview1}. */
    public List<HostFunction> hostFunctions() {
        return functions;
    }

    @Override
    public void close() {
        fds.closeAll();
    }

    private void addCwdAlias(String cwd, List<Sandbox> sandboxes) {
        String guest = normalizeGuest(cwd);
        if (guest.equals("/")) {
            return;
        }
        Sandbox best = null;
        for (Sandbox s : sandboxes) {
            String g = normalizeGuest(s.guestPath);
            if ((guest.equals(g) || guest.startsWith(g.equals("/") ? "/" : g + "/"))
                    && (best == null || g.length() > normalizeGuest(best.guestPath).length())) {
                best = s;
            }
        }
        if (best == null) {
            return;
        }
        String rest = guest.substring(normalizeGuest(best.guestPath).length()).replaceFirst("^/+", "");
        try {
            Sandbox.Resolved r = rest.isEmpty() ? best.resolve(List.of(), ".", true) : best.resolve(List.of(), rest, true);
            if (r.isDirectory()) {
                fds.add(new Descriptor.Directory(best, r.components(), ".", Rights.DIRECTORY, Rights.DIRECTORY | Rights.FILE));
            }
        } catch (Errno.Failure e) {
            // a cwd that does not exist inside its mount has no effect, as with no mount at all
        }
    }

    static String normalizeGuest(String guest) {
        String g = guest.replaceAll("/+", "/");
        if (g.length() > 1 && g.endsWith("/")) {
            g = g.substring(0, g.length() - 1);
        }
        return g.isEmpty() ? "/" : g;
    }

    private static byte[][] encode(List<String> strings) {
        byte[][] out = new byte[strings.size()][];
        for (int i = 0; i < out.length; i++) {
            byte[] s = strings.get(i).getBytes(StandardCharsets.UTF_8);
            out[i] = java.util.Arrays.copyOf(s, s.length + 1);
        }
        return out;
    }

    // ---- function table -------------------------------------------------------------------

    /** The body of a WASI function: returns an errno, or throws {@link Errno.Failure}. */
    @FunctionalInterface
    private interface Body {
        int call(WasiMemory memory, long[] args) throws IOException;
    }

    private final List<HostFunction> built = new ArrayList<>();

    private void fn(String name, String params, Body body) {
        List<ValType> ps = new ArrayList<>();
        for (char c : params.toCharArray()) {
            ps.add(c == 'L' ? ValType.I64 : ValType.I32);
        }
        built.add(new HostFunction(MODULE, name, FunctionType.of(ps, List.of(ValType.I32)),
                (Instance instance, long... a) -> new long[] {invoke(instance, body, a)}));
    }

    private static int invoke(Instance instance, Body body, long[] a) {
        try {
            return body.call(new WasiMemory(instance.memory()), a);
        } catch (Errno.Failure f) {
            return f.errno;
        } catch (IOException e) {
            return Errno.of(e);
        } catch (SecurityException | UnsupportedOperationException e) {
            return Errno.NOTSUP;
        }
    }

    private static int i(long v) {
        return (int) v;
    }

    private List<HostFunction> buildFunctions() {
        fn("args_get", "II", (m, a) -> writeStrings(m, args, i(a[0]), i(a[1])));
        fn("args_sizes_get", "II", (m, a) -> writeSizes(m, args, i(a[0]), i(a[1])));
        fn("environ_get", "II", (m, a) -> writeStrings(m, env, i(a[0]), i(a[1])));
        fn("environ_sizes_get", "II", (m, a) -> writeSizes(m, env, i(a[0]), i(a[1])));
        fn("clock_res_get", "II", (m, a) -> clockRes(m, i(a[0]), i(a[1])));
        fn("clock_time_get", "ILI", (m, a) -> clockTime(m, i(a[0]), i(a[2])));
        fn("fd_advise", "ILLI", (m, a) -> files.advise(i(a[0]), a[1], a[2], i(a[3])));
        fn("fd_allocate", "ILL", (m, a) -> files.allocate(i(a[0]), a[1], a[2]));
        fn("fd_close", "I", (m, a) -> files.close(i(a[0])));
        fn("fd_datasync", "I", (m, a) -> files.sync(i(a[0]), Rights.FD_DATASYNC));
        fn("fd_sync", "I", (m, a) -> files.sync(i(a[0]), Rights.FD_SYNC));
        fn("fd_fdstat_get", "II", (m, a) -> files.fdstatGet(m, i(a[0]), i(a[1])));
        fn("fd_fdstat_set_flags", "II", (m, a) -> files.fdstatSetFlags(i(a[0]), i(a[1])));
        fn("fd_fdstat_set_rights", "ILL", (m, a) -> files.fdstatSetRights(i(a[0]), a[1], a[2]));
        fn("fd_filestat_get", "II", (m, a) -> files.filestatGet(m, i(a[0]), i(a[1])));
        fn("fd_filestat_set_size", "IL", (m, a) -> files.setSize(i(a[0]), a[1]));
        fn("fd_filestat_set_times", "ILLI", (m, a) -> files.setTimes(i(a[0]), a[1], a[2], i(a[3])));
        fn("fd_pread", "IIILI", (m, a) -> files.pread(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4])));
        fn("fd_pwrite", "IIILI", (m, a) -> files.pwrite(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4])));
        fn("fd_prestat_get", "II", (m, a) -> files.prestatGet(m, i(a[0]), i(a[1])));
        fn("fd_prestat_dir_name", "III", (m, a) -> files.prestatDirName(m, i(a[0]), i(a[1]), i(a[2])));
        fn("fd_read", "IIII", (m, a) -> files.read(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), options.waitHook()));
        fn("fd_write", "IIII", (m, a) -> files.write(m, i(a[0]), i(a[1]), i(a[2]), i(a[3])));
        fn("fd_readdir", "IIILI", (m, a) -> files.readdir(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4])));
        fn("fd_renumber", "II", (m, a) -> files.renumber(i(a[0]), i(a[1])));
        fn("fd_seek", "ILII", (m, a) -> files.seek(m, i(a[0]), a[1], i(a[2]), i(a[3])));
        fn("fd_tell", "II", (m, a) -> files.tell(m, i(a[0]), i(a[1])));
        fn("path_create_directory", "III", (m, a) -> files.createDirectory(m, i(a[0]), i(a[1]), i(a[2])));
        fn("path_filestat_get", "IIIII", (m, a) -> files.pathFilestatGet(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4])));
        fn("path_filestat_set_times", "IIIILLI", (m, a) -> files.pathSetTimes(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]),
                a[4], a[5], i(a[6])));
        fn("path_link", "IIIIIII", (m, a) -> files.link(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5]), i(a[6])));
        fn("path_open", "IIIIILLII", (m, a) -> files.open(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), a[5], a[6],
                i(a[7]), i(a[8])));
        fn("path_readlink", "IIIIII", (m, a) -> files.readlink(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5])));
        fn("path_remove_directory", "III", (m, a) -> files.removeDirectory(m, i(a[0]), i(a[1]), i(a[2])));
        fn("path_rename", "IIIIII", (m, a) -> files.rename(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5])));
        fn("path_symlink", "IIIII", (m, a) -> files.symlink(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4])));
        fn("path_unlink_file", "III", (m, a) -> files.unlink(m, i(a[0]), i(a[1]), i(a[2])));
        fn("poll_oneoff", "IIII", (m, a) -> poller.poll(m, i(a[0]), i(a[1]), i(a[2]), i(a[3])));
        fn("proc_raise", "I", (m, a) -> Errno.NOSYS);
        fn("random_get", "II", (m, a) -> randomGet(m, i(a[0]), i(a[1])));
        fn("sched_yield", "", (m, a) -> {
            Thread.yield();
            return Errno.SUCCESS;
        });
        fn("sock_accept", "III", (m, a) -> notASocket(i(a[0])));
        fn("sock_recv", "IIIIII", (m, a) -> notASocket(i(a[0])));
        fn("sock_send", "IIIII", (m, a) -> notASocket(i(a[0])));
        fn("sock_shutdown", "II", (m, a) -> notASocket(i(a[0])));
        built.add(new HostFunction(MODULE, "proc_exit", FunctionType.of(List.of(ValType.I32), List.of()),
                (instance, a) -> {
                    throw new WasiExitException((int) a[0]);
                }));
        return built;
    }

    private static int writeStrings(WasiMemory m, byte[][] strings, int pointers, int buffer) {
        int at = buffer;
        for (int k = 0; k < strings.length; k++) {
            m.writeI32(pointers + k * 4, at);
            m.write(at, strings[k]);
            at += strings[k].length;
        }
        return Errno.SUCCESS;
    }

    private static int writeSizes(WasiMemory m, byte[][] strings, int countPtr, int sizePtr) {
        int total = 0;
        for (byte[] s : strings) {
            total += s.length;
        }
        m.writeI32(countPtr, strings.length);
        m.writeI32(sizePtr, total);
        return Errno.SUCCESS;
    }

    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME = 2;
    static final int CLOCK_THREAD_CPUTIME = 3;

    private int clockRes(WasiMemory m, int id, int ptr) {
        if (id == CLOCK_REALTIME || id == CLOCK_MONOTONIC || id == CLOCK_PROCESS_CPUTIME || id == CLOCK_THREAD_CPUTIME) {
            m.writeI64(ptr, id == CLOCK_REALTIME ? 1000L : 1L);
            return Errno.SUCCESS;
        }
        return Errno.INVAL;
    }

    private int clockTime(WasiMemory m, int id, int ptr) {
        long now = switch (id) {
            case CLOCK_REALTIME -> options.clock().realtimeNanos();
            case CLOCK_MONOTONIC -> options.clock().monotonicNanos();
            // The JVM gives no per-guest CPU clock; the monotonic clock is an upper bound of it.
            case CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME -> options.clock().monotonicNanos();
            default -> throw Errno.fail(Errno.INVAL);
        };
        m.writeI64(ptr, now);
        return Errno.SUCCESS;
    }

    private int randomGet(WasiMemory m, int buf, int len) {
        long remaining = Integer.toUnsignedLong(len);
        m.checkRange(buf, remaining);
        byte[] chunk = new byte[(int) Math.min(remaining, 65536)];
        int at = buf;
        while (remaining > 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new GuestInterruptedException();
            }
            int n = (int) Math.min(remaining, chunk.length);
            options.random().nextBytes(chunk);
            m.write(at, chunk, 0, n);
            at += n;
            remaining -= n;
        }
        return Errno.SUCCESS;
    }

    private int notASocket(int fd) {
        fds.get(fd);
        return Errno.NOTSOCK;
    }

    /** The open descriptors of one instance; new ones take the lowest free number. */
    static final class FdTable {
        private final TreeMap<Integer, Descriptor> table = new TreeMap<>();

        Descriptor get(int fd) {
            Descriptor d = table.get(fd);
            if (d == null) {
                throw Errno.fail(Errno.BADF);
            }
            return d;
        }

        void put(int fd, Descriptor d) {
            table.put(fd, d);
        }

        int add(Descriptor d) {
            int fd = 0;
            for (int used : table.keySet()) {
                if (used != fd) {
                    break;
                }
                fd++;
            }
            table.put(fd, d);
            return fd;
        }

        Descriptor remove(int fd) {
            Descriptor d = table.remove(fd);
            if (d == null) {
                throw Errno.fail(Errno.BADF);
            }
            return d;
        }

        void closeAll() {
            for (Descriptor d : table.values()) {
                try {
                    d.close();
                } catch (IOException e) {
                    // closing on teardown: nothing left to report to
                }
            }
            table.clear();
        }
    }
}
