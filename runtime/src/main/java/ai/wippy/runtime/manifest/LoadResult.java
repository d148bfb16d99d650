package ai.wippy.runtime.manifest;

import ai.wippy.runtime.Problem;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.registry.Registry;
import java.nio.file.Path;
import java.util.List;

/**
 * What loading manifests produced: the registry (always present; entries with problems have no
 * typed view), every problem of every file sorted by file and line, and the manifest files read.
 */
public record LoadResult(Registry registry, List<Problem> problems, List<Path> files) {

    public LoadResult {
        problems = List.copyOf(problems);
        files = List.copyOf(files);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The registry, or a user {@link WippyException} listing all problems. */
    public Registry registryOrThrow() {
        if (!ok()) {
            throw new WippyException(problems);
        }
        return registry;
    }
}
