package ai.wippy.runtime.wasi;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test helper: a guest module from {@code src/test/resources/wasi} linked to a {@link WasiPreview1}.
 * For {@code probe.wasm}, {@link #call} invokes one WASI function with raw arguments; strings and
 * structures are placed in the exported memory with {@link #put} and read back with the readers.
 */
final class Guest implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 20;

    final WasiPreview1 wasi;
    final Instance instance;
    final ByteArrayOutputStream stdout;
    final ByteArrayOutputStream stderr;
    private int scratch = 1024;

    private Guest(WasiPreview1 wasi, Instance instance, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
        this.wasi = wasi;
        this.instance = instance;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static WasmModule module(String name) {
        try (InputStream in = Guest.class.getResourceAsStream("/wasi/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource wasi/" + name);
            }
            return Parser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The probe module with the given options (stdout/stderr are captured here). */
    static Guest probe(WasiOptions.Builder options) {
        return create("probe.wasm", options, false);
    }

    /** Instantiates a command module and runs its {@code _start} (with a timeout). */
    static Guest run(String wasm, WasiOptions.Builder options) {
        return create(wasm, options, true);
    }

    private static Guest create(String wasm, WasiOptions.Builder options, boolean start) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiPreview1 wasi = new WasiPreview1(options.stdout(out).stderr(err).build());
        WasmModule module = module(wasm);
        ImportValues imports = ImportValues.builder().addFunction(wasi.hostFunctions().toArray(
                new com.dylibso.chicory.runtime.HostFunction[0])).build();
        Instance instance = withTimeout(() -> Instance.builder(module).withImportValues(imports)
                .withStart(start).build());
        return new Guest(wasi, instance, out, err);
    }

    static <T> T withTimeout(Callable<T> task) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<T> f = pool.submit(task);
            try {
                return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new AssertionError("guest did not finish within " + TIMEOUT_SECONDS + " s");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new AssertionError(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Calls the probe's export {@code name} (one WASI function) and returns its errno. */
    int call(String name, long... args) {
        long[] r = withTimeout(() -> instance.export(name).apply(args));
        return r == null ? 0 : (int) r[0];
    }

    Memory memory() {
        return instance.memory();
    }

    /** Copies bytes into fresh scratch memory; returns the address. */
    int put(byte[] bytes) {
        int at = scratch;
        memory().write(at, bytes);
        scratch += (bytes.length + 15) & ~7;
        return at;
    }

    int put(String s) {
        return put(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Reserves zeroed scratch memory. */
    int alloc(int size) {
        return put(new byte[size]);
    }

    int i32(int addr) {
        return memory().readInt(addr);
    }

    long i64(int addr) {
        return memory().readLong(addr);
    }

    int u8(int addr) {
        return memory().read(addr) & 0xFF;
    }

    int u16(int addr) {
        return memory().readShort(addr) & 0xFFFF;
    }

    String string(int addr, int len) {
        return memory().readString(addr, len);
    }

    String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    // ---- conveniences over common calls

    /** path_open relative to {@code dirFd}; returns the new fd, or throws with the errno. */
    int open(int dirFd, String path, int oflags, long rights, int fdflags) {
        int p = put(path);
        int fdOut = alloc(4);
        int errno = call("path_open", dirFd, 0, p, path.getBytes(StandardCharsets.UTF_8).length, oflags,
                rights, Witx.ALL_RIGHTS, fdflags, fdOut);
        if (errno != 0) {
            throw new ErrnoResult(errno);
        }
        return i32(fdOut);
    }

    /** path_open returning the errno (0 on success). */
    int openErrno(int dirFd, int lookup, String path, int oflags, long rights, int fdflags) {
        int p = put(path);
        return call("path_open", dirFd, lookup, p, path.getBytes(StandardCharsets.UTF_8).length, oflags,
                rights, rights, fdflags, alloc(4));
    }

    int write(int fd, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int buf = put(data);
        int iov = put(new byte[8]);
        memory().writeI32(iov, buf);
        memory().writeI32(iov + 4, data.length);
        int nOut = alloc(4);
        int errno = call("fd_write", fd, iov, 1, nOut);
        if (errno != 0) {
            throw new ErrnoResult(errno);
        }
        return i32(nOut);
    }

    int writeErrno(int fd, String text) {
        try {
            write(fd, text);
            return 0;
        } catch (ErrnoResult e) {
            return e.errno;
        }
    }

    String read(int fd, int max) {
        int buf = alloc(max);
        int iov = put(new byte[8]);
        memory().writeI32(iov, buf);
        memory().writeI32(iov + 4, max);
        int nOut = alloc(4);
        int errno = call("fd_read", fd, iov, 1, nOut);
        if (errno != 0) {
            throw new ErrnoResult(errno);
        }
        return string(buf, i32(nOut));
    }

    int readErrno(int fd) {
        try {
            read(fd, 16);
            return 0;
        } catch (ErrnoResult e) {
            return e.errno;
        }
    }

    /** Calls a path function taking (fd, path, path_len), e.g. path_create_directory. */
    int pathCall(String name, int fd, String path) {
        int p = put(path);
        return call(name, fd, p, path.getBytes(StandardCharsets.UTF_8).length);
    }

    @Override
    public void close() {
        wasi.close();
    }

    /** A WASI call failed with {@code errno}. */
    static final class ErrnoResult extends RuntimeException {
        final int errno;

        ErrnoResult(int errno) {
            super("errno " + errno);
            this.errno = errno;
        }
    }
}
