package ai.wippy.runtime.wasi;

import ai.wippy.runtime.fs.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/** Everything a {@link WasiPreview1} host gives one guest. Immutable; build with {@link #builder()}. */
public final class WasiOptions {

    private final List<String> arguments;
    private final List<Map.Entry<String, String>> environment;
    private final List<WasiMount> mounts;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final java.util.Set<Integer> terminals;
    private final OutputStream stderr;
    private final WasiClock clock;
    private final Random givenRandom;
    private volatile Random random;
    private final WaitHook waitHook;
    private final String cwd;
    private final Sandbox sandbox;

    private WasiOptions(Builder b) {
        this.arguments = List.copyOf(b.arguments);
        this.environment = b.environment.stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        this.mounts = List.copyOf(b.mounts);
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.terminals = java.util.Set.copyOf(b.terminals);
        this.stderr = b.stderr;
        this.clock = b.clock;
        this.givenRandom = b.random;
        this.waitHook = b.waitHook;
        this.cwd = b.cwd;
        this.sandbox = b.sandbox != null ? b.sandbox : Sandbox.host();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The full argv, argv[0] included. */
    public List<String> arguments() {
        return arguments;
    }

    /** Variables in the order the guest sees them. */
    public List<Map.Entry<String, String>> environment() {
        return environment;
    }

    /** Preopened in this order from fd 3. */
    public List<WasiMount> mounts() {
        return mounts;
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    /**
     * Whether the guest's stdio stream {@code fd} (0 stdin, 1 stdout, 2 stderr) is a terminal: a
     * command's console stream that is a tty. WASI 0.2's {@code get-terminal-*} tell the guest so.
     */
    public boolean isTerminal(int fd) {
        return terminals.contains(fd);
    }

    public OutputStream stderr() {
        return stderr;
    }

    public WasiClock clock() {
        return clock;
    }

    /** The given source, else a SecureRandom made on first use (seeding one costs more than spawning a process). */
    public Random random() {
        if (givenRandom != null) {
            return givenRandom;
        }
        Random r = random;
        if (r == null) {
            synchronized (this) {
                r = random;
                if (r == null) {
                    r = new SecureRandom();
                    random = r;
                }
            }
        }
        return r;
    }

    public WaitHook waitHook() {
        return waitHook;
    }

    /** The guest's initial working directory (absolute guest path). */
    public String cwd() {
        return cwd;
    }

    /** How mounts are opened and confined (default: this JVM's {@link Sandbox#host()}). */
    public Sandbox sandbox() {
        return sandbox;
    }

    public static final class Builder {
        private List<String> arguments = List.of();
        private List<Map.Entry<String, String>> environment = List.of();
        private List<WasiMount> mounts = List.of();
        private InputStream stdin = new ByteArrayInputStream(new byte[0]);
        private OutputStream stdout;
        private java.util.Set<Integer> terminals = java.util.Set.of();
        private OutputStream stderr;
        private WasiClock clock = WasiClock.SYSTEM;
        private Random random;
        private WaitHook waitHook = WaitHook.NONE;
        private String cwd = "/";
        private Sandbox sandbox;

        private Builder() {
        }

        public Builder sandbox(Sandbox sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        public Builder arguments(List<String> arguments) {
            this.arguments = List.copyOf(arguments);
            return this;
        }

        public Builder environment(List<Map.Entry<String, String>> environment) {
            this.environment = List.copyOf(environment);
            return this;
        }

        public Builder mounts(List<WasiMount> mounts) {
            this.mounts = List.copyOf(mounts);
            return this;
        }

        public Builder stdin(InputStream stdin) {
            this.stdin = Objects.requireNonNull(stdin, "stdin");
            return this;
        }

        /** The stdio streams (0, 1, 2) that are terminals; none by default. */
        public Builder terminals(java.util.Set<Integer> fds) {
            this.terminals = Objects.requireNonNull(fds, "fds");
            return this;
        }

        public Builder stdout(OutputStream stdout) {
            this.stdout = Objects.requireNonNull(stdout, "stdout");
            return this;
        }

        public Builder stderr(OutputStream stderr) {
            this.stderr = Objects.requireNonNull(stderr, "stderr");
            return this;
        }

        public Builder clock(WasiClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder waitHook(WaitHook waitHook) {
            this.waitHook = Objects.requireNonNull(waitHook, "waitHook");
            return this;
        }

        public Builder cwd(String cwd) {
            this.cwd = Objects.requireNonNull(cwd, "cwd");
            return this;
        }

        public WasiOptions build() {
            // Guest output must never vanish silently (SPEC §5), so there is no default sink.
            if (stdout == null) {
                throw new IllegalStateException("WASI stdout is not set");
            }
            if (stderr == null) {
                throw new IllegalStateException("WASI stderr is not set");
            }
            if (!cwd.startsWith("/")) {
                throw new IllegalArgumentException("WASI cwd must be an absolute guest path: " + cwd);
            }
            return new WasiOptions(this);
        }
    }
}
