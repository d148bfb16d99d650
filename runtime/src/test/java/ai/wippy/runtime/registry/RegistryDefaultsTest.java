package ai.wippy.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default methods of {@link Registry} work for any implementation that lists WASM entries. */
class RegistryDefaultsTest {

    private static WasmEntry wasm(String id, String kind, String command) {
        return new WasmEntry(EntryId.parse(id), kind, "ns:fs", "x.wasm", "sha256:00", "run", null, List.of(),
                WasiConfig.EMPTY, Limits.NONE, "payload",
                Optional.ofNullable(command).map(name -> new CommandMeta(name, "", false)), Map.of(), null);
    }

    private static Registry registryOf(List<WasmEntry> wasm) {
        return new DefaultRegistry(List.of(), List.of(), wasm, List.of(), List.of(), EnvRegistry.empty());
    }

    @Test
    void commandsAreProcessEntriesWithACommandSortedByCommandName() {
        Registry registry = registryOf(List.of(
                wasm("a:zeta", "process.wasm", "alpha"),
                wasm("a:alpha", "process.wasm", "zulu"),
                wasm("a:fn", "function.wasm", "beta"),
                wasm("a:plain", "process.wasm", null)));

        assertThat(registry.commands()).extracting(e -> e.id().toString()).containsExactly("a:zeta", "a:alpha");
        assertThat(registry.command("zulu").map(e -> e.id().toString())).contains("a:alpha");
        assertThat(registry.command("beta")).as("functions are not commands").isEmpty();
    }

    @Test
    void emptyEnvRegistryFindsNothing() {
        assertThat(EnvRegistry.empty().lookup("X")).isEmpty();
        assertThat(EnvRegistry.empty().get("X")).isEmpty();
        assertThat(EnvRegistry.empty().defines("X")).isFalse();
    }
}
