package ai.wippy.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImportProfileTest {

    @ParameterizedTest
    @CsvSource({
            "wasi1, WASI1", "preview1, WASI1", "wasi-preview1, WASI1", "wasi_snapshot_preview1, WASI1",
            "' WASI_SNAPSHOT_PREVIEW1 ', WASI1",
            "wasi:io, WASI_IO", "wasi:io/streams@0.2.0, WASI_IO", "wasi:io/error, WASI_IO",
            "wasi:poll, WASI_POLL", "wasi:io/poll@0.2.8, WASI_POLL",
            "wasi:clocks/monotonic-clock, WASI_CLOCKS",
            "wasi:cli/stdout@0.2.3, WASI_CLI", "WASI:CLI/STDOUT@9.9, WASI_CLI",
            "wasi:filesystem/preopens, WASI_FILESYSTEM", "wasi:random, WASI_RANDOM",
            "wasi:sockets/tcp, WASI_SOCKETS", "wasi:http/outgoing-handler@0.2.8, WASI_HTTP"})
    void resolvesNamesAliasesAndInterfaces(String raw, ImportProfile expected) {
        assertThat(ImportProfile.resolve(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "funcs", "wasi:gpu", "wasi", "cli", "wippy:actor/process@0.1.0", "wasi:iox"})
    void unknownNamesDoNotResolve(String raw) {
        assertThat(ImportProfile.resolve(raw)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"' Wasi:Cli/Stdout@0.2.3 ', wasi:cli/stdout", "wasi1, wasi1", "'@1.0', ''"})
    void normalizeLowersTrimsAndDropsTheVersion(String raw, String expected) {
        assertThat(ImportProfile.normalize(raw)).isEqualTo(expected == null ? "" : expected);
    }

    @org.junit.jupiter.api.Test
    void onlyWasi1WorksForCoreModules() {
        for (ImportProfile profile : ImportProfile.values()) {
            assertThat(profile.componentOnly()).as(profile.name()).isEqualTo(profile != ImportProfile.WASI1);
            assertThat(ImportProfile.resolve(profile.canonicalName())).contains(profile);
        }
    }
}
