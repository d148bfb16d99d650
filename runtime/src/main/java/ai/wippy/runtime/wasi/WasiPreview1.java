package ai.wippy.runtime.wasi;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.fs.ConfinedDirectory;
import ai.wippy.runtime.fs.FsError;
import ai.wippy.runtime.fs.FsException;
import ai.wippy.runtime.fs.GuestPaths;
import ai.wippy.runtime.fs.Sandbox;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A WASI preview 1 ({@code wasi_snapshot_preview1}) host for one guest process, over a confined
 * view of the host filesystem (see {@link Sandbox}). fds 0–2 are stdin/stdout/stderr, the
 * mounts are preopened from fd 3 in order.
 *
 * <p><b>Working directory.</b> Preview 1 has no cwd call. wasi-libc starts every program with cwd
 * {@code /} (a constant in the library; it reads no {@code PWD} variable) and, unless the program
 * calls {@code chdir}, resolves a relative path by stripping leading {@code /} and {@code ./} and
 * picking the preopen whose name, stripped the same way, is the longest prefix of it. A preopen
 * named {@code .} therefore strips to the empty prefix and catches every relative path. So when
 * {@code cwd} is not {@code /} and lies inside a mount, this host adds one more preopen named
 * {@code .}, after the mounts, rooted at that mount but starting in the cwd directory ({@code ..}
 * may climb up to the mount root). wasi-libc programs then open relative paths in {@code cwd}.
 * Limits, inherent to wasi-libc stripping {@code /}: {@code getcwd()} still answers {@code /};
 * an absolute path under no other mount also lands in the cwd preopen (still confined); and when a
 * mount sits at {@code /} the alias would capture every absolute path meant for it, so no alias is
 * added then and {@code cwd} has no effect.
 */
public final class WasiPreview1 implements AutoCloseable {

    /** The import module name of every function. */
    public static final String MODULE = "wasi_snapshot_preview1";

    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;

    private final DescriptorTable fds;
    private final StdinPump stdin;
    private final ProcessCalls process;
    private final FileSystemCalls files;
    private final Poller poller;
    private boolean closed;

    public WasiPreview1(WasiOptions options) {
        Sandbox sandbox = options.sandbox();
        this.fds = new DescriptorTable(sandbox.budget().perGuest());
        this.stdin = new StdinPump(options.stdin(), options.waitHook());
        this.process = new ProcessCalls(options);
        this.files = new FileSystemCalls(fds, options.clock());
        this.poller = new Poller(fds, options.clock(), options.waitHook());
        fds.add(StreamDescriptor.stdin(stdin));
        fds.add(StreamDescriptor.output(options.stdout()));
        fds.add(StreamDescriptor.output(options.stderr()));
        try {
            for (WasiMount mount : options.mounts()) {
                fds.add(new DirectoryDescriptor(openMount(sandbox, mount), "", mount.guestPath(),
                        Rights.DIRECTORY, Rights.ALL, 0));
            }
            addCwdAlias(options, sandbox);
        } catch (RuntimeException e) {
            fds.closeAll();
            stdin.close();
            throw e;
        }
    }

    private static ConfinedDirectory openMount(Sandbox sandbox, WasiMount mount) {
        Path dir = mount.hostDirectory();
        if (!Files.isDirectory(dir)) {
            throw WippyException.user("wasi mount " + mount.guestPath() + ": host directory not found: " + dir);
        }
        try {
            // The root itself may be reached through host links (e.g. /tmp); below it, nothing is.
            return sandbox.open(dir, mount.readOnly());
        } catch (IOException e) {
            throw WippyException.internal("wasi mount " + mount.guestPath() + ": cannot open " + dir, e);
        } catch (FsException e) {
            throw WippyException.user("wasi mount " + mount.guestPath() + ": cannot open " + dir + ": "
                    + (e.error() == FsError.NFILE ? "too many files open in this JVM" : e.error()));
        }
    }

