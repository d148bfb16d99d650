package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the WASI functions directly, as a guest would, against the memory of a real instance
 * (a module that only exports one page of memory): exact errno values, confinement, read-only
 * mounts, bad pointers.
 */
class WasiPreview1Test {

    /** {@code (module (memory (export "memory") 1))} */
    private static final byte[] MEMORY_ONLY = {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 3, 1, 0, 1, 7, 10, 1, 6, 'm', 'e', 'm',
        'o', 'r', 'y', 2, 0};

    private static final int SUCCESS = 0;
    private static final int BADF = 8;
    private static final int EXIST = 20;
    private static final int FAULT = 21;
    private static final int INVAL = 28;
    private static final int ISDIR = 31;
    private static final int LOOP = 32;
    private static final int NOENT = 44;
    private static final int NOSYS = 52;
    private static final int NOTDIR = 54;
    private static final int NOTEMPTY = 55;
    private static final int NOTSOCK = 57;
    private static final int PERM = 63;
    private static final int ROFS = 69;
    private static final int SPIPE = 70;
    private static final int NOTCAPABLE = 76;

    private static final long RIGHTS_RW = (1L << 1) | (1L << 2) | (1L << 5) | (1L << 6) | (1L << 21) | (1L << 22);
    private static final long RIGHT_READ = 1L << 1;

    @TempDir
    Path tmp;
    private Path data;
    private Path ro;
    private Path outside;
    private Instance instance;
    private Memory memory;
    private WasiPreview1 wasi;
    private Map<String, HostFunction> fns;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private int scratch;

