package ai.wippy.runtime.engine;

import ai.wippy.runtime.component.ast.CoreTypes;
import ai.wippy.runtime.component.types.CoreExtern;
import ai.wippy.runtime.component.types.ModuleType;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.TableImport;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.TagImport;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The import and export types of a parsed core module, in the component compiler's terms. */
final class ChicoryModuleTypes {

    private ChicoryModuleTypes() {
    }

    static ModuleType of(WasmModule m) {
        List<ModuleType.Import> imports = new ArrayList<>();
        List<CoreExtern.Func> funcs = new ArrayList<>();
        List<CoreExtern.Table> tables = new ArrayList<>();
        List<CoreExtern.Memory> memories = new ArrayList<>();
        List<CoreExtern.Global> globals = new ArrayList<>();
        List<CoreExtern.Tag> tags = new ArrayList<>();
        for (int i = 0; i < m.importSection().importCount(); i++) {
            Import imp = m.importSection().getImport(i);
            CoreExtern type;
            if (imp instanceof FunctionImport f) {
                CoreExtern.Func ft = func(m.typeSection().getType(f.typeIndex()));
                funcs.add(ft);
                type = ft;
            } else if (imp instanceof TableImport t) {
                CoreExtern.Table tt = new CoreExtern.Table(valType(t.entryType()), limits(t.limits()));
                tables.add(tt);
                type = tt;
            } else if (imp instanceof MemoryImport mi) {
                CoreExtern.Memory mt = new CoreExtern.Memory(limits(mi.limits()));
                memories.add(mt);
                type = mt;
            } else if (imp instanceof GlobalImport g) {
                CoreExtern.Global gt = new CoreExtern.Global(valType(g.type()), g.mutabilityType() == MutabilityType.Var);
                globals.add(gt);
                type = gt;
            } else {
                TagImport t = (TagImport) imp;
                CoreExtern.Tag tt = new CoreExtern.Tag(func(m.typeSection().getType(t.tagType().typeIdx())));
                tags.add(tt);
                type = tt;
            }
            // report the name the component gave the import, not the one it is linked under
            String name = imp.module().isEmpty() && imp.name().equals(EmptyImportNames.FIELD) ? "" : imp.name();
            imports.add(new ModuleType.Import(imp.module(), name, type));
        }
        for (int i = 0; i < m.functionSection().functionCount(); i++) {
            funcs.add(func(m.functionSection().getFunctionType(i, m.typeSection())));
        }
        for (int i = 0; i < m.tableSection().tableCount(); i++) {
            var t = m.tableSection().getTable(i);
            tables.add(new CoreExtern.Table(valType(t.elementType()), limits(t.limits())));
        }
        m.memorySection().ifPresent(ms -> {
            for (int i = 0; i < ms.memoryCount(); i++) {
                memories.add(new CoreExtern.Memory(limits(ms.getMemory(i).limits())));
            }
        });
        for (int i = 0; i < m.globalSection().globalCount(); i++) {
            var g = m.globalSection().getGlobal(i);
            globals.add(new CoreExtern.Global(valType(g.valueType()), g.mutabilityType() == MutabilityType.Var));
        }
        m.tagSection().ifPresent(ts -> {
            for (int i = 0; i < ts.tagCount(); i++) {
                tags.add(new CoreExtern.Tag(func(m.typeSection().getType(ts.getTag(i).typeIdx()))));
            }
        });
        Map<String, CoreExtern> exports = new LinkedHashMap<>();
        for (int i = 0; i < m.exportSection().exportCount(); i++) {
            Export e = m.exportSection().getExport(i);
            exports.put(e.name(), switch (e.exportType()) {
                case FUNCTION -> funcs.get(e.index());
                case TABLE -> tables.get(e.index());
                case MEMORY -> memories.get(e.index());
                case GLOBAL -> globals.get(e.index());
                case TAG -> tags.get(e.index());
            });
        }
        return new ModuleType(imports, exports);
    }

    static CoreExtern.Func func(FunctionType t) {
        List<CoreTypes.ValType> params = new ArrayList<>();
        for (ValType v : t.params()) {
            params.add(valType(v));
        }
        List<CoreTypes.ValType> results = new ArrayList<>();
        for (ValType v : t.returns()) {
            results.add(valType(v));
        }
        return new CoreExtern.Func(params, results);
    }

    static CoreTypes.ValType valType(ValType v) {
        if (v.equals(ValType.I32)) {
            return CoreTypes.ValType.I32;
        }
        if (v.equals(ValType.I64)) {
            return CoreTypes.ValType.I64;
        }
        if (v.equals(ValType.F32)) {
            return CoreTypes.ValType.F32;
        }
        if (v.equals(ValType.F64)) {
            return CoreTypes.ValType.F64;
        }
        if (v.equals(ValType.V128)) {
            return CoreTypes.ValType.V128;
        }
        if (v.equals(ValType.FuncRef)) {
            return CoreTypes.ValType.FUNCREF;
        }
        if (v.equals(ValType.ExternRef)) {
            return CoreTypes.ValType.EXTERNREF;
        }
        throw new IllegalArgumentException("unsupported core value type in a component: " + v);
    }

    private static CoreTypes.Limits limits(MemoryLimits l) {
        return new CoreTypes.Limits(l.initialPages(), l.maximumPages() == MemoryLimits.MAX_PAGES ? -1
                : l.maximumPages(), l.shared(), false);
    }

    private static CoreTypes.Limits limits(TableLimits l) {
        return new CoreTypes.Limits(l.min(), l.max() == TableLimits.LIMIT_MAX ? -1 : l.max(), false, false);
    }
}
