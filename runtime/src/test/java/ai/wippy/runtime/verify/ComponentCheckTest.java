package ai.wippy.runtime.verify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.BinaryKind;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** `check` applies every Component Model rule the runtime applies, not only the section framing. */
class ComponentCheckTest {

    @Test
    void everyComponentFixturePasses() throws Exception {
        try (Stream<java.nio.file.Path> files = Files.list(Fixtures.dir().getParent().resolve("components/wasm"))) {
            for (java.nio.file.Path p : files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList()) {
                WasmBinaryCheck.Result r = new WasmBinaryCheck().check(Files.readAllBytes(p), BinaryKind.COMPONENT);
                assertThat(r.defect()).as(p.toString()).isEmpty();
            }
        }
    }

    @Test
    void aRuleBrokenBeyondTheFramingIsReportedWithItsOffset() {
        // (component (type (func (param "a" u32) (param "a" u32)))): well framed, duplicate parameter names
        byte[] c = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00,
            0x07, 0x0b, 0x01, 0x40, 0x02, 0x01, 'a', 0x79, 0x01, 'a', 0x79, 0x01, 0x00};
        WasmBinaryCheck.Result r = new WasmBinaryCheck().check(c, BinaryKind.COMPONENT);
        assertThat(r.defect()).isPresent();
        assertThat(r.defect().get().format())
                .isEqualTo("invalid WebAssembly component at offset 0xb: function parameter name `a` conflicts with"
                        + " previous parameter name");
    }

    @Test
    void aFeatureOfALaterVersionIsNamed() {
        // a canon section with backpressure.inc (WASI 0.3 async)
        byte[] c = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x08, 0x02, 0x01, 0x24};
        WasmBinaryCheck.Result r = new WasmBinaryCheck().check(c, BinaryKind.COMPONENT);
        assertThat(r.defect()).isPresent();
        assertThat(r.defect().get().message()).startsWith("uses a feature this host does not run (WASI 0.3 or later): "
                + "canonical built-in 0x24");
    }
}
