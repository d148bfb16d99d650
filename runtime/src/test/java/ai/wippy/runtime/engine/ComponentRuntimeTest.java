package ai.wippy.runtime.engine;

import ai.wippy.runtime.component.host.HostImports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.component.ast.ComponentAst;
import ai.wippy.runtime.component.binary.ComponentDecoder;
import ai.wippy.runtime.component.compile.ComponentCompiler;
import ai.wippy.runtime.component.plan.ComponentPlan;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentRuntimeTest {

    static byte[] resource(String name) {
        try (InputStream in = ComponentRuntimeTest.class.getResourceAsStream("/components/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ComponentInstance instantiate(String name, HostImports host) {
        ComponentAst ast = ComponentDecoder.decode(resource(name));
        ComponentPlan plan = ComponentCompiler.compile(ast, (bytes, offset) -> ChicoryModuleTypes.of(Parser.parse(bytes)));
        WasmModule[] modules = plan.modules().stream().map(m -> Parser.parse(m.bytes())).toArray(WasmModule[]::new);
        return ComponentInstance.instantiate(plan, host,
                (module, imports) -> Instance.builder(modules[module]).withImportValues(imports).build());
    }

    static Object call(ComponentInstance ci, String export, Object... args) {
        ComponentPlan.FuncExport f = (ComponentPlan.FuncExport) ci.plan().exports().get(export);
        return ci.call(f.func(), List.of(args));
    }

    @Test
    void numbers() {
        ComponentInstance ci = instantiate("add.wasm", HostImports.NONE);
        assertThat(call(ci, "add", 40, 2)).isEqualTo(42);
    }

    @Test
    void stringsGoThroughMemoryWithReallocAndPostReturn() {
        ComponentInstance ci = instantiate("strings.wasm", HostImports.NONE);
        assertThat(call(ci, "echo", "héllo, wörld ✓")).isEqualTo("héllo, wörld ✓");
        assertThat(call(ci, "len", "héllo")).isEqualTo(6L);
        assertThat(call(ci, "echo", "")).isEqualTo("");
    }

    @Test
    void hostImportsAreCalledAndUnresolvedOnesTrapWhenCalled() {
        ComponentInstance unresolved = instantiate("host.wasm", HostImports.NONE);
        assertThat(call(unresolved, "compute", 6, 7)).isEqualTo(42);
        assertThatThrownBy(() -> call(unresolved, "compute-using-host", 6, 7))
                .hasMessageContaining("unresolved host import \"test:minimal/host@0.1.0#add\"");
        ComponentInstance linked = instantiate("host.wasm", (name, path, type) ->
                name.equals("test:minimal/host@0.1.0") && path.equals(List.of("add"))
                        ? args -> (Integer) args.get(0) + (Integer) args.get(1) : null);
        assertThat(call(linked, "compute-using-host", 6, 7)).isEqualTo(13);
    }
}
