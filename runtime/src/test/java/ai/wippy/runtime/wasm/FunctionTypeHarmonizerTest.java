package ai.wippy.runtime.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.component.ast.ComponentAst;
import ai.wippy.runtime.component.ast.Definition;
import ai.wippy.runtime.component.binary.ComponentDecoder;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The shared type section that works around Chicory 1.7.5's cross-instance {@code call_indirect}
 * check: a call through another instance's table works afterwards, and every rewritten module means
 * what it meant (same function types, same instructions, type immediates pointing at equal types).
 */
class FunctionTypeHarmonizerTest {

    // ------------------------------------------------------------------ hand-written modules

    private static byte[] module(byte[]... sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        for (byte[] s : sections) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static byte[] section(int id, int... payload) {
        byte[] p = bytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id);
        Leb128.writeUnsigned(out, p.length);
        out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] section(int id, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id);
        Leb128.writeUnsigned(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    /**
     * {@code (type (func (param i64))) (type (func (param i32) (result i32)))}, {@code inc} of type 1
     * in an exported table at 0, plus {@code extra} more distinct types first when asked.
     */
    private static byte[] tableOwner(int extraTypes) {
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        Leb128.writeUnsigned(types, extraTypes + 2);
        for (int k = 0; k < extraTypes; k++) {
            // (func (param i32 × k) (result i64)): all distinct, none equal to the ones below
            types.write(0x60);
            Leb128.writeUnsigned(types, k);
            for (int j = 0; j < k; j++) {
                types.write(0x7f);
            }
            types.writeBytes(bytes(0x01, 0x7e));
        }
        types.writeBytes(bytes(0x60, 0x01, 0x7e, 0x00, 0x60, 0x01, 0x7f, 0x01, 0x7f));
        int inc = extraTypes + 1;
        ByteArrayOutputStream funcs = new ByteArrayOutputStream();
        funcs.write(1);
        Leb128.writeUnsigned(funcs, inc);
        return module(section(1, types.toByteArray()), section(3, funcs.toByteArray()),
                section(4, 0x01, 0x70, 0x00, 0x01),
                section(7, 0x01, 0x01, 't', 0x01, 0x00),
                section(9, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00),
                section(10, 0x01, 0x07, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b));
    }

    /**
     * Imports the table; {@code call(x)} runs {@code (block (type 0) (param i32) (result i32)
     * (call_indirect (type 0) (i32.const 0)))}: its type 0, (i32) -> i32, is the owner's type 1.
     */
    private static final byte[] CALLER = module(
            section(1, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f),
            section(2, 0x01, 0x01, 'a', 0x01, 't', 0x01, 0x70, 0x00, 0x01),
            section(3, 0x01, 0x00),
            section(7, 0x01, 0x04, 'c', 'a', 'l', 'l', 0x00, 0x00),
            section(10, 0x01, 0x0c, 0x00, 0x20, 0x00, 0x02, 0x00, 0x41, 0x00, 0x11, 0x00, 0x00, 0x0b, 0x0b));

    private static long call(byte[] owner, byte[] caller) {
        Instance a = Instance.builder(Parser.parse(owner)).build();
        Instance b = Instance.builder(Parser.parse(caller))
                .withImportValues(ImportValues.builder().addTable(new ImportTable("a", "t", a.exports().table("t")))
                        .build())
                .build();
        return b.export("call").apply(41)[0];
    }

    @Test
    void aCallThroughAnotherInstancesTableTypeChecksStructurallyAfterwards() {
        byte[] owner = tableOwner(0);
        assertThatThrownBy(() -> call(owner, CALLER)).isInstanceOf(ChicoryException.class)
                .hasMessageContaining("indirect call type mismatch");
        List<byte[]> shared = FunctionTypeHarmonizer.harmonize(List.of(owner, CALLER));
        assertThat(shared.get(0)).as("the larger module keeps its types").isSameAs(owner);
        assertThat(call(shared.get(0), shared.get(1))).isEqualTo(42);
        sameMeaning(CALLER, shared.get(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 64, 126})
    void noRenumberedBlockTypeLandsWhereChicoryReadsAValueType(int extraTypes) {
        // with 63 extra types the owner's (i32) -> i32 is type 64, which Chicory would read as an
        // empty block type; with 64 the first appended type would be 66 after padding nothing, ...
        byte[] owner = tableOwner(extraTypes);
        List<byte[]> shared = FunctionTypeHarmonizer.harmonize(List.of(owner, CALLER));
        WasmModule rewritten = Parser.parse(shared.get(1));
        AnnotatedInstruction block = rewritten.codeSection().getFunctionBody(0).instructions().stream()
                .filter(i -> i.opcode() == OpCode.BLOCK).findFirst().orElseThrow();
        assertThat(FunctionTypeHarmonizer.misreadAsBlockType(block.operand(0))).isFalse();
        assertThat(call(shared.get(0), shared.get(1))).isEqualTo(42);
        sameMeaning(CALLER, shared.get(1));
        sameMeaning(owner, shared.get(0));
    }

    @Test
    void nothingChangesWithoutAnImportedTable() {
        byte[] owner = tableOwner(0);
        byte[] other = module(section(1, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f));
        List<byte[]> modules = List.of(owner, other);
        assertThat(FunctionTypeHarmonizer.harmonize(modules)).isSameAs(modules);
    }

    @Test
    void aModuleWithTypedReferencesIsLeftAlone() {
        // (type (func (param (ref null 0)))): a type index inside a value type
        byte[] typed = module(section(1, 0x01, 0x60, 0x01, 0x63, 0x00, 0x00),
                section(2, 0x01, 0x01, 'a', 0x01, 't', 0x01, 0x70, 0x00, 0x01));
        byte[] owner = tableOwner(0);
        List<byte[]> shared = FunctionTypeHarmonizer.harmonize(List.of(owner, typed, CALLER));
        assertThat(shared.get(1)).isSameAs(typed);
        assertThat(call(shared.get(0), shared.get(2))).isEqualTo(42);
    }

    @Test
    void aMalformedModuleIsLeftAlone() {
        byte[] truncated = java.util.Arrays.copyOf(CALLER, CALLER.length - 3);
        List<byte[]> shared = FunctionTypeHarmonizer.harmonize(List.of(tableOwner(0), truncated));
        assertThat(shared.get(1)).isSameAs(truncated);
    }

    @Test
    void manyModulesWithManyTypesOfTheirOwnAreNotMultiplied() {
        // 20 modules of 5000 distinct types each: each would get all 100,000
        List<byte[]> modules = new ArrayList<>();
        modules.add(CALLER);
        int next = 0;
        for (int m = 0; m < 20; m++) {
            ByteArrayOutputStream types = new ByteArrayOutputStream();
            Leb128.writeUnsigned(types, 5000);
            for (int k = 0; k < 5000; k++, next++) {
                // nine parameters, each i32, i64, f32 or f64 by a base-4 digit of `next`: all distinct
                types.write(0x60);
                types.write(9);
                for (int j = 0, n = next; j < 9; j++, n >>= 2) {
                    types.write(0x7f - (n & 3));
                }
                types.write(0);
            }
            modules.add(module(section(1, types.toByteArray())));
        }
        assertThat(FunctionTypeHarmonizer.harmonize(modules)).isSameAs(modules);
    }

    // ------------------------------------------------------------------ real components

    @ParameterizedTest
    @ValueSource(strings = {"command", "resources", "greeter", "minimal", "nested", "types", "strings-utf16",
            "calc-js"})
    void theModulesOfRealComponentsMeanWhatTheyMeant(String fixture) {
        ComponentAst ast = ComponentDecoder.decode(Fixtures.bytes("components/" + fixture));
        List<byte[]> modules = new ArrayList<>();
        collect(ast, modules);
        List<byte[]> patched = modules.stream().map(ai.wippy.runtime.engine.EmptyImportNames::patch).toList();
        List<byte[]> shared = FunctionTypeHarmonizer.harmonize(patched);
        byte[] section = null;
        for (int i = 0; i < patched.size(); i++) {
            if (shared.get(i) != patched.get(i)) {
                sameMeaning(patched.get(i), shared.get(i));
                byte[] s = typeSection(shared.get(i));
                if (section != null) {
                    assertThat(s).as("every rewritten module has the one shared type section").isEqualTo(section);
                }
                section = s;
            }
        }
    }

    private static void collect(ComponentAst ast, List<byte[]> out) {
        for (Definition d : ast.definitions()) {
            if (d instanceof Definition.CoreModule m) {
                out.add(m.bytes());
            } else if (d instanceof Definition.Component c) {
                collect(c.component(), out);
            }
        }
    }

    private static byte[] typeSection(byte[] module) {
        ByteReader r = new ByteReader(module, 8, module.length, "m");
        while (r.more()) {
            int id = r.u8("id");
            int at = r.pos();
            ByteReader s = r.sub(r.u32("size"), at, "s", "s");
            if (id == 1) {
                return java.util.Arrays.copyOfRange(module, s.pos(), s.end());
            }
        }
        return new byte[0];
    }

    // ------------------------------------------------------------------ same meaning

    /**
     * Both versions parse; every function has a type of the same structure; every body has the same
     * instructions with the same immediates, but for type indices, which name types of the same
     * structure.
     */
    static void sameMeaning(byte[] before, byte[] after) {
        WasmModule a = Parser.parse(before);
        WasmModule b = Parser.parse(after);
        List<FunctionType> fa = functionTypes(a);
        List<FunctionType> fb = functionTypes(b);
        assertThat(fb).hasSize(fa.size());
        for (int i = 0; i < fa.size(); i++) {
            assertThat(same(fa.get(i), fb.get(i))).as("type of function %d", i).isTrue();
        }
        assertThat(b.codeSection().functionBodyCount()).isEqualTo(a.codeSection().functionBodyCount());
        for (int f = 0; f < a.codeSection().functionBodyCount(); f++) {
            List<AnnotatedInstruction> ia = a.codeSection().getFunctionBody(f).instructions();
            List<AnnotatedInstruction> ib = b.codeSection().getFunctionBody(f).instructions();
            assertThat(ib).as("instructions of body %d", f).hasSize(ia.size());
            for (int k = 0; k < ia.size(); k++) {
                AnnotatedInstruction x = ia.get(k);
                AnnotatedInstruction y = ib.get(k);
                assertThat(y.opcode()).isEqualTo(x.opcode());
                long[] ox = x.operands();
                long[] oy = y.operands();
                assertThat(oy).hasSize(ox.length);
                for (int o = 0; o < ox.length; o++) {
                    if (o == 0 && isTypeImmediate(x.opcode(), ox[0])) {
                        assertThat(same(a.typeSection().getType((int) ox[0]), b.typeSection().getType((int) oy[0])))
                                .as("type immediate of %s in body %d", x.opcode(), f).isTrue();
                    } else {
                        assertThat(oy[o]).as("immediate %d of %s in body %d", o, x.opcode(), f).isEqualTo(ox[o]);
                    }
                }
            }
        }
    }

    private static boolean isTypeImmediate(OpCode op, long value) {
        if (op == OpCode.CALL_INDIRECT || op == OpCode.RETURN_CALL_INDIRECT) {
            return true;
        }
        boolean block = op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF || op == OpCode.TRY_TABLE;
        return block && value != 0x40 && !ValType.isValid(value) && value >= 0;
    }

    private static List<FunctionType> functionTypes(WasmModule m) {
        List<FunctionType> out = new ArrayList<>();
        for (int i = 0; i < m.importSection().importCount(); i++) {
            if (m.importSection().getImport(i) instanceof FunctionImport fi) {
                out.add(m.typeSection().getType(fi.typeIndex()));
            }
        }
        for (int i = 0; i < m.functionSection().functionCount(); i++) {
            out.add(m.functionSection().getFunctionType(i, m.typeSection()));
        }
        return out;
    }

    private static boolean same(FunctionType x, FunctionType y) {
        return x.params().equals(y.params()) && x.returns().equals(y.returns());
    }
}
