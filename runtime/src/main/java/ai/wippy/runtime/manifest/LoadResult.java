package ai.wippy.runtime.manifest;

import ai.wippy.runtime.Problem;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.registry.Registry;
import java.nio.file.Path;
import java.util.List;

/**
 * What loading manifests produced: the registry (always present; entries with problems have no
 * typed view), every error of every file sorted by file and line, the warnings (which do not make
 * the load fail), and the manifest files read.
 */
public record LoadResult(Registry registry, List<Problem> problems, List<Problem> warnings, List<Path> files) {

    public LoadResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        files = List.copyOf(files);
    }

    /** A result without warnings. */
    public LoadResult(Registry registry, List<Problem> problems, List<Path> files) {
        this(registry, problems, List.of(), files);
    }

    /** True when there is no error (warnings do not count). */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The registry, or a user {@link WippyException} listing all errors. */
    public Registry registryOrThrow() {
        if (!ok()) {
            throw new WippyException(problems);
        }
        return registry;
    }
}
