package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WasiProcessTest implements Witx {

    private static WasiOptions.Builder options() {
        return WasiOptions.builder();
    }

    @Test
    void argumentsRoundTripIncludingArgv0AndUtf8() {
        try (Guest g = Guest.probe(options().arguments(List.of("tool.wasm", "a b", "ü")))) {
            int count = g.alloc(4);
            int size = g.alloc(4);
            assertThat(g.call("args_sizes_get", count, size)).isEqualTo(ESUCCESS);
            assertThat(g.i32(count)).isEqualTo(3);
            assertThat(g.i32(size)).isEqualTo("tool.wasm\0a b\0ü\0".getBytes(StandardCharsets.UTF_8).length);
            int ptrs = g.alloc(12);
            int buf = g.alloc(g.i32(size));
            assertThat(g.call("args_get", ptrs, buf)).isEqualTo(ESUCCESS);
            assertThat(g.memory().readCString(g.i32(ptrs))).isEqualTo("tool.wasm");
            assertThat(g.memory().readCString(g.i32(ptrs + 4))).isEqualTo("a b");
            assertThat(g.memory().readCString(g.i32(ptrs + 8))).isEqualTo("ü");
        }
    }

    @Test
    void environmentKeepsTheGivenOrderAndNothingElse() {
        var env = List.of(Map.entry("B", "2"), Map.entry("A", "x=y"));
        try (Guest g = Guest.probe(options().environment(env))) {
            int count = g.alloc(4);
            int size = g.alloc(4);
            assertThat(g.call("environ_sizes_get", count, size)).isEqualTo(ESUCCESS);
            assertThat(g.i32(count)).isEqualTo(2);
            int ptrs = g.alloc(8);
            int buf = g.alloc(g.i32(size));
            assertThat(g.call("environ_get", ptrs, buf)).isEqualTo(ESUCCESS);
            assertThat(g.memory().readCString(g.i32(ptrs))).isEqualTo("B=2");
            assertThat(g.memory().readCString(g.i32(ptrs + 4))).isEqualTo("A=x=y");
        }
    }

    @Test
    void clocksComeFromTheConfiguredClock() {
        WasiClock fixed = new WasiClock() {
            @Override
            public long realtimeNanos() {
                return 1_700_000_000_123_456_789L;
            }

            @Override
            public long monotonicNanos() {
                return 42;
            }
        };
        try (Guest g = Guest.probe(options().clock(fixed))) {
            int t = g.alloc(8);
            assertThat(g.call("clock_time_get", 0, 1, t)).isEqualTo(ESUCCESS);
            assertThat(g.i64(t)).isEqualTo(1_700_000_000_123_456_789L);
            assertThat(g.call("clock_time_get", 1, 1, t)).isEqualTo(ESUCCESS);
            assertThat(g.i64(t)).isEqualTo(42);
            assertThat(g.call("clock_time_get", 9, 1, t)).isEqualTo(EINVAL);
            assertThat(g.call("clock_res_get", 1, t)).isEqualTo(ESUCCESS);
            assertThat(g.i64(t)).isPositive();
            assertThat(g.call("clock_res_get", 9, t)).isEqualTo(EINVAL);
        }
    }

    @Test
    void cpuTimeClocksAdvanceWhileTheGuestRuns() {
        try (Guest g = Guest.probe(options())) {
            int t = g.alloc(8);
            assertThat(g.call("clock_time_get", 3, 1, t)).isEqualTo(ESUCCESS);
            assertThat(g.i64(t)).isNotNegative();
            assertThat(g.call("clock_time_get", 2, 1, t)).isEqualTo(ESUCCESS);
        }
    }

    @Test
    void randomFillsTheBufferFromTheConfiguredSource() {
        try (Guest g = Guest.probe(options().random(new Random(7)))) {
            int buf = g.alloc(16);
            assertThat(g.call("random_get", buf, 16)).isEqualTo(ESUCCESS);
            byte[] expected = new byte[16];
            new Random(7).nextBytes(expected);
            assertThat(g.memory().readBytes(buf, 16)).isEqualTo(expected);
        }
    }

    @Test
    void procExitThrowsWithTheCodeAlsoForZero() {
        try (Guest g = Guest.probe(options())) {
            assertThatThrownBy(() -> g.call("proc_exit", 3))
                    .isInstanceOfSatisfying(WasiExitException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
                    .hasMessage("guest exited with code 3");
            assertThatThrownBy(() -> g.call("proc_exit", 0))
                    .isInstanceOfSatisfying(WasiExitException.class, e -> assertThat(e.exitCode()).isZero());
        }
    }

    @Test
    void procRaiseIsNotSupportedAndSchedYieldSucceeds() {
        try (Guest g = Guest.probe(options())) {
            assertThat(g.call("proc_raise", 9)).isEqualTo(ENOSYS);
            assertThat(g.call("sched_yield")).isEqualTo(ESUCCESS);
        }
    }

    @Test
    void socketsDoNotExist() {
        try (Guest g = Guest.probe(options())) {
            int p = g.alloc(16);
            assertThat(g.call("sock_accept", 1, 0, p)).isEqualTo(ENOTSOCK);
            assertThat(g.call("sock_accept", 99, 0, p)).isEqualTo(EBADF);
            assertThat(g.call("sock_recv", 0, p, 0, 0, p, p)).isEqualTo(ENOTSOCK);
            assertThat(g.call("sock_send", 1, p, 0, 0, p)).isEqualTo(ENOTSOCK);
            assertThat(g.call("sock_shutdown", 2, 3)).isEqualTo(ENOTSOCK);
            assertThat(g.call("sock_shutdown", 42, 3)).isEqualTo(EBADF);
        }
    }

    @Test
    void badPointersGiveEfaultAndNeverTouchOtherMemory() {
        try (Guest g = Guest.probe(options().arguments(List.of("x")))) {
            int end = g.memory().pages() * 65536;
            assertThat(g.call("args_sizes_get", end - 2, 0)).isEqualTo(EFAULT);
            assertThat(g.call("args_sizes_get", -1, 0)).isEqualTo(EFAULT);
            assertThat(g.call("clock_time_get", 0, 1, end - 7)).isEqualTo(EFAULT);
            assertThat(g.call("random_get", end - 4, 5)).isEqualTo(EFAULT);
            assertThat(g.call("random_get", 16, -1)).isEqualTo(EFAULT);
            // iovec array past the end, and an iovec whose buffer wraps around 2^32
            int nOut = g.alloc(4);
            assertThat(g.call("fd_write", 1, end - 4, 1, nOut)).isEqualTo(EFAULT);
            int iov = g.put(new byte[8]);
            g.memory().writeI32(iov, -16);
            g.memory().writeI32(iov + 4, 32);
            assertThat(g.call("fd_write", 1, iov, 1, nOut)).isEqualTo(EFAULT);
            assertThat(g.call("fd_write", 1, iov, 0x2000_0000, nOut)).isEqualTo(EFAULT);
            assertThat(g.call("fd_fdstat_get", 1, end - 8)).isEqualTo(EFAULT);
            assertThat(g.call("poll_oneoff", end - 10, 0, 1, nOut)).isEqualTo(EFAULT);
            assertThat(g.out()).isEmpty();
        }
    }

    @Test
    void stdioAreCharacterDevicesAndWritesGoStraightThrough() {
        try (Guest g = Guest.probe(options())) {
            assertThat(g.write(1, "hello\n")).isEqualTo(6);
            assertThat(g.write(2, "oops")).isEqualTo(4);
            assertThat(g.out()).isEqualTo("hello\n");
            assertThat(g.stderr.toString(StandardCharsets.UTF_8)).isEqualTo("oops");
            int st = g.alloc(24);
            assertThat(g.call("fd_fdstat_get", 1, st)).isEqualTo(ESUCCESS);
            assertThat(g.u8(st)).isEqualTo(FILETYPE_CHARACTER_DEVICE);
            assertThat(g.i64(st + 8) & RIGHT_FD_WRITE).isNotZero();
            assertThat(g.call("fd_seek", 1, 0, 0, g.alloc(8))).isEqualTo(ESPIPE);
            assertThat(g.writeErrno(0, "x")).isEqualTo(EBADF);
            assertThat(g.readErrno(1)).isEqualTo(EBADF);
            assertThat(g.writeErrno(7, "x")).isEqualTo(EBADF);
        }
    }

    @Test
    void stdinIsReadFromTheGivenStream() {
        var in = new java.io.ByteArrayInputStream("line one\nrest".getBytes(StandardCharsets.UTF_8));
        try (Guest g = Guest.probe(options().stdin(in))) {
            StringBuilder all = new StringBuilder();
            String part;
            while (!(part = g.read(0, 5)).isEmpty()) {
                all.append(part);
            }
            assertThat(all).hasToString("line one\nrest");
        }
    }

    @Test
    void optionsRefuseMissingOutputStreamsAndRelativeCwd() {
        var out = new java.io.ByteArrayOutputStream();
        assertThatThrownBy(() -> WasiOptions.builder().stderr(out).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("WASI stdout is not set");
        assertThatThrownBy(() -> WasiOptions.builder().stdout(out).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("WASI stderr is not set");
        assertThatThrownBy(() -> WasiOptions.builder().stdout(out).stderr(out).cwd("data").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WASI cwd must be an absolute guest path: data");
    }

    @Test
    void aMountOfAMissingDirectoryIsAUserError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        var out = new java.io.ByteArrayOutputStream();
        java.nio.file.Path missing = tmp.resolve("nope");
        var options = WasiOptions.builder().stdout(out).stderr(out)
                .mounts(List.of(new WasiMount("/data", missing, false))).build();
        assertThatThrownBy(() -> new WasiPreview1(options))
                .isInstanceOfSatisfying(ai.wippy.runtime.WippyException.class, e -> assertThat(e.isUserError()).isTrue())
                .hasMessage("wasi mount /data: host directory not found: " + missing);
    }

    @Test
    void exposesEveryPreview1Function() {
        try (WasiPreview1 wasi = new WasiPreview1(WasiOptions.builder()
                .stdout(new java.io.ByteArrayOutputStream()).stderr(new java.io.ByteArrayOutputStream()).build())) {
            assertThat(wasi.hostFunctions()).hasSize(46)
                    .allSatisfy(f -> assertThat(f.module()).isEqualTo("wasi_snapshot_preview1"));
        }
    }
}
