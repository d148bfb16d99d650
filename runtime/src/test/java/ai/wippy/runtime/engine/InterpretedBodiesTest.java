package ai.wippy.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.component.ast.Definition;
import ai.wippy.runtime.component.binary.ComponentDecoder;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The interpreted bodies kept with compiled code come back exactly as Chicory's parser made them:
 * every field of every instruction of every body of real modules (all core fixtures, and the 12,371
 * functions of the 11 MB componentize-js module, with every instruction StarlingMonkey uses).
 */
class InterpretedBodiesTest {

    @Test
    void everyBodyOfTheCoreFixturesRoundTrips() throws IOException {
        int bodies = 0;
        try (Stream<Path> files = Files.list(Fixtures.dir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                if (bytes[4] == 1) { // a core module (the others are components)
                    bodies += roundTrip(Parser.parse(bytes), f.getFileName().toString());
                }
            }
        }
        assertThat(bodies).isGreaterThan(500);
    }

    @Test
    void everyBodyOfALargeComponentsCoreModuleRoundTrips() {
        byte[] component = Fixtures.bytes("components/calc-js");
        byte[] largest = null;
        for (Definition d : ComponentDecoder.decode(component).definitions()) {
            if (d instanceof Definition.CoreModule m && (largest == null || m.bytes().length > largest.length)) {
                largest = m.bytes();
            }
        }
        assertThat(roundTrip(Parser.parse(largest), "calc-js")).isGreaterThan(12_000);
    }

    @Test
    void malformedBodiesAreRefusedNotTrusted() {
        FunctionBody body = Parser.parse(Fixtures.bytes("compute")).codeSection().getFunctionBody(0);
        byte[] encoded = InterpretedBodies.encode(new FunctionBody[] {body}, new int[] {0});
        assertThatThrownBy(() -> InterpretedBodies.decode(Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> InterpretedBodies.decode(longer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after the last body");
        byte[] hugeCount = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
        assertThatThrownBy(() -> InterpretedBodies.decode(hugeCount)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the bytes left");
    }

    /** Encodes every body of {@code m}, decodes them, compares; returns how many round-tripped. */
    private static int roundTrip(WasmModule m, String what) {
        int n = m.codeSection().functionBodyCount();
        FunctionBody[] bodies = new FunctionBody[n];
        for (int i = 0; i < n; i++) {
            bodies[i] = m.codeSection().getFunctionBody(i);
        }
        Map<Integer, FunctionBody> back = InterpretedBodies.decode(InterpretedBodies.encode(bodies,
                IntStream.range(0, n).toArray()));
        int compared = 0;
        for (int i = 0; i < n; i++) {
            FunctionBody copy = back.get(i);
            if (copy == null) {
                continue; // a form the encoding leaves to the parser
            }
            assertThat(copy.localTypes()).as("%s function %d locals", what, i).isEqualTo(bodies[i].localTypes());
            List<AnnotatedInstruction> a = copy.instructions();
            List<AnnotatedInstruction> b = bodies[i].instructions();
            assertThat(a).as("%s function %d", what, i).hasSameSizeAs(b);
            for (int k = 0; k < a.size(); k++) {
                if (!same(a.get(k), b.get(k))) {
                    assertThat(describe(a.get(k))).as("%s function %d instruction %d", what, i, k)
                            .isEqualTo(describe(b.get(k)));
                }
            }
            compared++;
        }
        return compared;
    }

    /** Whether every field is equal, the scope compared by address, opcode and operands (what {@link #describe} shows). */
    private static boolean same(AnnotatedInstruction x, AnnotatedInstruction y) {
        return x.address() == y.address() && x.opcode() == y.opcode() && Arrays.equals(x.operands(), y.operands())
                && x.depth() == y.depth() && x.labelTrue() == y.labelTrue() && x.labelFalse() == y.labelFalse()
                && x.labelTable().equals(y.labelTable()) && java.util.Objects.equals(x.catches(), y.catches())
                && (x.scope() == null ? y.scope() == null : y.scope() != null && x.scope().address() == y.scope().address()
                        && x.scope().opcode() == y.scope().opcode()
                        && Arrays.equals(x.scope().operands(), y.scope().operands()));
    }

    /** Every field of an instruction, the scope by address, opcode and operands. */
    private static String describe(AnnotatedInstruction ins) {
        return ins.address() + " " + ins.opcode() + Arrays.toString(ins.operands()) + " depth " + ins.depth()
                + " true " + ins.labelTrue() + " false " + ins.labelFalse() + " table " + ins.labelTable()
                + " catches " + ins.catches() + " scope "
                + (ins.scope() == null ? "-" : ins.scope().address() + " " + ins.scope().opcode()
                + Arrays.toString(ins.scope().operands()));
    }
}
