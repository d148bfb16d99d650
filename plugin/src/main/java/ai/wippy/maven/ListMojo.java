package ai.wippy.maven;

import ai.wippy.runtime.command.CommandCatalog;
import ai.wippy.runtime.manifest.LoadResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Lists the commands ({@code meta.command}) of the project's manifests (SPEC §8). */
@Mojo(name = "list", threadSafe = true, requiresProject = true)
public class ListMojo extends AbstractWippyMojo {

    /** Skips this goal only. */
    @Parameter(property = "wippy.list.skip", defaultValue = "false")
    protected boolean skipList;

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
        CommandCatalog.format(loaded.registry().commands()).forEach(getLog()::info);
    }
}