    @BeforeEach
    void setUp() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        ro = Files.createDirectories(tmp.resolve("ro"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Files.writeString(ro.resolve("keep.txt"), "keep");
        Files.createDirectories(data.resolve("sub"));
        Files.writeString(data.resolve("sub/inner.txt"), "inner");
        Files.createSymbolicLink(data.resolve("link_abs"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(data.resolve("link_rel"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(data.resolve("linkdir"), outside);
        Files.createSymbolicLink(data.resolve("good_link"), Path.of("sub/inner.txt"));
        Files.createSymbolicLink(data.resolve("loop"), Path.of("loop"));
        start(WasiOptions.builder().arguments(List.of("prog", "a b", "", "ünï"))
                .environment(List.of(Map.entry("A", "1"), Map.entry("EMPTY", "")))
                .stdin(new ByteArrayInputStream("typed".getBytes(StandardCharsets.UTF_8)))
                .stdout(out).stderr(err)
                .mounts(List.of(new WasiMount("/data", data, false), new WasiMount("/ro", ro, true))));
    }

    private void start(WasiOptions.Builder options) {
        if (wasi != null) {
            wasi.close();
        }
        instance = Instance.builder(Parser.parse(MEMORY_ONLY)).build();
        memory = instance.memory();
        wasi = new WasiPreview1(options.build());
        fns = new HashMap<>();
        for (HostFunction f : wasi.hostFunctions()) {
            fns.put(f.name(), f);
        }
        scratch = 1024;
    }

    @AfterEach
    void tearDown() {
        wasi.close();
    }

    private int call(String name, long... args) {
        long[] r = fns.get(name).handle().apply(instance, args);
        return (int) r[0];
    }

    /** Puts a string in guest memory; returns {ptr, len}. */
    private int[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int at = scratch;
        memory.write(at, b);
        scratch += b.length + 8;
        return new int[] {at, b.length};
    }

    private int alloc(int size) {
        int at = scratch;
        scratch += size + 8;
        return at;
    }

    private static final int DATA = 3;
    private static final int RO = 4;

    private int open(int dir, String path, int oflags, long rights, int lookup) {
        int[] p = str(path);
        int fdOut = alloc(4);
        int errno = call("path_open", dir, lookup, p[0], p[1], oflags, rights, rights, 0, fdOut);
        return errno == SUCCESS ? memory.readInt(fdOut) : -errno;
    }

    private int write(int fd, String text) {
        int[] s = str(text);
        int iov = alloc(8);
        memory.writeI32(iov, s[0]);
        memory.writeI32(iov + 4, s[1]);
        int n = alloc(4);
        int errno = call("fd_write", fd, iov, 1, n);
        return errno == SUCCESS ? memory.readInt(n) : -errno;
    }

    private String read(int fd, int max) {
        int buf = alloc(max);
        int iov = alloc(8);
        memory.writeI32(iov, buf);
        memory.writeI32(iov + 4, max);
        int n = alloc(4);
        int errno = call("fd_read", fd, iov, 1, n);
        if (errno != SUCCESS) {
            return "errno " + errno;
        }
        return new String(memory.readBytes(buf, memory.readInt(n)), StandardCharsets.UTF_8);
    }

    private int path(String fn, int dir, String path) {
        int[] p = str(path);
        return call(fn, dir, p[0], p[1]);
    }

    @Test
    void argumentsAndEnvironmentRoundTrip() {
        int count = alloc(4);
        int size = alloc(4);
        assertThat(call("args_sizes_get", count, size)).isEqualTo(SUCCESS);
        assertThat(memory.readInt(count)).isEqualTo(4);
        int total = memory.readInt(size);
        assertThat(total).isEqualTo("prog\0a b\0\0ünï\0".getBytes(StandardCharsets.UTF_8).length);
        int ptrs = alloc(16);
        int buf = alloc(total);
        assertThat(call("args_get", ptrs, buf)).isEqualTo(SUCCESS);
        assertThat(memory.readCString(memory.readInt(ptrs + 4))).isEqualTo("a b");
        assertThat(memory.readCString(memory.readInt(ptrs + 8))).isEmpty();
        assertThat(memory.readCString(memory.readInt(ptrs + 12))).isEqualTo("ünï");
        assertThat(call("environ_sizes_get", count, size)).isEqualTo(SUCCESS);
        assertThat(memory.readInt(count)).isEqualTo(2);
        int eptrs = alloc(8);
        int ebuf = alloc(memory.readInt(size));
        assertThat(call("environ_get", eptrs, ebuf)).isEqualTo(SUCCESS);
        assertThat(memory.readCString(memory.readInt(eptrs))).isEqualTo("A=1");
        assertThat(memory.readCString(memory.readInt(eptrs + 4))).isEqualTo("EMPTY=");
    }

    @Test
    void stdioWritesReadsAndRefusesSeeking() {
        assertThat(write(1, "out")).isEqualTo(3);
        assertThat(write(2, "err")).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err");
        assertThat(read(0, 100)).isEqualTo("typed");
        assertThat(read(0, 100)).isEmpty();
        assertThat(write(0, "x")).isEqualTo(-BADF);
        assertThat(call("fd_seek", 1, 0, 0, alloc(8))).isEqualTo(SPIPE);
        assertThat(call("fd_tell", 1, alloc(8))).isEqualTo(SPIPE);
    }

    @Test
    void badPointersAreEfaultNeverAnException() {
        int iov = alloc(8);
        memory.writeI32(iov, 65530);
        memory.writeI32(iov + 4, 100);
        assertThat(call("fd_write", 1, iov, 1, alloc(4))).isEqualTo(FAULT);
        assertThat(call("fd_write", 1, -8, 1, alloc(4))).isEqualTo(FAULT);
        assertThat(call("args_sizes_get", 65535, 0)).isEqualTo(FAULT);
        assertThat(call("random_get", 65000, 1000)).isEqualTo(FAULT);
        assertThat(call("clock_time_get", 0, 0, 70000)).isEqualTo(FAULT);
        assertThat(call("path_open", DATA, 0, 65000, 1000, 0, RIGHT_READ, 0, 0, alloc(4))).isEqualTo(FAULT);
        assertThat(out.size()).isZero();
    }

    @Test
    void preopensAreListedWithTheirGuestNames() {
        int prestat = alloc(8);
        assertThat(call("fd_prestat_get", DATA, prestat)).isEqualTo(SUCCESS);
        assertThat(memory.read(prestat)).isEqualTo((byte) 0);
        assertThat(memory.readInt(prestat + 4)).isEqualTo(5);
        int name = alloc(5);
        assertThat(call("fd_prestat_dir_name", DATA, name, 5)).isEqualTo(SUCCESS);
        assertThat(new String(memory.readBytes(name, 5), StandardCharsets.UTF_8)).isEqualTo("/data");
        assertThat(call("fd_prestat_get", 5, prestat)).isEqualTo(BADF);
        assertThat(call("fd_prestat_get", 1, prestat)).isEqualTo(BADF);
    }

    @Test
    void filesCanBeCreatedWrittenSeekedStatedAndRead() throws Exception {
        int fd = open(DATA, "new.txt", 1 /* creat */, RIGHTS_RW, 0);
        assertThat(fd).isPositive();
        assertThat(write(fd, "hello world")).isEqualTo(11);
        int pos = alloc(8);
        assertThat(call("fd_seek", fd, 6, 0, pos)).isEqualTo(SUCCESS);
        assertThat(memory.readLong(pos)).isEqualTo(6);
        assertThat(read(fd, 100)).isEqualTo("world");
        assertThat(call("fd_tell", fd, pos)).isEqualTo(SUCCESS);
        assertThat(memory.readLong(pos)).isEqualTo(11);
        assertThat(call("fd_seek", fd, -100, 1, pos)).isEqualTo(INVAL);
        int stat = alloc(64);
        assertThat(call("fd_filestat_get", fd, stat)).isEqualTo(SUCCESS);
        assertThat(memory.read(stat + 16)).isEqualTo((byte) 4);
        assertThat(memory.readLong(stat + 32)).isEqualTo(11);
        assertThat(call("fd_filestat_set_size", fd, 5)).isEqualTo(SUCCESS);
        assertThat(Files.readString(data.resolve("new.txt"))).isEqualTo("hello");
        assertThat(call("fd_close", fd)).isEqualTo(SUCCESS);
        assertThat(call("fd_close", fd)).isEqualTo(BADF);
        assertThat(open(DATA, "new.txt", 1 | 4 /* creat|excl */, RIGHTS_RW, 0)).isEqualTo(-EXIST);
        assertThat(open(DATA, "missing.txt", 0, RIGHTS_RW, 0)).isEqualTo(-NOENT);
        assertThat(open(DATA, "new.txt", 2 /* directory */, RIGHTS_RW, 0)).isEqualTo(-NOTDIR);
    }

    @Test
    void directoriesCanBeMadeListedRenamedAndRemoved() throws Exception {
        assertThat(path("path_create_directory", DATA, "made")).isEqualTo(SUCCESS);
        assertThat(path("path_create_directory", DATA, "made")).isEqualTo(EXIST);
        assertThat(data.resolve("made")).isDirectory();
        Files.writeString(data.resolve("made/f.txt"), "x");
        assertThat(path("path_remove_directory", DATA, "made")).isEqualTo(NOTEMPTY);
        assertThat(path("path_unlink_file", DATA, "made")).isEqualTo(ISDIR);
        assertThat(path("path_unlink_file", DATA, "made/f.txt")).isEqualTo(SUCCESS);
        int[] a = str("made");
        int[] b = str("renamed");
        assertThat(call("path_rename", DATA, a[0], a[1], DATA, b[0], b[1])).isEqualTo(SUCCESS);
        assertThat(data.resolve("renamed")).isDirectory();
        assertThat(path("path_remove_directory", DATA, "renamed")).isEqualTo(SUCCESS);
        assertThat(path("path_remove_directory", DATA, "missing")).isEqualTo(NOENT);

        int dir = open(DATA, "sub", 2, (1L << 14) | (1L << 13), 0);
        assertThat(dir).isPositive();
        int buf = alloc(512);
        int used = alloc(4);
        assertThat(call("fd_readdir", dir, buf, 512, 0, used)).isEqualTo(SUCCESS);
        List<String> names = new java.util.ArrayList<>();
        int at = buf;
        while (at < buf + memory.readInt(used)) {
            int len = memory.readInt(at + 16);
            names.add(new String(memory.readBytes(at + 24, len), StandardCharsets.UTF_8));
            at += 24 + len;
        }
        assertThat(names).containsExactly(".", "..", "inner.txt");
        assertThat(read(dir, 10)).isEqualTo("errno " + ISDIR);
    }

    @Test
    void symlinksInsideTheMountWorkAndLoopsAreCaught() throws Exception {
        int fd = open(DATA, "good_link", 0, RIGHT_READ, 1);
        assertThat(read(fd, 100)).isEqualTo("inner");
        assertThat(open(DATA, "good_link", 0, RIGHT_READ, 0)).isEqualTo(-LOOP);
        assertThat(open(DATA, "loop", 0, RIGHT_READ, 1)).isEqualTo(-LOOP);
        int[] p = str("good_link");
        int buf = alloc(64);
        int used = alloc(4);
        assertThat(call("path_readlink", DATA, p[0], p[1], buf, 64, used)).isEqualTo(SUCCESS);
        assertThat(new String(memory.readBytes(buf, memory.readInt(used)), StandardCharsets.UTF_8)).isEqualTo("sub/inner.txt");
        int[] target = str("sub/inner.txt");
        int[] link = str("made_link");
        assertThat(call("path_symlink", target[0], target[1], DATA, link[0], link[1])).isEqualTo(SUCCESS);
        assertThat(read(open(DATA, "made_link", 0, RIGHT_READ, 1), 100)).isEqualTo("inner");
        int[] src = str("sub/inner.txt");
        int[] dst = str("hard.txt");
        assertThat(call("path_link", DATA, 0, src[0], src[1], DATA, dst[0], dst[1])).isEqualTo(SUCCESS);
        assertThat(Files.readString(data.resolve("hard.txt"))).isEqualTo("inner");
    }

    @Test
    void nothingEscapesTheMount() throws Exception {
        for (String p : List.of("../outside/secret.txt", "sub/../../outside/secret.txt", "/etc/passwd", "link_abs",
                "link_rel", "linkdir/secret.txt", "linkdir/../data/sub/inner.txt")) {
            assertThat(open(DATA, p, 0, RIGHT_READ, 1)).as(p).isEqualTo(-PERM);
        }
        assertThat(open(DATA, "linkdir/created.txt", 1, RIGHTS_RW, 0)).isEqualTo(-PERM);
        assertThat(outside.resolve("created.txt")).doesNotExist();
        int[] target = str("../../outside/secret.txt");
        int[] link = str("sub/escape");
        assertThat(call("path_symlink", target[0], target[1], DATA, link[0], link[1])).isEqualTo(PERM);
        int[] abs = str("/etc/passwd");
        assertThat(call("path_symlink", abs[0], abs[1], DATA, link[0], link[1])).isEqualTo(PERM);
        // a guest may not make a link that climbs, not even one harmless where it is made (moved up, it
        // would lead out); one the host put there may not be moved or linked elsewhere either
        int[] up = str("../inner.txt");
        int[] deep = str("sub/up");
        assertThat(call("path_symlink", up[0], up[1], DATA, deep[0], deep[1])).isEqualTo(PERM);
        Files.createSymbolicLink(data.resolve("sub/up"), Path.of("../inner.txt"));
        int[] moved = str("up");
        assertThat(call("path_rename", DATA, deep[0], deep[1], DATA, moved[0], moved[1])).isEqualTo(PERM);
        assertThat(call("path_link", DATA, 0, deep[0], deep[1], DATA, moved[0], moved[1])).isEqualTo(PERM);
        assertThat(data.resolve("up")).doesNotExist();
        int stat = alloc(64);
        int[] secret = str("link_abs");
        assertThat(call("path_filestat_get", DATA, 1, secret[0], secret[1], stat)).isEqualTo(PERM);
        assertThat(call("path_filestat_get", DATA, 0, secret[0], secret[1], stat)).isEqualTo(SUCCESS);
        assertThat(memory.read(stat + 16)).isEqualTo((byte) 7);
    }

    @Test
    void readOnlyMountsRefuseEveryChange() throws Exception {
        assertThat(open(RO, "keep.txt", 0, RIGHT_READ, 0)).isPositive();
        assertThat(open(RO, "keep.txt", 0, RIGHTS_RW, 0)).isEqualTo(-ROFS);
        assertThat(open(RO, "new.txt", 1, RIGHTS_RW, 0)).isEqualTo(-ROFS);
        assertThat(open(RO, "keep.txt", 8 /* trunc */, RIGHT_READ, 0)).isEqualTo(-ROFS);
        assertThat(path("path_create_directory", RO, "d")).isEqualTo(ROFS);
        assertThat(path("path_unlink_file", RO, "keep.txt")).isEqualTo(ROFS);
        int[] a = str("keep.txt");
        int[] b = str("moved.txt");
        assertThat(call("path_rename", RO, a[0], a[1], RO, b[0], b[1])).isEqualTo(ROFS);
        assertThat(call("path_symlink", a[0], a[1], RO, b[0], b[1])).isEqualTo(ROFS);
        assertThat(call("path_link", RO, 0, a[0], a[1], RO, b[0], b[1])).isEqualTo(ROFS);
        assertThat(call("path_filestat_set_times", RO, 0, a[0], a[1], 0, 0, 2 | 8)).isEqualTo(ROFS);
        int fd = open(RO, "keep.txt", 0, RIGHT_READ | (1L << 23), 0);
        assertThat(call("fd_filestat_set_times", fd, 0, 0, 2)).isEqualTo(ROFS);
        assertThat(write(fd, "x")).isEqualTo(-NOTCAPABLE);
        assertThat(Files.readString(ro.resolve("keep.txt"))).isEqualTo("keep");
        try (var files = Files.list(ro)) {
            assertThat(files).containsExactly(ro.resolve("keep.txt"));
        }
    }

    @Test
    void rightsCanOnlyShrink() {
        int fd = open(DATA, "sub/inner.txt", 0, RIGHTS_RW, 0);
        assertThat(call("fd_fdstat_set_rights", fd, RIGHTS_RW | (1L << 8), 0)).isEqualTo(NOTCAPABLE);
        assertThat(call("fd_fdstat_set_rights", fd, 1L << 6, 0)).isEqualTo(SUCCESS);
        assertThat(read(fd, 10)).isEqualTo("errno " + NOTCAPABLE);
        int stat = alloc(24);
        assertThat(call("fd_fdstat_get", fd, stat)).isEqualTo(SUCCESS);
        assertThat(memory.read(stat)).isEqualTo((byte) 4);
        assertThat(memory.readLong(stat + 8)).isEqualTo(1L << 6);
    }

    @Test
    void renumberMovesADescriptor() {
        int a = open(DATA, "sub/inner.txt", 0, RIGHT_READ, 0);
        int b = open(DATA, "good_link", 0, RIGHT_READ, 1);
        assertThat(call("fd_renumber", a, b)).isEqualTo(SUCCESS);
        assertThat(read(b, 100)).isEqualTo("inner");
        assertThat(call("fd_close", a)).isEqualTo(BADF);
        assertThat(call("fd_renumber", 99, b)).isEqualTo(BADF);
    }

    @Test
    void clocksRandomAndTheRest() {
        int t = alloc(8);
        assertThat(call("clock_time_get", 0, 1, t)).isEqualTo(SUCCESS);
        assertThat(memory.readLong(t)).isGreaterThan(1_600_000_000_000_000_000L);
        assertThat(call("clock_time_get", 1, 1, t)).isEqualTo(SUCCESS);
        long m1 = memory.readLong(t);
        assertThat(call("clock_time_get", 1, 1, t)).isEqualTo(SUCCESS);
        assertThat(memory.readLong(t)).isGreaterThanOrEqualTo(m1);
        assertThat(call("clock_time_get", 9, 1, t)).isEqualTo(INVAL);
        assertThat(call("clock_res_get", 1, t)).isEqualTo(SUCCESS);
        assertThat(memory.readLong(t)).isPositive();
        int buf = alloc(64);
        assertThat(call("random_get", buf, 64)).isEqualTo(SUCCESS);
        assertThat(memory.readBytes(buf, 64)).isNotEqualTo(new byte[64]);
        assertThat(call("sched_yield")).isEqualTo(SUCCESS);
        assertThat(call("proc_raise", 9)).isEqualTo(NOSYS);
        assertThat(call("sock_shutdown", 1, 0)).isEqualTo(NOTSOCK);
        assertThat(call("sock_accept", 77, 0, alloc(4))).isEqualTo(BADF);
        assertThatThrownBy(() -> call("proc_exit", 3))
                .isInstanceOf(WasiExitException.class)
                .satisfies(e -> assertThat(((WasiExitException) e).exitCode()).isEqualTo(3));
        assertThatThrownBy(() -> call("proc_exit", 0))
                .isInstanceOf(WasiExitException.class)
                .satisfies(e -> assertThat(((WasiExitException) e).exitCode()).isZero());
    }

    private int sleepSubscription(long nanos) {
        int sub = alloc(48);
        memory.zero();
        memory.writeLong(sub, 42);
        memory.writeByte(sub + 8, (byte) 0);
        memory.writeI32(sub + 16, 1);
        memory.writeLong(sub + 24, nanos);
        return sub;
    }

    @Test
    void pollOneoffSleepsAtLeastAsLongAsAsked() {
        int sub = sleepSubscription(50_000_000L);
        int events = alloc(32);
        int n = alloc(4);
        long start = System.nanoTime();
        assertThat(call("poll_oneoff", sub, events, 1, n)).isEqualTo(SUCCESS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isBetween(50L, 1000L);
        assertThat(memory.readInt(n)).isEqualTo(1);
        assertThat(memory.readLong(events)).isEqualTo(42);
        assertThat(memory.readShort(events + 8)).isZero();
        assertThat(call("poll_oneoff", sub, events, 0, n)).isEqualTo(INVAL);
    }

    @Test
    void aLongSleepStopsWhenTheThreadIsInterrupted() throws Exception {
        int sub = sleepSubscription(60_000_000_000L);
        int events = alloc(32);
        int n = alloc(4);
        CompletableFuture<Throwable> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                call("poll_oneoff", sub, events, 1, n);
                result.complete(null);
            } catch (Throwable e) {
                result.complete(e);
            }
        });
        t.start();
        Thread.sleep(100);
        long interruptedAt = System.nanoTime();
        t.interrupt();
        Throwable e = result.get(5, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(GuestInterruptedException.class);
        assertThat((System.nanoTime() - interruptedAt) / 1_000_000).isLessThan(100);
    }

    @Test
    void theWaitHookSurroundsEveryWait() {
        int[] calls = new int[2];
        start(WasiOptions.builder().stdout(out).stderr(err).waitHook(new WaitHook() {
            @Override
            public void beforeWait() {
                calls[0]++;
            }

            @Override
            public void afterWait() {
                calls[1]++;
            }
        }));
        int sub = sleepSubscription(1_000_000L);
        assertThat(call("poll_oneoff", sub, alloc(32), 1, alloc(4))).isEqualTo(SUCCESS);
        assertThat(read(0, 10)).isEmpty();
        assertThat(calls).containsExactly(2, 2);
    }

    @Test
    void aCwdInsideAMountBecomesThePreopenDot() throws Exception {
        start(WasiOptions.builder().stdout(out).stderr(err).cwd("/data/sub")
                .mounts(List.of(new WasiMount("/data", data, false))));
        int prestat = alloc(8);
        assertThat(call("fd_prestat_get", 4, prestat)).isEqualTo(SUCCESS);
        assertThat(memory.readInt(prestat + 4)).isEqualTo(1);
        int name = alloc(1);
        assertThat(call("fd_prestat_dir_name", 4, name, 1)).isEqualTo(SUCCESS);
        assertThat(memory.read(name)).isEqualTo((byte) '.');
        assertThat(read(open(4, "inner.txt", 0, RIGHT_READ, 0), 100)).isEqualTo("inner");
        assertThat(open(4, "../sub/inner.txt", 0, RIGHT_READ, 0)).isPositive();
    }
}
