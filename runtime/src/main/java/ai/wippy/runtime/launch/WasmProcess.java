package ai.wippy.runtime.launch;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmCallException;
import ai.wippy.runtime.process.CapturedText;
import ai.wippy.runtime.process.Process;
import ai.wippy.runtime.process.ProcessResult;
import ai.wippy.runtime.process.StepContext;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasmEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A {@code process.wasm} entry as a process (SPEC §7): Init captures method and arguments; the
 * step loads the program (hash checked), resolves the WASI set-up, instantiates a fresh instance
 * and calls; Close releases the instance. Every failure becomes an error result, never an
 * exception out of the process.
 */
public final class WasmProcess implements Process {

    private final Registry registry;
    private final ProgramLoader programs;
    private final WasmEntry entry;
    private final ProcessIo io;
    private final boolean commandLine;
    private final java.util.function.Consumer<String> debug;
    private String method;
    private List<Object> args;
    private Execution execution;

    /**
     * @param commandLine the arguments are command-line strings (a CLI command): they are parsed
     *                    into the parameter types, and become WASI argv when {@code wasi.args} is empty
     * @param debug       where the WASM stack of a trap goes
     */
    public WasmProcess(Registry registry, ProgramLoader programs, WasmEntry entry, ProcessIo io, boolean commandLine,
            java.util.function.Consumer<String> debug) {
        this.debug = debug;
        this.registry = registry;
        this.programs = programs;
        this.entry = entry;
        this.io = io;
        this.commandLine = commandLine;
    }

    @Override
    public void init(String method, List<Object> args) {
        this.method = method == null || method.isBlank() ? entry.method() : method;
        this.args = args;
    }

    @Override
    public ProcessResult step(StepContext context) {
        ProcessResult result;
        CapturedText[] output;
        try {
            result = run(context);
        } finally {
            // Always, even on an unexpected failure: the log gets the output's tail, the output file is closed.
            output = io.finish();
        }
        return result.withOutput(output[0], output[1]);
    }

    private ProcessResult run(StepContext context) {
        ProcessResult result;
        try {
            Program program = programs.load(entry);
            Path binary = Path.of(program.name());
            List<String> cliArgs = commandLine ? args.stream().map(String::valueOf).toList() : null;
            ExecutionConfig config = new ExecutionConfig(
                    WasiSetup.build(registry, entry, binary, cliArgs, io, context.waitHook()),
                    entry.limits().memoryBytes(), Set.copyOf(entry.imports()), programs.hosts());
            execution = program.instantiate(config);
            Object value = execution.call(method, entry.wit(), args, commandLine);
            result = WasiCommand.isRun(program, method, entry.wit())
                    ? ProcessResult.ofExit(WasiCommand.exitCode(value)) : ProcessResult.ofValue(value);
        } catch (WasmCallException e) {
            if (!e.wasmStack().isEmpty()) {
                debug.accept(entry.id() + ": " + failed(e.getMessage()) + "\nWASM stack:\n" + e.wasmStack());
            }
            result = switch (e.reason()) {
                case EXIT -> ProcessResult.ofExit(e.exitCode());
                case INTERRUPTED -> ProcessResult.ofError(failed(context.stopReason().orElse("interrupted")));
                default -> ProcessResult.ofError(failed(e.getMessage()));
            };
        } catch (WippyException e) {
            result = ProcessResult.ofError(e.getMessage());
        }
        return result;
    }

    private String failed(String cause) {
        return "failed to call wasm method: " + method + ": " + cause;
    }

    @Override
    public void close() {
        Execution e = execution;
        execution = null;
        if (e != null) {
            e.close();
        }
    }
}
