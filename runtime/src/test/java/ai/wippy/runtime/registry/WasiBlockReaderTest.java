package ai.wippy.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WasiBlockReaderTest {

    @ParameterizedTest
    @CsvSource({"/, /", "/data/, /data", "//a//b/, /a/b", "/a/./b, /a/b", "/a/../b, /b", "/../.., /", "/a/b/.., /a"})
    void cleansGuestPathsLikeGoPathClean(String raw, String cleaned) {
        assertThat(WasiBlockReader.cleanAbsolutePath(raw)).isEqualTo(cleaned);
    }
}