    private void addCwdAlias(WasiOptions options, Sandbox sandbox) {
        List<String> cwd = normalize(options.cwd());
        if (cwd.isEmpty()) {
            return;
        }
        int best = -1;
        List<String> bestMount = null;
        for (int i = 0; i < options.mounts().size(); i++) {
            List<String> mount = normalize(options.mounts().get(i).guestPath());
            if (mount.isEmpty()) {
                return; // a mount at "/": see the class comment
            }
            if (cwd.size() >= mount.size() && cwd.subList(0, mount.size()).equals(mount)
                    && (bestMount == null || mount.size() > bestMount.size())) {
                best = i;
                bestMount = mount;
            }
        }
        if (best < 0) {
            return;
        }
        String prefix = String.join("/", cwd.subList(bestMount.size(), cwd.size()));
        // Its own handle on the mount root: the guest may close the mount's preopen and keep this one.
        fds.add(new DirectoryDescriptor(openMount(sandbox, options.mounts().get(best)), prefix, ".",
                Rights.DIRECTORY, Rights.ALL, 0));
    }

    /** A guest path as plain names, {@code .} and {@code ..} applied lexically. */
    private static List<String> normalize(String guestPath) {
        List<String> names = new ArrayList<>();
        for (String name : GuestPaths.split(guestPath)) {
            if (name.equals("..")) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else if (!name.equals(".")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Closes every open descriptor. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            fds.closeAll();
            stdin.close();
        }
    }

    @FunctionalInterface
    private interface Call {
        /** Performs the call; returns normally for success or throws {@link WasiError}. */
        void apply(GuestMemory mem, long[] args);
    }

    /** Every function of {@code wasi_snapshot_preview1}, for {@code ImportValues.addFunction}. */
    public List<HostFunction> hostFunctions() {
        List<HostFunction> fns = new ArrayList<>();
        fns.add(fn("args_get", List.of(I32, I32), (m, a) -> process.argsGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("args_sizes_get", List.of(I32, I32), (m, a) -> process.argsSizesGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("environ_get", List.of(I32, I32), (m, a) -> process.environGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("environ_sizes_get", List.of(I32, I32),
                (m, a) -> process.environSizesGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("clock_res_get", List.of(I32, I32), (m, a) -> process.clockResGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("clock_time_get", List.of(I32, I64, I32),
                (m, a) -> process.clockTimeGet(m, i(a[0]), i(a[2]))));
        fns.add(fn("fd_advise", List.of(I32, I64, I64, I32), (m, a) -> files.fdAdvise(i(a[0]), a[1], a[2], i(a[3]))));
        fns.add(fn("fd_allocate", List.of(I32, I64, I64), (m, a) -> files.fdAllocate(i(a[0]), a[1], a[2])));
        fns.add(fn("fd_close", List.of(I32), (m, a) -> files.fdClose(i(a[0]))));
        fns.add(fn("fd_datasync", List.of(I32), (m, a) -> files.fdDatasync(i(a[0]))));
        fns.add(fn("fd_fdstat_get", List.of(I32, I32), (m, a) -> files.fdFdstatGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("fd_fdstat_set_flags", List.of(I32, I32), (m, a) -> files.fdFdstatSetFlags(i(a[0]), i(a[1]))));
        fns.add(fn("fd_fdstat_set_rights", List.of(I32, I64, I64),
                (m, a) -> files.fdFdstatSetRights(i(a[0]), a[1], a[2])));
        fns.add(fn("fd_filestat_get", List.of(I32, I32), (m, a) -> files.fdFilestatGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("fd_filestat_set_size", List.of(I32, I64), (m, a) -> files.fdFilestatSetSize(i(a[0]), a[1])));
        fns.add(fn("fd_filestat_set_times", List.of(I32, I64, I64, I32),
                (m, a) -> files.fdFilestatSetTimes(i(a[0]), a[1], a[2], i(a[3]))));
        fns.add(fn("fd_pread", List.of(I32, I32, I32, I64, I32), (m, a) -> {
            IoVectors iovs = IoVectors.read(m, i(a[1]), i(a[2]));
            m.check(i(a[4]), 4);
            m.writeI32(i(a[4]), (int) files.fdPread(m, i(a[0]), iovs, a[3]));
        }));
        fns.add(fn("fd_prestat_get", List.of(I32, I32), (m, a) -> files.fdPrestatGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("fd_prestat_dir_name", List.of(I32, I32, I32),
                (m, a) -> files.fdPrestatDirName(m, i(a[0]), i(a[1]), i(a[2]))));
        fns.add(fn("fd_pwrite", List.of(I32, I32, I32, I64, I32), (m, a) -> {
            IoVectors iovs = IoVectors.read(m, i(a[1]), i(a[2]));
            m.check(i(a[4]), 4);
            m.writeI32(i(a[4]), (int) files.fdPwrite(m, i(a[0]), iovs, a[3]));
        }));
        fns.add(fn("fd_read", List.of(I32, I32, I32, I32), (m, a) -> {
            IoVectors iovs = IoVectors.read(m, i(a[1]), i(a[2]));
            m.check(i(a[3]), 4);
            m.writeI32(i(a[3]), (int) files.fdRead(m, i(a[0]), iovs));
        }));
        fns.add(fn("fd_readdir", List.of(I32, I32, I32, I64, I32), (m, a) -> {
            m.check(i(a[4]), 4);
            m.writeI32(i(a[4]), files.fdReaddir(m, i(a[0]), i(a[1]), i(a[2]), a[3]));
        }));
        fns.add(fn("fd_renumber", List.of(I32, I32), (m, a) -> files.fdRenumber(i(a[0]), i(a[1]))));
        fns.add(fn("fd_seek", List.of(I32, I64, I32, I32), (m, a) -> {
            m.check(i(a[3]), 8);
            m.writeI64(i(a[3]), files.fdSeek(i(a[0]), a[1], i(a[2])));
        }));
        fns.add(fn("fd_sync", List.of(I32), (m, a) -> files.fdSync(i(a[0]))));
        fns.add(fn("fd_tell", List.of(I32, I32), (m, a) -> {
            m.check(i(a[1]), 8);
            m.writeI64(i(a[1]), files.fdTell(i(a[0])));
        }));
        fns.add(fn("fd_write", List.of(I32, I32, I32, I32), (m, a) -> {
            IoVectors iovs = IoVectors.read(m, i(a[1]), i(a[2]));
            m.check(i(a[3]), 4);
            m.writeI32(i(a[3]), (int) files.fdWrite(m, i(a[0]), iovs));
        }));
        fns.add(fn("path_create_directory", List.of(I32, I32, I32),
                (m, a) -> files.pathCreateDirectory(i(a[0]), path(m, a[1], a[2]))));
        fns.add(fn("path_filestat_get", List.of(I32, I32, I32, I32, I32),
                (m, a) -> files.pathFilestatGet(m, i(a[0]), i(a[1]), path(m, a[2], a[3]), i(a[4]))));
        fns.add(fn("path_filestat_set_times", List.of(I32, I32, I32, I32, I64, I64, I32),
                (m, a) -> files.pathFilestatSetTimes(i(a[0]), i(a[1]), path(m, a[2], a[3]), a[4], a[5], i(a[6]))));
        fns.add(fn("path_link", List.of(I32, I32, I32, I32, I32, I32, I32),
                (m, a) -> files.pathLink(i(a[0]), i(a[1]), path(m, a[2], a[3]), i(a[4]), path(m, a[5], a[6]))));
        fns.add(fn("path_open", List.of(I32, I32, I32, I32, I32, I64, I64, I32, I32), (m, a) -> {
            String p = path(m, a[2], a[3]);
            m.check(i(a[8]), 4);
            m.writeI32(i(a[8]), files.pathOpen(i(a[0]), i(a[1]), p, i(a[4]), a[5], a[6], i(a[7])));
        }));
        fns.add(fn("path_readlink", List.of(I32, I32, I32, I32, I32, I32), (m, a) -> {
            String p = path(m, a[1], a[2]);
            m.check(i(a[3]), Integer.toUnsignedLong(i(a[4])));
            m.check(i(a[5]), 4);
            byte[] target = files.pathReadlink(i(a[0]), p, Integer.toUnsignedLong(i(a[4])));
            m.write(i(a[3]), target);
            m.writeI32(i(a[5]), target.length);
        }));
        fns.add(fn("path_remove_directory", List.of(I32, I32, I32),
                (m, a) -> files.pathRemoveDirectory(i(a[0]), path(m, a[1], a[2]))));
        fns.add(fn("path_rename", List.of(I32, I32, I32, I32, I32, I32),
                (m, a) -> files.pathRename(i(a[0]), path(m, a[1], a[2]), i(a[3]), path(m, a[4], a[5]))));
        fns.add(fn("path_symlink", List.of(I32, I32, I32, I32, I32),
                (m, a) -> files.pathSymlink(path(m, a[0], a[1]), i(a[2]), path(m, a[3], a[4]))));
        fns.add(fn("path_unlink_file", List.of(I32, I32, I32),
                (m, a) -> files.pathUnlinkFile(i(a[0]), path(m, a[1], a[2]))));
        fns.add(fn("poll_oneoff", List.of(I32, I32, I32, I32), (m, a) -> {
            m.check(i(a[3]), 4);
            m.writeI32(i(a[3]), poller.poll(m, i(a[0]), i(a[1]), i(a[2])));
        }));
        fns.add(new HostFunction(MODULE, "proc_exit", FunctionType.of(List.of(I32), List.of()),
                (Instance instance, long... a) -> {
                    throw new WasiExitException(i(a[0]));
                }));
        fns.add(fn("proc_raise", List.of(I32), (m, a) -> {
            throw new WasiError(Errno.NOSYS);
        }));
        fns.add(fn("random_get", List.of(I32, I32), (m, a) -> process.randomGet(m, i(a[0]), i(a[1]))));
        fns.add(fn("sched_yield", List.of(), (m, a) -> Thread.yield()));
        fns.add(fn("sock_accept", List.of(I32, I32, I32), (m, a) -> notASocket(i(a[0]))));
        fns.add(fn("sock_recv", List.of(I32, I32, I32, I32, I32, I32), (m, a) -> notASocket(i(a[0]))));
        fns.add(fn("sock_send", List.of(I32, I32, I32, I32, I32), (m, a) -> notASocket(i(a[0]))));
        fns.add(fn("sock_shutdown", List.of(I32, I32), (m, a) -> notASocket(i(a[0]))));
        return List.copyOf(fns);
    }

    /** No socket is ever open: a valid fd is not a socket, anything else is no fd. */
    private void notASocket(int fd) {
        fds.get(fd);
        throw new WasiError(Errno.NOTSOCK);
    }

    private static HostFunction fn(String name, List<ValType> params, Call call) {
        return new HostFunction(MODULE, name, FunctionType.of(params, List.of(I32)),
                (Instance instance, long... args) -> new long[] {invoke(instance, call, args)});
    }

    private static int invoke(Instance instance, Call call, long[] args) {
        try {
            call.apply(new GuestMemory(instance.memory()), args);
            return Errno.SUCCESS;
        } catch (WasiError e) {
            return e.errno();
        } catch (FsException e) {
            return HostErrors.errnoOf(e.error());
        } catch (UncheckedIOException e) {
            return HostErrors.errnoOf(e.getCause());
        } catch (SecurityException e) {
            return Errno.ACCES;
        } catch (UnsupportedOperationException e) {
            return HostErrors.errnoOf(e);
        }
    }

    private static String path(GuestMemory mem, long ptr, long len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(mem.read(i(ptr), i(len)))).toString();
        } catch (CharacterCodingException e) {
            throw new WasiError(Errno.ILSEQ);
        }
    }

    private static int i(long arg) {
        return (int) arg;
    }
}
