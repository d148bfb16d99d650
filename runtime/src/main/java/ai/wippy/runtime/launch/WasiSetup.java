package ai.wippy.runtime.launch;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.process.StepContext;
import ai.wippy.runtime.registry.FsDirectory;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.WasiConfig;
import ai.wippy.runtime.registry.WasmEntry;
import ai.wippy.runtime.wasi.WaitHook;
import ai.wippy.runtime.wasi.WasiMount;
import ai.wippy.runtime.wasi.WasiOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an entry's {@code wasi} block into the WASI set-up of one process (SPEC §5), resolved at
 * spawn: argv[0] is the binary's file name and {@code args} follow (the command line's arguments
 * when {@code args} is empty and the process runs as a command); variables come from their
 * {@code env.variable} entries, sorted by name, and nothing else of the host environment leaks in;
 * each mount is its {@code fs.directory}, live.
 */
final class WasiSetup {

    private WasiSetup() {
    }

    static WasiOptions build(Registry registry, WasmEntry entry, Path binary, List<String> commandLineArgs,
            ProcessIo io, StepContext.WaitSlot slot) {
        WasiConfig wasi = entry.wasi();
        List<String> argv = new ArrayList<>();
        argv.add(binary.getFileName().toString());
        if (!wasi.args().isEmpty()) {
            argv.addAll(wasi.args());
        } else if (commandLineArgs != null) {
            argv.addAll(commandLineArgs);
        }
        return WasiOptions.builder()
                .arguments(argv)
                .environment(environment(registry, wasi))
                .cwd(wasi.cwd())
                .mounts(mounts(registry, entry))
                .stdin(io.stdin())
                .stdout(io.stdout())
                .stderr(io.stderr())
                .terminals(io.terminals())
                .waitHook(new WaitHook() {
                    @Override
                    public void beforeWait() {
                        slot.beforeWait();
                    }

                    @Override
                    public void afterWait() {
                        slot.afterWait();
                    }
                })
                .build();
    }

    private static List<Map.Entry<String, String>> environment(Registry registry, WasiConfig wasi) {
        List<Map.Entry<String, String>> env = new ArrayList<>();
        for (WasiConfig.Env e : wasi.env()) {
            Optional<String> value = registry.env().lookup(e.id());
            if (value.isPresent()) {
                env.add(Map.entry(e.name(), value.get()));
            } else if (e.required()) {
                throw WippyException.user("required wasi env variable not found: " + e.id());
            }
        }
        env.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        return env;
    }

    private static List<WasiMount> mounts(Registry registry, WasmEntry entry) {
        List<WasiMount> mounts = new ArrayList<>();
        for (WasiConfig.Mount m : entry.wasi().mounts()) {
            FsDirectory fs = registry.fsDirectory(m.fs()).orElseThrow(
                    () -> WippyException.user("wasi mount filesystem not found: " + m.fs()));
            Path dir = fs.directory();
            if (!Files.isDirectory(dir)) {
                if (!fs.autoInit()) {
                    throw WippyException.user("wasi mount " + m.guest() + ": directory " + dir + " of " + m.fs()
                            + " does not exist; create it or set auto_init: true");
                }
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw WippyException.user("wasi mount " + m.guest() + ": cannot create " + dir + ": " + e.getMessage());
                }
            }
            mounts.add(new WasiMount(m.guest(), dir, m.readOnly()));
        }
        return mounts;
    }
}
