package ai.wippy.runtime.wasi;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The WASI set-up of one instance. {@code arguments} is the whole argv, argv[0] included;
 * {@code environment} is presented in the given order; mounts are preopened in order from fd 3.
 * stdout and stderr are required: a guest's output always goes somewhere.
 */
public final class WasiOptions {

    private final List<String> arguments;
    private final List<Map.Entry<String, String>> environment;
    private final String cwd;
    private final List<WasiMount> mounts;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final WasiClock clock;
    private final Random random;
    private final WaitHook waitHook;

    private WasiOptions(Builder b) {
        this.arguments = List.copyOf(b.arguments);
        this.environment = List.copyOf(b.environment);
        this.cwd = b.cwd;
        this.mounts = List.copyOf(b.mounts);
        this.stdin = b.stdin;
        this.stdout = Objects.requireNonNull(b.stdout, "stdout is required");
        this.stderr = Objects.requireNonNull(b.stderr, "stderr is required");
        this.clock = b.clock;
        this.random = b.random != null ? b.random : new SecureRandom();
        this.waitHook = b.waitHook;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> arguments() {
        return arguments;
    }

    public List<Map.Entry<String, String>> environment() {
        return environment;
    }

    public String cwd() {
        return cwd;
    }

    public List<WasiMount> mounts() {
        return mounts;
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    public WasiClock clock() {
        return clock;
    }

    public Random random() {
        return random;
    }

    public WaitHook waitHook() {
        return waitHook;
    }

    public static final class Builder {
        private List<String> arguments = List.of();
        private List<Map.Entry<String, String>> environment = List.of();
        private String cwd = "/";
        private List<WasiMount> mounts = List.of();
        private InputStream stdin = new ByteArrayInputStream(new byte[0]);
        private OutputStream stdout;
        private OutputStream stderr;
        private WasiClock clock = WasiClock.SYSTEM;
        private Random random;
        private WaitHook waitHook = WaitHook.NONE;

        public Builder arguments(List<String> arguments) {
            this.arguments = Objects.requireNonNull(arguments);
            return this;
        }

        public Builder environment(List<Map.Entry<String, String>> environment) {
            this.environment = Objects.requireNonNull(environment);
            return this;
        }

        public Builder cwd(String cwd) {
            this.cwd = Objects.requireNonNull(cwd);
            return this;
        }

        public Builder mounts(List<WasiMount> mounts) {
            this.mounts = Objects.requireNonNull(mounts);
            return this;
        }

        public Builder stdin(InputStream stdin) {
            this.stdin = Objects.requireNonNull(stdin);
            return this;
        }

        public Builder stdout(OutputStream stdout) {
            this.stdout = stdout;
            return this;
        }

        public Builder stderr(OutputStream stderr) {
            this.stderr = stderr;
            return this;
        }

        public Builder clock(WasiClock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Builder waitHook(WaitHook waitHook) {
            this.waitHook = Objects.requireNonNull(waitHook);
            return this;
        }

        public WasiOptions build() {
            return new WasiOptions(this);
        }
    }
}
