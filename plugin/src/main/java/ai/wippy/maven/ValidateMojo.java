package ai.wippy.maven;

import ai.wippy.runtime.manifest.LoadResult;
import ai.wippy.runtime.registry.Kinds;
import ai.wippy.runtime.registry.Registry;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Loads and validates every Wippy manifest of the project: its structure, every entry's fields, the
 * {@code hash:} format, references between entries, import profiles. Every problem of every
 * file is reported in one run, each as {@code file:line:column: ns:name: message}; warnings (a
 * read-only mount that another mount makes writable) are logged at WARN level and do not fail.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = true)
public class ValidateMojo extends AbstractWippyMojo {

    /** Skips this goal only. */
    @Parameter(property = "wippy.validate.skip", defaultValue = "false")
    protected boolean skipValidate;

    @Override
    protected String goal() {
        return "validate";
    }

    @Override
    protected boolean skipGoal() {
        return skipValidate;
    }

    @Override
    protected void run() throws MojoFailureException {
        LoadResult result = loadValidManifests();
        Registry registry = result.registry();
        registry.entries().stream().filter(e -> !Kinds.understood(e.kind())).forEach(e -> getLog().debug(
                e.position() + ": " + e.id() + ": kind " + e.kind() + " is not run by this plugin (kept, ignored)"));
        int warnings = result.warnings().size();
        getLog().info("Validated " + registry.entries().size() + " Wippy entries ("
                + registry.wasmEntries().size() + " WASM) in " + result.files().size() + " manifest file(s)"
                + (warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings")));
    }
}
