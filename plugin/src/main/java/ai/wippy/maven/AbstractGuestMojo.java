package ai.wippy.maven;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that runs guest code ({@code run}, {@code test}, {@code integration-test}): the engine settings. */
abstract class AbstractGuestMojo extends AbstractWippyMojo {

    /** How guest code runs: {@code auto}, {@code interpreter} or {@code compiler}. */
    @Parameter(property = "wippy.engine", defaultValue = "auto")
    protected String engine;

    /**
     * Where compiled code is kept across builds. Default: {@code ~/.m2/wippy/compiled}, or
     * {@code <local repository>/.wippy/compiled} when the build uses a local repository elsewhere
     * ({@code -Dmaven.repo.local}, {@code <localRepository>} in {@code settings.xml}), so that a CI
     * cache of the repository directory keeps it too.
     */
    @Parameter(property = "wippy.cacheDirectory")
    protected File cacheDirectory;

    /** Whether compiled code is cached on disk ({@code false}: in memory only, for this build). */
    @Parameter(property = "wippy.cache", defaultValue = "true")
    protected boolean cache;

    /** The build's local repository: the compiled-code cache follows it when it is not the default one. */
    @Parameter(defaultValue = "${settings.localRepository}", readonly = true)
    protected File localRepository;

    protected EngineOptions engineOptions() {
        EngineOptions.Builder b = EngineOptions.builder().mode(EngineMode.parse(engine));
        if (cache) {
            b.cacheDirectory(effectiveCacheDirectory().toPath());
        }
        return b.build();
    }

    /** {@code cacheDirectory}, or its default. */
    protected File effectiveCacheDirectory() {
        if (cacheDirectory != null) {
            return cacheDirectory;
        }
        return EngineOptions.defaultCacheDirectory(new File(System.getProperty("user.home")).toPath(),
                localRepository == null ? null : localRepository.toPath()).toFile();
    }
}
