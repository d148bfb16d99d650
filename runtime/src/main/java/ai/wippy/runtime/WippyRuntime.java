package ai.wippy.runtime;

import ai.wippy.runtime.command.CommandCatalog;
import ai.wippy.runtime.command.TerminalOutcome;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.fs.Sandbox;
import ai.wippy.runtime.host.HostInterface;
import ai.wippy.runtime.host.HostInterfaceProvider;
import ai.wippy.runtime.host.HostInterfaces;
import ai.wippy.runtime.launch.ProcessIo;
import ai.wippy.runtime.launch.ProgramLoader;
import ai.wippy.runtime.launch.WasmProcess;
import ai.wippy.runtime.manifest.LoadResult;
import ai.wippy.runtime.manifest.ManifestLoader;
import ai.wippy.runtime.manifest.ManifestOptions;
import ai.wippy.runtime.process.ExitEvent;
import ai.wippy.runtime.process.HostLimits;
import ai.wippy.runtime.process.Mailbox;
import ai.wippy.runtime.process.Pid;
import ai.wippy.runtime.process.ProcessHost;
import ai.wippy.runtime.process.ProcessResult;
import ai.wippy.runtime.process.ProcessThreads;
import ai.wippy.runtime.process.SpawnRequest;
import ai.wippy.runtime.process.TimeLimit;
import ai.wippy.runtime.registry.ProcessHostConfig;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasmEntry;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime's entry point: loads a project's manifests, then runs its WASM entries as processes
 * and commands. The Java counterpart of Wippy's {@code process.spawn_monitored} /
 * {@code process.receive}:
 *
 * <pre>{@code
 * try (WippyRuntime wippy = WippyRuntime.builder(Path.of(".")).build()) {
 *     Pid pid = wippy.spawnMonitored("myns:compute_worker", "app:processes", 6, 7);
 *     ExitEvent exit = wippy.receive(Duration.ofSeconds(5)).orElseThrow();
 *     System.out.println(exit.result().value());   // 42
 * }
 * }</pre>
 *
 * Thread-safe. Closing it shuts every process host down in order (every process's Close runs).
 */
public final class WippyRuntime implements AutoCloseable {

    /** The host processes run on when the caller names none. */
    public static final String DEFAULT_HOST = "wippy:default";
    private static final String TERMINAL_HOST = "wippy:terminal";

    private final Registry registry;
    private final WasmEngine engine;
    private final ProgramLoader programs;
    private final RuntimeLog log;
    private final ProcessThreads threads;
    private final Mailbox mailbox = new Mailbox();
    private final Map<String, ProcessHost> hosts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private WippyRuntime(Registry registry, EngineOptions engineOptions, RuntimeLog log, ProcessThreads threads,
            HostInterfaces hosts) {
        this.registry = registry;
        this.log = log;
        this.threads = threads;
        this.engine = WasmEngine.create(engineOptions, log::debug, log::warn);
        this.programs = new ProgramLoader(registry, engine, hosts);
        Sandbox sandbox = Sandbox.host();
        if (sandbox.mechanism() == Sandbox.Mechanism.NIO && "Linux".equals(System.getProperty("os.name"))) {
            // On Linux this means JNA could not load: say so, the protection is weaker than documented.
            log.warn(sandbox.describe());
        } else {
            log.debug(sandbox.describe());
        }
    }

    public static Builder builder(java.nio.file.Path projectDir) {
        return new Builder(ManifestOptions.builder(projectDir).build());
    }

    public static Builder builder(ManifestOptions manifests) {
        return new Builder(manifests);
    }

    public Registry registry() {
        return registry;
    }

    /**
     * The WIT signature of a WASM entry's method, from its binary (loaded and hash-checked, not run):
     * a core export's as its declared {@code wit} or inferred, a component export's as the component
     * declares it.
     *
     * @throws WippyException naming the entry when the binary cannot be loaded, has no such export,
     *     or the declared {@code wit} does not fit it
     */
    public ai.wippy.runtime.wit.WitFunction signature(WasmEntry entry) {
        try {
            return programs.load(entry).signature(entry.method(), entry.wit());
        } catch (ai.wippy.runtime.engine.WasmCallException e) {
            throw WippyException.user(entry.id() + ": " + e.getMessage());
        }
    }

    /** Starts {@code entryId} on {@code hostId} (null: the default host) with positional arguments. */
    public Pid spawn(String entryId, String hostId, Object... args) {
        return host(hostId).spawn(request(entryId, Arrays.asList(args), SpawnOptions.defaults()));
    }

    /** Like {@link #spawn}; the EXIT event arrives in this runtime's mailbox ({@link #receive}). */
    public Pid spawnMonitored(String entryId, String hostId, Object... args) {
        return spawnMonitored(mailbox, entryId, hostId, Arrays.asList(args));
    }

    /** Like {@link #spawn}; the EXIT event arrives in {@code monitor}. */
    public Pid spawnMonitored(Mailbox monitor, String entryId, String hostId, List<Object> args) {
        return spawnMonitored(monitor, entryId, hostId, args, 0);
    }

    /**
     * Like {@link #spawn}, with a wall-clock budget that tightens the entry's own
     * {@code max_execution_ms} ({@code 0}: the entry's own only); EXIT arrives in {@code monitor}.
     */
    public Pid spawnMonitored(Mailbox monitor, String entryId, String hostId, List<Object> args, long maxExecutionMs) {
        return spawnMonitored(monitor, entryId, hostId, args, SpawnOptions.defaults().withLimit(
                maxExecutionMs == 0 ? TimeLimit.NONE : new TimeLimit(maxExecutionMs, "the time limit given to spawnMonitored")));
    }

    /** Like {@link #spawn}, with a budget, a log label and an output file ({@link SpawnOptions}); EXIT arrives in {@code monitor}. */
    public Pid spawnMonitored(Mailbox monitor, String entryId, String hostId, List<Object> args, SpawnOptions options) {
        return host(hostId).spawnMonitored(request(entryId, args, options), monitor);
    }

    /** The next EXIT event of a process this runtime's mailbox monitors, waiting up to {@code timeout}. */
    public Optional<ExitEvent> receive(Duration timeout) throws InterruptedException {
        return mailbox.receive(timeout);
    }

    /** Stops a process; its EXIT carries {@code terminated}. False when no such process is alive. */
    public boolean terminate(Pid pid) {
        ProcessHost host = hosts.get(pid.host());
        return host != null && host.terminate(pid);
    }

    /** Runs an entry to its end on the default host and returns how it ended. */
    public ProcessResult call(String entryId, List<Object> args) throws InterruptedException {
        Mailbox own = new Mailbox();
        spawnMonitored(own, entryId, null, args);
        while (true) {
            Optional<ExitEvent> e = own.receive(Duration.ofDays(1));
            if (e.isPresent()) {
                return e.get().result();
            }
        }
    }

    /**
     * Runs the command {@code name} in a terminal context (SPEC §8): the console's streams, the
     * command-line arguments as strings, Wippy's exit-code rules. Prints the outcome.
     */
    public TerminalOutcome runCommand(String name, List<String> args, InputStream in, OutputStream out,
            OutputStream err) throws InterruptedException {
        return runCommand(name, args, in, out, err, TimeLimit.NONE);
    }

    /**
     * Like {@link #runCommand(String, List, InputStream, OutputStream, OutputStream)}, with a
     * budget for an entry that sets no {@code max_execution_ms} of its own ({@link TimeLimit#NONE}: none).
     */
    public TerminalOutcome runCommand(String name, List<String> args, InputStream in, OutputStream out,
            OutputStream err, TimeLimit fallback) throws InterruptedException {
        WasmEntry entry = registry.command(name).orElseThrow(() -> WippyException.user(CommandCatalog.notFound(name)));
        return runInTerminal(entry, args, in, out, err, fallback);
    }

    /** Runs any {@code process.*} entry in a terminal context ({@code -Dwippy.entry=ns:name}). */
    public TerminalOutcome runEntry(String entryId, List<String> args, InputStream in, OutputStream out,
            OutputStream err) throws InterruptedException {
        return runEntry(entryId, args, in, out, err, TimeLimit.NONE);
    }

    /** Like {@link #runEntry(String, List, InputStream, OutputStream, OutputStream)}, with a fallback budget. */
    public TerminalOutcome runEntry(String entryId, List<String> args, InputStream in, OutputStream out,
            OutputStream err, TimeLimit fallback) throws InterruptedException {
        return runInTerminal(wasmEntry(entryId), args, in, out, err, fallback);
    }

    private TerminalOutcome runInTerminal(WasmEntry entry, List<String> args, InputStream in, OutputStream out,
            OutputStream err, TimeLimit fallback) throws InterruptedException {
        ProcessIo io = ProcessIo.terminal(in, out, err);
        WasmProcess process = new WasmProcess(registry, programs, entry, io, true, log::debug);
        Mailbox own = new Mailbox();
        ProcessHost terminal = hosts.computeIfAbsent(TERMINAL_HOST,
                id -> new ProcessHost(id, new HostLimits(1, 1, 0), threads, log::warn));
        TimeLimit entryLimit = TimeLimit.ofEntry(entry.limits().maxExecutionMs());
        Pid pid = terminal.spawnMonitored(new SpawnRequest(entry.id().toString(), process, entry.method(),
                List.copyOf(args), entryLimit.isNone() ? fallback : entryLimit), own);
        ExitEvent exit;
        try {
            Optional<ExitEvent> e;
            do {
                e = own.receive(Duration.ofHours(1));
            } while (e.isEmpty());
            exit = e.get();
        } catch (InterruptedException e) {
            terminal.terminate(pid);
            throw e;
        }
        TerminalOutcome outcome = TerminalOutcome.of(exit.result());
        print(out, outcome.stdout());
        print(err, outcome.stderr());
        return outcome;
    }

    private static void print(OutputStream stream, String text) {
        if (text != null) {
            PrintStream p = new PrintStream(stream, true, StandardCharsets.UTF_8);
            p.print(text);
            p.flush();
        }
    }

    private SpawnRequest request(String entryId, List<Object> args, SpawnOptions options) {
        WasmEntry entry = wasmEntry(entryId);
        TimeLimit limit = TimeLimit.ofEntry(entry.limits().maxExecutionMs()).tightest(options.limit());
        String name = entry.id().toString();
        ProcessIo io = ProcessIo.captured(options.label() == null ? name : options.label(), log::info,
                options.outputFile());
        return new SpawnRequest(name, new WasmProcess(registry, programs, entry, io, false, log::debug), entry.method(), args,
                limit);
    }

    private WasmEntry wasmEntry(String entryId) {
        WasmEntry entry = registry.wasmEntry(entryId).orElseThrow(() -> WippyException.user(
                "process entry not found: " + entryId + "; it must name a process.wasm entry"));
        if (!entry.isProcess()) {
            throw WippyException.user(entryId + " is a " + entry.kind() + ", not a process.wasm entry: it cannot be"
                    + " spawned as a process");
        }
        return entry;
    }

    /** The host with this ID: a {@code process.host} entry, or the default host for null. */
    public ProcessHost host(String hostId) {
        if (closed) {
            throw WippyException.user("the runtime is closed");
        }
        String id = hostId == null || hostId.isBlank() ? DEFAULT_HOST : hostId;
        return hosts.computeIfAbsent(id, this::createHost);
    }

    private ProcessHost createHost(String id) {
        if (DEFAULT_HOST.equals(id)) {
            return new ProcessHost(id, HostLimits.defaults(), threads, log::warn);
        }
        ProcessHostConfig config = registry.processHosts().stream().filter(h -> h.id().toString().equals(id))
                .findFirst().orElseThrow(() -> WippyException.user("process host not found: " + id
                        + "; declare a process.host entry with that ID, or spawn on the default host"));
        return new ProcessHost(id, new HostLimits(Math.max(1, config.workers()), config.queueSize(),
                config.maxProcesses()), threads, log::warn);
    }

    /**
     * Shuts every process host down in order (each process's Close runs), then lets compilations
     * still running in the background finish for the compiled-code cache (at most 5 minutes): without
     * it, a large module a short build ran interpreted would be interpreted again in every build.
     */
    @Override
    public void close() {
        closed = true;
        for (ProcessHost h : hosts.values()) {
            h.shutdown(Duration.ofSeconds(10));
        }
        hosts.clear();
        engine.finishBackgroundCompilations(Duration.ofMinutes(5), log::info);
    }

    /** Builds a runtime; {@link #build()} fails with every manifest problem when there are any. */
    public static final class Builder {
        private final ManifestOptions manifests;
        private EngineOptions engine = EngineOptions.defaults();
        private RuntimeLog log = RuntimeLog.SILENT;
        private ProcessThreads threads = ProcessThreads.best();
        private HostInterfaces hosts = HostInterfaces.NONE;

        private Builder(ManifestOptions manifests) {
            this.manifests = Objects.requireNonNull(manifests);
        }

        public Builder engine(EngineOptions engine) {
            this.engine = Objects.requireNonNull(engine);
            return this;
        }

        public Builder log(RuntimeLog log) {
            this.log = Objects.requireNonNull(log);
            return this;
        }

        public Builder threads(ProcessThreads threads) {
            this.threads = Objects.requireNonNull(threads);
            return this;
        }

        /**
         * A Java implementation of an interface components import (e.g. {@code test:minimal/host}),
         * offered to every component the runtime runs; imports match it by name and compatible version.
         */
        public Builder hostInterface(HostInterface host) {
            this.hosts = hosts.with(Objects.requireNonNull(host));
            return this;
        }

        /** Every host interface the {@link HostInterfaceProvider}s visible to {@code loader} offer. */
        public Builder hostInterfacesFrom(ClassLoader loader) {
            for (HostInterfaceProvider p : java.util.ServiceLoader.load(HostInterfaceProvider.class, loader)) {
                for (HostInterface h : p.hostInterfaces()) {
                    hostInterface(h);
                }
            }
            return this;
        }

        public WippyRuntime build() {
            LoadResult loaded = ManifestLoader.load(manifests);
            return new WippyRuntime(loaded.registryOrThrow(), engine, log, threads, hosts);
        }

        /** A runtime over an already loaded registry. */
        public WippyRuntime build(Registry registry) {
            return new WippyRuntime(registry, engine, log, threads, hosts);
        }
    }
}
