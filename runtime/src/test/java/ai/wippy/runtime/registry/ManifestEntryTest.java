package ai.wippy.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestEntryTest {

    private static final SourcePosition ENTRY = new SourcePosition("a.yaml", 3, 5);
    private static final SourcePosition WASI = new SourcePosition("a.yaml", 7, 5);
    private static final SourcePosition MOUNT = new SourcePosition("a.yaml", 9, 9);

    private final ManifestEntry entry = new ManifestEntry(EntryId.parse("ns:e"), "process.wasm", Map.of(),
            Map.of("wasi", Map.of()), ENTRY, Map.of("wasi", WASI, "wasi.mounts.1", MOUNT), Path.of("a.yaml"));

    @Test
    void positionOfFallsBackToTheNearestEnclosingField() {
        assertThat(entry.positionOf("wasi.mounts.1")).isEqualTo(MOUNT);
        assertThat(entry.positionOf("wasi.mounts.1.guest")).isEqualTo(MOUNT);
        assertThat(entry.positionOf("wasi.mounts.0.guest")).isEqualTo(WASI);
        assertThat(entry.positionOf("limits.max_execution_ms")).isEqualTo(ENTRY);
        assertThat(entry.positionOf("")).isEqualTo(ENTRY);
    }

    @Test
    void dataIsDeepCopiedSoLaterChangesToTheSourceDoNotLeakIn() {
        List<Object> list = new ArrayList<>(List.of(1));
        Map<String, Object> data = new HashMap<>(Map.of("list", list));
        ManifestEntry copy = entry.withData(data);
        list.add(2);
        data.put("other", 1);
        assertThat(copy.data()).isEqualTo(Map.of("list", List.of(1)));
    }
}
