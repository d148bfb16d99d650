package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The compiled-code cache lives where CI caches survive: it follows a local repository moved elsewhere. */
class DefaultCacheDirectoryTest {

    private static final Path HOME = Path.of("/home/dev");

    @Test
    void besideTheDefaultLocalRepository() {
        assertThat(EngineOptions.defaultCacheDirectory(HOME, null)).isEqualTo(Path.of("/home/dev/.m2/wippy/compiled"));
        assertThat(EngineOptions.defaultCacheDirectory(HOME, Path.of("/home/dev/.m2/repository")))
                .isEqualTo(Path.of("/home/dev/.m2/wippy/compiled"));
        assertThat(EngineOptions.defaultCacheDirectory(HOME, Path.of("/home/dev/.m2/./repository/")))
                .isEqualTo(Path.of("/home/dev/.m2/wippy/compiled"));
    }

    @Test
    void insideALocalRepositoryMovedElsewhere() {
        assertThat(EngineOptions.defaultCacheDirectory(HOME, Path.of("/ci/cache/repo")))
                .isEqualTo(Path.of("/ci/cache/repo/.wippy/compiled"));
        assertThat(EngineOptions.defaultCacheDirectory(HOME, Path.of("/home/dev/.m2/other")))
                .isEqualTo(Path.of("/home/dev/.m2/other/.wippy/compiled"));
    }
}
