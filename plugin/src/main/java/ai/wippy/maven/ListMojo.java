package ai.wippy.maven;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.command.CommandCatalog;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.registry.WasmEntry;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.manifest.LoadResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the commands ({@code meta.command}) of the project's manifests. The list is the goal's
 * answer: {@code mvn -q wippy:list} still prints it.
 */
@Mojo(name = "list", threadSafe = true, requiresProject = true)
public class ListMojo extends AbstractWippyMojo {

    /** Skips this goal only. */
    @Parameter(property = "wippy.list.skip", defaultValue = "false")
    protected boolean skipList;

    /** Also print each command's WIT signature (loads and hash-checks every command's binary). */
    @Parameter(property = "wippy.verbose", defaultValue = "false")
    protected boolean verbose;

    @Override
    protected String goal() {
        return "list";
    }

    @Override
    protected boolean skipGoal() {
        return skipList;
    }

    @Override
    protected void run() throws MojoFailureException {
        LoadResult loaded = loadValidManifests();
        if (!verbose) {
            CommandCatalog.format(loaded.registry().commands()).forEach(this::answer);
            return;
        }
        // Signatures need the parsed binary, not compiled code: nothing runs, nothing is compiled or cached.
        EngineOptions parseOnly = EngineOptions.builder().mode(EngineMode.INTERPRETER).build();
        try (WippyRuntime runtime = WippyRuntime.builder(manifestOptions()).engine(parseOnly)
                .log(new MavenRuntimeLog(getLog())).build(loaded.registry())) {
            CommandCatalog.format(loaded.registry().commands(), e -> signature(runtime, e)).forEach(this::answer);
        }
    }

    private static String signature(WippyRuntime runtime, WasmEntry e) {
        try {
            WitFunction f = runtime.signature(e);
            String text = f.toString(); // "name: func(a: s32) -> s32"
            int colon = text.indexOf(": func");
            return text.substring(0, colon) + text.substring(colon + ": func".length());
        } catch (WippyException x) {
            return "(signature unknown: " + x.getMessage() + ")";
        }
    }
}
