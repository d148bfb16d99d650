package ai.wippy.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KindsTest {

    @Test
    void knowsTheKindsItRunsAndNoOthers() {
        assertThat(Kinds.understood("process.wasm")).isTrue();
        assertThat(Kinds.understood("env.storage.router")).isTrue();
        assertThat(Kinds.understood("test.process")).isTrue();
        assertThat(Kinds.understood("function.lua")).isFalse();
        assertThat(Kinds.understood("http.endpoint")).isFalse();
    }
}
