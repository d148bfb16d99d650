package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.ast.ComponentAst;
import ai.wippy.runtime.component.ast.CoreTypes;
import ai.wippy.runtime.component.ast.Definition;
import ai.wippy.runtime.component.ast.NameAttributes;
import ai.wippy.runtime.component.ast.Sort;
import ai.wippy.runtime.component.ast.Types;
import ai.wippy.runtime.component.plan.CanonOptions;
import ai.wippy.runtime.component.plan.ComponentPlan;
import ai.wippy.runtime.component.plan.CoreRef;
import ai.wippy.runtime.component.plan.FuncRef;
import ai.wippy.runtime.component.plan.Step;
import ai.wippy.runtime.component.types.ComponentType;
import ai.wippy.runtime.component.types.CoreExtern;
import ai.wippy.runtime.component.types.ExternType;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.component.types.InstanceType;
import ai.wippy.runtime.component.types.ModuleType;
import ai.wippy.runtime.component.types.ResourceTypeDef;
import ai.wippy.runtime.component.types.Subtyping;
import ai.wippy.runtime.component.types.TypeDef;
import ai.wippy.runtime.component.types.ValueTypeDef;
import ai.wippy.runtime.wit.ResourceType;
import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a decoded component and compiles it into a {@link ComponentPlan}, the way wasmtime's
 * inliner does: definitions are interpreted in order, building each scope's index spaces; every
 * nested component instantiation is compiled again with its actual arguments (so type imports are
 * substituted and nothing is looked up by name at run time), and every component definition is also
 * validated on its own, with abstract imports, when it is defined.
 */
public final class ComponentCompiler {

    /** Gives the import/export types of a core module (parsing and validating it). */
    @FunctionalInterface
    public interface CoreModuleTypes {
        /** Throws {@link ai.wippy.runtime.component.binary.ComponentFormatException} if the module is invalid. */
        ModuleType typeOf(byte[] module, int offset);
    }

    private final CoreModuleTypes moduleTypes;
    private final Map<Definition.CoreModule, ModuleType> moduleTypeCache = new IdentityHashMap<>();
    private final Map<ComponentAst, ComponentType> validated = new IdentityHashMap<>();
    private final Visibility visibility = new Visibility();
    private final ElementSize elementSize = new ElementSize();
    private final TypeSizes typeSizes = new TypeSizes();
    /**
     * Definitions compiled so far, over every instantiation: each nested instantiation compiles its
     * component again, so nesting multiplies (30 levels that each instantiate their child twice are
     * 2^30 instantiations in 600 bytes). Past {@link #MAX_WORK} the component is refused.
     */
    private long work;
    static final long MAX_WORK = 200_000;

    private ComponentCompiler(CoreModuleTypes moduleTypes) {
        this.moduleTypes = moduleTypes;
    }

    /** Validates {@code ast} and compiles it; its imports are to be provided by the host. */
    public static ComponentPlan compile(ComponentAst ast, CoreModuleTypes moduleTypes) {
        ComponentCompiler c = new ComponentCompiler(moduleTypes);
        PlanBuilder b = new PlanBuilder(true);
        List<ComponentPlan.Import> imports = new ArrayList<>();
        Result r = c.component(ast, null, null, imports, b);
        Map<String, ComponentPlan.Export> exports = new LinkedHashMap<>();
        r.exports.forEach((name, item) -> exports.put(name, export(item)));
        return new ComponentPlan(b.modules, b.steps, b.coreInstances, b.lowered, b.intrinsics, b.componentInstances,
                imports, exports);
    }

    /** Only validates (for `check`): every rule, no plan. */
    public static ComponentType validate(ComponentAst ast, CoreModuleTypes moduleTypes) {
        return new ComponentCompiler(moduleTypes).component(ast, null, null, null, new PlanBuilder()).type;
    }

    private static ComponentPlan.Export export(Item item) {
        if (item instanceof Item.Func f) {
            return new ComponentPlan.FuncExport(f.ref());
        }
        if (item instanceof Item.Instance i) {
            Map<String, ComponentPlan.Export> inner = new LinkedHashMap<>();
            i.exports().forEach((n, it) -> inner.put(n, export(it)));
            return new ComponentPlan.InstanceExport(inner);
        }
        if (item instanceof Item.Type t) {
            return new ComponentPlan.TypeExport(t.def());
        }
        return new ComponentPlan.OpaqueExport(item instanceof Item.CoreModule ? "core module" : "component");
    }

    private record Result(ComponentType type, Map<String, Item> exports) {
    }

    // ==================================================================== components

    /**
     * Compiles one component. {@code args} non-null: an instantiation with these arguments;
     * {@code rootImports} non-null: the root, whose imports the host provides; both null: a definition
     * validated with abstract imports (its steps go to a throwaway builder).
     */
    private Result component(ComponentAst ast, Scope enclosing, Map<String, Item> args,
            List<ComponentPlan.Import> rootImports, PlanBuilder b) {
        Scope s = new Scope(enclosing, Scope.Kind.COMPONENT);
        int self = b.newComponentInstance();
        Map<String, ExternType> importTypes = new LinkedHashMap<>();
        Map<String, ExternType> exportTypes = new LinkedHashMap<>();
        Map<String, Item> exportItems = new LinkedHashMap<>();
        for (Definition def : ast.definitions()) {
            int at = def.offset();
            if (++work > MAX_WORK) {
                throw CompileErrors.invalid(at, "instantiating this component takes compiling more than " + MAX_WORK
                        + " definitions (nested component instantiations multiply): more than this runtime does");
            }
            if (def instanceof Definition.CoreModule m) {
                ModuleType type = moduleType(m);
                s.add(Sort.CORE_MODULE, new Item.CoreModule(type, b.module(m, type, "module" + s.size(Sort.CORE_MODULE))));
            } else if (def instanceof Definition.CoreInstance ci) {
                s.add(Sort.CORE_INSTANCE, coreInstance(ci.expr(), s, b, self, at));
            } else if (def instanceof Definition.CoreType ct) {
                s.add(Sort.CORE_TYPE, coreType(ct.type(), s, at));
            } else if (def instanceof Definition.Component c) {
                s.add(Sort.COMPONENT, new Item.Component(validateDefinition(c.component(), s), c.component(), s));
            } else if (def instanceof Definition.Instance inst) {
                s.add(Sort.INSTANCE, instance(inst.expr(), s, b, at));
            } else if (def instanceof Definition.Alias a) {
                Item item = alias(a.target(), s, at);
                s.add(a.target().sort(), item);
            } else if (def instanceof Definition.Type t) {
                s.add(Sort.TYPE, new Item.Type(defType(t.type(), s, b, self, at)));
            } else if (def instanceof Definition.Canon c) {
                canon(c.func(), s, b, self, at);
            } else if (def instanceof Definition.Import imp) {
                importDef(imp, s, args, rootImports, importTypes, at);
            } else if (def instanceof Definition.Export exp) {
                Item item = exportDef(exp, s);
                exportTypes.put(exp.name(), Item.externType(item));
                exportItems.put(exp.name(), item);
            }
            // custom sections define nothing
        }
        return new Result(new ComponentType(importTypes, exportTypes), exportItems);
    }

    private ComponentType validateDefinition(ComponentAst ast, Scope enclosing) {
        ComponentType known = validated.get(ast);
        if (known == null) {
            known = component(ast, enclosing, null, null, new PlanBuilder()).type;
            validated.put(ast, known);
        }
        return known;
    }

    private ModuleType moduleType(Definition.CoreModule m) {
        ModuleType known = moduleTypeCache.get(m);
        if (known == null) {
            known = moduleTypes.typeOf(m.bytes(), m.offset());
            Set<String> seen = new HashSet<>();
            for (ModuleType.Import imp : known.imports()) {
                if (!seen.add(imp.module() + "\0" + imp.name())) {
                    throw CompileErrors.invalid(m.offset(), "core module: " + duplicateImport(imp.module(), imp.name()));
                }
            }
            moduleTypeCache.put(m, known);
        }
        return known;
    }

    // ==================================================================== imports and exports

    private void importDef(Definition.Import imp, Scope s, Map<String, Item> args,
            List<ComponentPlan.Import> rootImports, Map<String, ExternType> importTypes, int at) {
        String name = imp.name();
        checkName(name, at);
        if (!s.importNames.add(Names.canonical(name))) {
            throw CompileErrors.invalid(at, "import name `" + name + "` conflicts with previous name");
        }
        ExternType expected = externType(imp.type(), s, at);
        countSize(s, expected, at);
        checkAttributes(name, imp.attributes(), expected, at);
        nameResources(expected, name);
        String hidden = visibility.check(s, expected, true);
        if (hidden != null) {
            throw CompileErrors.invalid(at, hidden);
        }
        Item item;
        if (args != null) {
            Item arg = args.get(name);
            if (arg == null) {
                throw CompileErrors.invalid(at, "missing import named `" + name + "`");
            }
            String problem = Subtyping.check(Item.externType(arg), expected);
            if (problem != null) {
                throw CompileErrors.invalid(at, "type mismatch for import `" + name + "`: " + problem);
            }
            item = arg;
        } else {
            // each import of an instance type has resources of its own
            expected = Substitution.freshen(expected, visibility);
            if (rootImports != null) {
                item = hostItem(expected, rootImports.size(), new ArrayList<>());
                rootImports.add(new ComponentPlan.Import(name, expected, imp.attributes().implementsName()));
            } else {
                item = abstractItem(expected);
            }
        }
        item = args != null ? adopted(s, item) : named(s, item, expected, name, true);
        checkAnnotatedName(name, expected, s, at, true);
        recordResourceName(s, name, item, true);
        importTypes.put(name, expected);
        addExtern(s, item);
    }

    /**
     * An argument as the instantiated component's import: the very type the parent passed (so types
     * built on it in the child stay the parent's), named in the child by being imported there.
     */
    private Item adopted(Scope s, Item item) {
        if (item instanceof Item.Type t) {
            if (t.def() instanceof ResourceTypeDef r) {
                visibility.add(s, r.resource(), true);
            } else if (t.def() instanceof ValueTypeDef v) {
                visibility.add(s, v.type(), true);
            }
        } else if (item instanceof Item.Instance inst) {
            inst.exports().values().forEach(e -> adopted(s, e));
        }
        return item;
    }

    /** The item an import or export adds to its index space: types under their new name (a view or copy). */
    private Item named(Scope s, Item item, ExternType declared, String name, boolean byImport) {
        if (item instanceof Item.Instance inst) {
            // importing or exporting an instance names the types it exports
            // and an ascribed instance type is all the outside sees: exports it does not list are gone
            Map<String, Item> exports = new LinkedHashMap<>();
            InstanceType it = declared instanceof ExternType.Instance di ? di.type() : null;
            inst.exports().forEach((n, e) -> {
                if (it == null || it.exports().containsKey(n)) {
                    // the instance's own types refer to one another as they were declared in it (a
                    // variant of its records: wasi:sockets' ip-socket-address): those are named too
                    if (e instanceof Item.Type t && t.def() instanceof ValueTypeDef v && Visibility.nominal(v.type())) {
                        visibility.add(s, v.type(), byImport);
                    }
                    exports.put(n, named(s, e, it != null ? it.exports().get(n) : Item.externType(e), n, byImport));
                }
            });
            return new Item.Instance(exports);
        }
        if (item instanceof Item.Component c && declared instanceof ExternType.Component dc && dc.type() != c.type()) {
            // an ascribed component type is what instantiations see (see instance())
            return new Item.Component(dc.type(), c.ast(), c.enclosing());
        }
        if (item instanceof Item.Func f && declared instanceof ExternType.Func df && df.type() != f.type()) {
            // an ascribed function type is what the outside sees (it is a subtype-checked equal)
            return new Item.Func(df.type(), f.ref());
        }
        if (!(item instanceof Item.Type t)) {
            return item;
        }
        if (declared instanceof ExternType.Type ty && ty.subResource()) {
            ResourceType r = ((ResourceTypeDef) t.def()).resource();
            if (byImport) {
                visibility.add(s, r, true);
                return item;
            }
            ResourceType hidden = r.abstraction(name);
            visibility.add(s, hidden, false);
            return new Item.Type(new ResourceTypeDef(hidden));
        }
        return new Item.Type(visibility.name(s, t.def(), name, byImport));
    }

    private Item exportDef(Definition.Export exp, Scope s) {
        int at = exp.offset();
        String name = exp.name();
        checkName(name, at);
        if (!s.exportNames.add(Names.canonical(name))) {
            throw CompileErrors.invalid(at, "export name `" + name + "` conflicts with previous name");
        }
        if (exp.sort().isCore() && exp.sort() != Sort.CORE_MODULE) {
            throw CompileErrors.invalid(at, "exporting a " + exp.sort().text() + " is not allowed");
        }
        if (exp.sort() == Sort.VALUE) {
            throw CompileErrors.unsupported(at, "exporting values");
        }
        Item item = s.get(exp.sort(), exp.index(), at);
        ExternType type = Item.externType(item);
        countSize(s, type, at);
        if (exp.ascribed() != null) {
            ExternType ascribed = externType(exp.ascribed(), s, at);
            String problem = Subtyping.check(type, ascribed);
            if (problem != null) {
                throw CompileErrors.invalid(at, "type mismatch in export `" + name + "`: " + problem);
            }
            type = ascribed;
        }
        checkAttributes(name, exp.attributes(), type, at);
        if (item instanceof Item.Type t && t.def() instanceof ResourceTypeDef r) {
            r.resource().nameIfAnonymous(name);
        }
        String hidden = visibility.check(s, type, false);
        if (hidden != null) {
            throw CompileErrors.invalid(at, hidden);
        }
        checkAnnotatedName(name, type, s, at, false);
        Item exported = named(s, item, type, name, false);
        recordResourceName(s, name, exported, false);
        addExtern(s, exported);
        return exported;
    }

    /**
     * Counts an import's or export's type into its scope's total, which must stay below the type size
     * limit (so the checks that walk each import and export type are bounded together).
     */
    private void countSize(Scope s, ExternType type, int at) {
        s.externSize += typeSizes.of(type);
        String tooLarge = TypeSizes.check(s.externSize);
        if (tooLarge != null) {
            throw CompileErrors.invalid(at, tooLarge + " (imports and exports together)");
        }
    }

    private static void checkAttributes(String name, NameAttributes attributes, ExternType type, int at) {
        String problem = NameAttributeRules.check(name, attributes, type);
        if (problem != null) {
            throw CompileErrors.invalid(at, problem);
        }
    }

    private static void checkName(String name, int at) {
        String problem = Names.checkExternName(name);
        if (problem != null) {
            throw CompileErrors.invalid(at, problem);
        }
    }

    /**
     * {@code [constructor]r}, {@code [method]r.f}, {@code [static]r.f}: functions of a resource
     * imported (for imports) or exported (for exports) as {@code r} before, in the same scope.
     */
    private static void checkAnnotatedName(String name, ExternType type, Scope s, int at, boolean isImport) {
        checkAnnotatedName(name, type, isImport ? s.importedResourceNames : s.exportedResourceNames, at);
    }

    /** {@code names}: the resources known by name where {@code name} is declared. */
    private static void checkAnnotatedName(String name, ExternType type, Map<String, ResourceType> names, int at) {
        String resource = Names.resourceOf(name);
        if (resource == null) {
            return;
        }
        if (!(type instanceof ExternType.Func f)) {
            throw CompileErrors.invalid(at, "`" + name + "` is not a func");
        }
        FuncType ft = f.type();
        ResourceType used;
        if (Names.isConstructor(name)) {
            WitType r = ft.result();
            if (r == null) {
                throw CompileErrors.invalid(at, "function should return one value");
            }
            if (r instanceof WitType.Own o) {
                used = o.resource();
            } else if (r instanceof WitType.ResultType rt && rt.ok() instanceof WitType.Own o) {
                used = o.resource();
            } else {
                throw CompileErrors.invalid(at, "function should return `(own $T)` or `(result (own $T))`");
            }
        } else if (Names.isMethod(name)) {
            if (ft.params().isEmpty() || !ft.params().get(0).name().equals("self")
                    || !(ft.params().get(0).type() instanceof WitType.Borrow b)) {
                throw CompileErrors.invalid(at, "method `" + name + "` must take `self: borrow<" + resource
                        + ">` as its first parameter");
            }
            used = b.resource();
        } else {
            if (!names.containsKey(resource)) {
                throw CompileErrors.invalid(at, "static resource name is not known in this context");
            }
            return;
        }
        String found = null;
        for (Map.Entry<String, ResourceType> e : names.entrySet()) {
            if (e.getValue().equals(used)) {
                found = e.getKey();
                if (found.equals(resource)) {
                    return;
                }
            }
        }
        if (found == null) {
            throw CompileErrors.invalid(at, "resource used in function does not have a name in this context");
        }
        throw CompileErrors.invalid(at, "function does not match expected resource name `" + found + "`");
    }

    private static void recordResourceName(Scope s, String name, Item item, boolean isImport) {
        if (item instanceof Item.Type t && t.def() instanceof ResourceTypeDef r) {
            (isImport ? s.importedResourceNames : s.exportedResourceNames).put(name, r.resource());
        }
    }

    private static void nameResources(ExternType t, String name) {
        if (t instanceof ExternType.Type tt && tt.def() instanceof ResourceTypeDef r) {
            r.resource().nameIfAnonymous(name);
        }
    }

    private static void addExtern(Scope s, Item item) {
        if (item instanceof Item.Func) {
            s.add(Sort.FUNC, item);
        } else if (item instanceof Item.Instance) {
            s.add(Sort.INSTANCE, item);
        } else if (item instanceof Item.Component) {
            s.add(Sort.COMPONENT, item);
        } else if (item instanceof Item.Type) {
            s.add(Sort.TYPE, item);
        } else if (item instanceof Item.CoreModule) {
            s.add(Sort.CORE_MODULE, item);
        } else {
            throw new IllegalStateException("not an extern item: " + item);
        }
    }

    /** An import of the root: functions are called on the host, instances expose host functions. */
    private Item hostItem(ExternType t, int importIndex, List<String> path) {
        if (t instanceof ExternType.Func f) {
            return new Item.Func(f.type(), new FuncRef.Imported(importIndex, path, f.type()));
        }
        if (t instanceof ExternType.Instance i) {
            Map<String, Item> exports = new LinkedHashMap<>();
            i.type().exports().forEach((n, et) -> {
                List<String> p = new ArrayList<>(path);
                p.add(n);
                nameResources(et, n);
                exports.put(n, hostItem(et, importIndex, p));
            });
            return new Item.Instance(exports);
        }
        return abstractItem(t);
    }

    /** A stand-in with a type but no run-time source (imports of a component only validated). */
    private Item abstractItem(ExternType t) {
        if (t instanceof ExternType.Func f) {
            return new Item.Func(f.type(), null);
        }
        if (t instanceof ExternType.Instance i) {
            Map<String, Item> exports = new LinkedHashMap<>();
            i.type().exports().forEach((n, et) -> exports.put(n, abstractItem(et)));
            return new Item.Instance(exports);
        }
        if (t instanceof ExternType.Component c) {
            return new Item.Component(c.type(), null, null);
        }
        if (t instanceof ExternType.Type ty) {
            return new Item.Type(ty.def());
        }
        return new Item.CoreModule(((ExternType.Module) t).type(), -1);
    }

    // ==================================================================== instances

    private Item coreInstance(Definition.CoreInstanceExpr expr, Scope s, PlanBuilder b, int self, int at) {
        if (expr instanceof Definition.CoreInlineExports inline) {
            Map<String, Item.Core> exports = new LinkedHashMap<>();
            for (Definition.CoreExport e : inline.exports()) {
                if (e.sort() != Sort.CORE_FUNC && e.sort() != Sort.CORE_TABLE && e.sort() != Sort.CORE_MEMORY
                        && e.sort() != Sort.CORE_GLOBAL && e.sort() != Sort.CORE_TAG) {
                    throw CompileErrors.invalid(at, "a core instance cannot export a " + e.sort().text());
                }
                if (exports.put(e.name(), (Item.Core) s.get(e.sort(), e.index(), at)) != null) {
                    throw CompileErrors.invalid(at, "export name `" + e.name() + "` already defined");
                }
            }
            return new Item.CoreInstance(exports);
        }
        Definition.CoreInstantiate inst = (Definition.CoreInstantiate) expr;
        Item.CoreModule module = (Item.CoreModule) s.get(Sort.CORE_MODULE, inst.moduleIndex(), at);
        Map<String, Item.CoreInstance> args = new LinkedHashMap<>();
        for (Definition.CoreArg arg : inst.args()) {
            Item.CoreInstance ci = (Item.CoreInstance) s.get(Sort.CORE_INSTANCE, arg.instanceIndex(), at);
            if (args.put(arg.name(), ci) != null) {
                throw CompileErrors.invalid(at, "duplicate module instantiation argument named `" + arg.name() + "`");
            }
        }
        List<Step.Binding> bindings = new ArrayList<>();
        for (ModuleType.Import imp : module.type().imports()) {
            Item.CoreInstance arg = args.get(imp.module());
            if (arg == null) {
                throw CompileErrors.invalid(at, "missing module instantiation argument named `" + imp.module() + "`");
            }
            Item.Core item = arg.exports().get(imp.name());
            if (item == null) {
                throw CompileErrors.invalid(at, "module instantiation argument `" + imp.module()
                        + "` does not export an item named `" + imp.name() + "`");
            }
            String problem = Subtyping.core(item.type(), imp.type());
            if (problem != null) {
                throw CompileErrors.invalid(at, "type mismatch for export `" + imp.name() + "` of module instantiation"
                        + " argument `" + imp.module() + "`: " + problem);
            }
            bindings.add(new Step.Binding(imp.module(), imp.name(), imp.type(), item.ref()));
        }
        if (module.module() < 0) {
            // an imported module of a component only validated: nothing runs
            Map<String, Item.Core> exports = new LinkedHashMap<>();
            module.type().exports().forEach((n, t) -> exports.put(n, new Item.Core(t, null)));
            return new Item.CoreInstance(exports);
        }
        int slot = b.instantiate(module.module(), bindings, self);
        Map<String, Item.Core> exports = new LinkedHashMap<>();
        module.type().exports().forEach((n, t) -> exports.put(n, new Item.Core(t, new CoreRef.Export(slot, n))));
        return new Item.CoreInstance(exports);
    }

    private Item instance(Definition.InstanceExpr expr, Scope s, PlanBuilder b, int at) {
        if (expr instanceof Definition.InlineExports inline) {
            Map<String, Item> exports = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            long size = 1;
            for (Definition.InlineExport e : inline.exports()) {
                checkName(e.name(), at);
                if (!seen.add(Names.canonical(e.name()))) {
                    throw CompileErrors.invalid(at, "instance export name `" + e.name() + "` conflicts with previous name");
                }
                Item item = argItem(e.sort(), e.index(), s, at);
                size += typeSizes.of(Item.externType(item));
                if (TypeSizes.check(size) != null) {
                    throw CompileErrors.invalid(at, TypeSizes.check(size) + " (the exports of this instance together)");
                }
                checkAttributes(e.name(), e.attributes(), Item.externType(item), at);
                // a bag of exports introduces no indices, so no resource has a name in it: a
                // `[constructor]r`/`[method]r.f`/`[static]r.f` export can never name its resource
                checkAnnotatedName(e.name(), Item.externType(item), Map.of(), at);
                exports.put(e.name(), item);
            }
            return new Item.Instance(exports);
        }
        Definition.Instantiate inst = (Definition.Instantiate) expr;
        Item.Component c = (Item.Component) s.get(Sort.COMPONENT, inst.componentIndex(), at);
        Map<String, Item> args = new LinkedHashMap<>();
        for (Definition.Arg a : inst.args()) {
            if (args.put(a.name(), argItem(a.sort(), a.index(), s, at)) != null) {
                throw CompileErrors.invalid(at, "instantiation argument `" + a.name() + "` conflicts with previous argument");
            }
        }
        if (c.ast() == null) {
            // an imported component: check the arguments against its type; its exports stay abstract,
            // typed with the arguments' resources for its resource imports and with resources of
            // their own for the resources it exports
            Subtyping.Match match = Subtyping.matchImports(argTypes(args), c.type());
            if (match.problem() != null) {
                throw CompileErrors.invalid(at, match.problem());
            }
            Map<String, Item> exports = new LinkedHashMap<>();
            Substitution.instantiate(c.type(), match.bindings(), visibility)
                    .forEach((n, t) -> exports.put(n, abstractItem(t)));
            return new Item.Instance(exports);
        }
        for (String name : c.type().imports().keySet()) {
            if (!args.containsKey(name)) {
                throw CompileErrors.invalid(at, "missing import named `" + name + "`");
            }
        }
        ComponentType own = validateDefinition(c.ast(), c.enclosing());
        if (c.type() == own) {
            return new Item.Instance(component(c.ast(), c.enclosing(), args, null, b).exports);
        }
        // a component seen through an ascribed type: the arguments must fit that type too (it may
        // import more), and only the exports it lists are visible
        String problem = Subtyping.matchImports(argTypes(args), c.type()).problem();
        if (problem != null) {
            throw CompileErrors.invalid(at, problem);
        }
        Map<String, Item> exports = new LinkedHashMap<>();
        component(c.ast(), c.enclosing(), args, null, b).exports.forEach((n, e) -> {
            if (c.type().exports().containsKey(n)) {
                exports.put(n, e);
            }
        });
        return new Item.Instance(exports);
    }

    private static Map<String, ExternType> argTypes(Map<String, Item> args) {
        Map<String, ExternType> types = new LinkedHashMap<>();
        args.forEach((n, item) -> types.put(n, Item.externType(item)));
        return types;
    }

    private static Item argItem(Sort sort, int index, Scope s, int at) {
        if (sort == Sort.VALUE) {
            throw CompileErrors.unsupported(at, "component values");
        }
        if (sort.isCore() && sort != Sort.CORE_MODULE) {
            throw CompileErrors.invalid(at, "a " + sort.text() + " cannot be passed to or exported from an instance");
        }
        return s.get(sort, index, at);
    }

    // ==================================================================== aliases

    private Item alias(Definition.AliasTarget target, Scope s, int at) {
        if (target instanceof Definition.ExportAlias ea) {
            if (ea.sort().isCore() && ea.sort() != Sort.CORE_MODULE) {
                throw CompileErrors.invalid(at, "an instance does not export a " + ea.sort().text());
            }
            Item.Instance inst = (Item.Instance) s.get(Sort.INSTANCE, ea.instanceIndex(), at);
            Item item = inst.exports().get(ea.name());
            if (item == null) {
                throw CompileErrors.invalid(at, "instance " + ea.instanceIndex() + " has no export named `" + ea.name() + "`");
            }
            requireSort(item, ea.sort(), ea.name(), at);
            return item;
        }
        if (target instanceof Definition.CoreExportAlias ca) {
            Item.CoreInstance inst = (Item.CoreInstance) s.get(Sort.CORE_INSTANCE, ca.coreInstanceIndex(), at);
            Item.Core item = inst.exports().get(ca.name());
            if (item == null) {
                throw CompileErrors.invalid(at, "core instance " + ca.coreInstanceIndex() + " has no export named `"
                        + ca.name() + "`");
            }
            requireSort(item, ca.sort(), ca.name(), at);
            return item;
        }
        Definition.OuterAlias oa = (Definition.OuterAlias) target;
        if (oa.sort() != Sort.TYPE && oa.sort() != Sort.CORE_TYPE && oa.sort() != Sort.CORE_MODULE
                && oa.sort() != Sort.COMPONENT) {
            throw CompileErrors.invalid(at, "outer aliases may only refer to types, core types, modules and components");
        }
        Scope target2 = s;
        boolean crossesComponent = false;
        for (int i = 0; i < oa.count(); i++) {
            if (target2.kind == Scope.Kind.COMPONENT) {
                crossesComponent = true;
            }
            target2 = target2.parent;
            if (target2 == null) {
                throw CompileErrors.invalid(at, "invalid outer alias count of " + oa.count());
            }
        }
        Item item = target2.get(oa.sort(), oa.index(), at);
        if (crossesComponent && oa.sort() == Sort.TYPE && item instanceof Item.Type t && refersToResource(t.def())) {
            throw CompileErrors.invalid(at, "cannot alias outer type which transitively refers to resources");
        }
        return item;
    }

    private static void requireSort(Item item, Sort sort, String name, int at) {
        boolean ok = switch (sort) {
            case FUNC -> item instanceof Item.Func;
            case INSTANCE -> item instanceof Item.Instance;
            case COMPONENT -> item instanceof Item.Component;
            case TYPE -> item instanceof Item.Type;
            case CORE_MODULE -> item instanceof Item.CoreModule;
            case CORE_FUNC -> item instanceof Item.Core c && c.type() instanceof CoreExtern.Func;
            case CORE_TABLE -> item instanceof Item.Core c && c.type() instanceof CoreExtern.Table;
            case CORE_MEMORY -> item instanceof Item.Core c && c.type() instanceof CoreExtern.Memory;
            case CORE_GLOBAL -> item instanceof Item.Core c && c.type() instanceof CoreExtern.Global;
            case CORE_TAG -> item instanceof Item.Core c && c.type() instanceof CoreExtern.Tag;
            default -> false;
        };
        if (!ok) {
            throw CompileErrors.invalid(at, "export `" + name + "` for the alias is not a " + sort.text());
        }
    }

    private static boolean refersToResource(TypeDef def) {
        if (def instanceof ResourceTypeDef) {
            return true;
        }
        if (def instanceof ValueTypeDef v) {
            return refersToResource(v.type());
        }
        if (def instanceof FuncType f) {
            return f.params().stream().anyMatch(p -> refersToResource(p.type()))
                    || (f.result() != null && refersToResource(f.result()));
        }
        if (def instanceof InstanceType i) {
            return i.exports().values().stream().anyMatch(ComponentCompiler::refersToResource);
        }
        if (def instanceof ComponentType c) {
            return c.imports().values().stream().anyMatch(ComponentCompiler::refersToResource)
                    || c.exports().values().stream().anyMatch(ComponentCompiler::refersToResource);
        }
        return false;
    }

    private static boolean refersToResource(ExternType t) {
        if (t instanceof ExternType.Func f) {
            return refersToResource(f.type());
        }
        if (t instanceof ExternType.Type ty) {
            return refersToResource(ty.def());
        }
        if (t instanceof ExternType.Instance i) {
            return refersToResource(i.type());
        }
        if (t instanceof ExternType.Component c) {
            return refersToResource(c.type());
        }
        return false;
    }

    private static boolean refersToResource(WitType t) {
        if (t instanceof WitType.Own || t instanceof WitType.Borrow) {
            return true;
        }
        if (t instanceof WitType.ListType l) {
            return refersToResource(l.element());
        }
        if (t instanceof WitType.FixedListType l) {
            return refersToResource(l.element());
        }
        if (t instanceof WitType.MapType m) {
            return refersToResource(m.key()) || refersToResource(m.value());
        }
        if (t instanceof WitType.OptionType o) {
            return refersToResource(o.type());
        }
        if (t instanceof WitType.ResultType r) {
            return (r.ok() != null && refersToResource(r.ok())) || (r.err() != null && refersToResource(r.err()));
        }
        if (t instanceof WitType.TupleType tu) {
            return tu.types().stream().anyMatch(ComponentCompiler::refersToResource);
        }
        if (t instanceof WitType.RecordType r) {
            return r.fields().stream().anyMatch(f -> refersToResource(f.type()));
        }
        if (t instanceof WitType.VariantType v) {
            return v.cases().stream().anyMatch(c -> c.type() != null && refersToResource(c.type()));
        }
        return false;
    }

    // ==================================================================== canonical definitions

    private void canon(Definition.CanonFunc func, Scope s, PlanBuilder b, int self, int at) {
        if (func instanceof Definition.Lift lift) {
            Item.Core core = (Item.Core) s.get(Sort.CORE_FUNC, lift.coreFuncIndex(), at);
            TypeDef td = ((Item.Type) s.get(Sort.TYPE, lift.typeIndex(), at)).def();
            if (!(td instanceof FuncType ft)) {
                throw CompileErrors.invalid(at, "type index " + lift.typeIndex() + " is not a function type");
            }
            CanonOptions opts = options(lift.options(), ft, true, s, at);
            CoreExtern.Func expected = CanonRules.lifted(ft);
            if (!expected.equals(core.type())) {
                throw CompileErrors.invalid(at, "lowered parameter types " + expected.params() + " and results "
                        + expected.results() + " of " + ft.describe() + " do not match the core function's "
                        + core.type().describe());
            }
            s.add(Sort.FUNC, new Item.Func(ft, core.ref() == null ? null
                    : new FuncRef.Lifted(core.ref(), opts, ft, self)));
            return;
        }
        if (func instanceof Definition.Lower lower) {
            Item.Func f = (Item.Func) s.get(Sort.FUNC, lower.funcIndex(), at);
            CanonOptions opts = options(lower.options(), f.type(), false, s, at);
            CoreExtern.Func type = CanonRules.lowered(f.type());
            CoreRef ref = null;
            if (f.ref() != null) {
                ref = new CoreRef.Lowered(b.lower(f.ref(), opts, f.type(), self));
            }
            s.add(Sort.CORE_FUNC, new Item.Core(type, ref));
            return;
        }
        Step.IntrinsicKind kind;
        int typeIndex;
        if (func instanceof Definition.ResourceNew rn) {
            kind = Step.IntrinsicKind.RESOURCE_NEW;
            typeIndex = rn.typeIndex();
        } else if (func instanceof Definition.ResourceDrop rd) {
            kind = Step.IntrinsicKind.RESOURCE_DROP;
            typeIndex = rd.typeIndex();
        } else {
            kind = Step.IntrinsicKind.RESOURCE_REP;
            typeIndex = ((Definition.ResourceRep) func).typeIndex();
        }
        TypeDef td = ((Item.Type) s.get(Sort.TYPE, typeIndex, at)).def();
        if (!(td instanceof ResourceTypeDef r)) {
            throw CompileErrors.invalid(at, "type index " + typeIndex + " is not a resource type");
        }
        if (kind != Step.IntrinsicKind.RESOURCE_DROP && !s.definedResources.contains(r.resource())) {
            throw CompileErrors.invalid(at, "resource " + r.resource().name() + " is not defined in the current component");
        }
        CoreExtern.Func type = switch (kind) {
            case RESOURCE_DROP -> new CoreExtern.Func(List.of(CoreTypes.ValType.I32), List.of());
            default -> new CoreExtern.Func(List.of(CoreTypes.ValType.I32), List.of(CoreTypes.ValType.I32));
        };
        s.add(Sort.CORE_FUNC, new Item.Core(type, new CoreRef.Intrinsic(b.intrinsic(kind, r.resource(), self))));
    }

    private CanonOptions options(Definition.CanonOptions o, FuncType ft, boolean lift, Scope s, int at) {
        CoreRef memory = null;
        CoreRef realloc = null;
        CoreRef postReturn = null;
        boolean needsMemory = CanonRules.needsMemory(ft, lift);
        boolean needsRealloc = CanonRules.needsRealloc(ft, lift);
        if (o.memory() >= 0) {
            Item.Core m = (Item.Core) s.get(Sort.CORE_MEMORY, o.memory(), at);
            if (m.type() instanceof CoreExtern.Memory mem && mem.limits().is64()) {
                throw CompileErrors.unsupported(at, "64-bit memories in canonical options");
            }
            memory = m.ref();
        } else if (needsMemory) {
            throw CompileErrors.invalid(at, "canonical option `memory` is required");
        }
        if (o.realloc() >= 0) {
            Item.Core r = (Item.Core) s.get(Sort.CORE_FUNC, o.realloc(), at);
            if (!CanonRules.REALLOC.equals(r.type())) {
                throw CompileErrors.invalid(at, "canonical option `realloc` uses a core function with an incorrect"
                        + " signature: " + r.type().describe());
            }
            realloc = r.ref();
        } else if (needsRealloc) {
            throw CompileErrors.invalid(at, "canonical option `realloc` is required");
        }
        if (o.postReturn() >= 0) {
            if (!lift) {
                throw CompileErrors.invalid(at, "canonical option `post-return` cannot be specified for lowerings");
            }
            Item.Core p = (Item.Core) s.get(Sort.CORE_FUNC, o.postReturn(), at);
            if (!CanonRules.postReturn(ft).equals(p.type())) {
                throw CompileErrors.invalid(at, "canonical option `post-return` uses a core function with an incorrect"
                        + " signature: " + p.type().describe());
            }
            postReturn = p.ref();
        }
        return new CanonOptions(o.encoding(), memory, realloc, postReturn);
    }

    // ==================================================================== types

    private Item coreType(CoreTypes.CoreType t, Scope s, int at) {
        if (t instanceof CoreTypes.FuncType f) {
            return new Item.CoreTypeItem(new CoreExtern.Func(f.params(), f.results()), null);
        }
        if (t instanceof CoreTypes.NonFinalFuncType nf) {
            return new Item.CoreTypeItem(new CoreExtern.Func(nf.func().params(), nf.func().results()), null, true);
        }
        CoreTypes.ModuleType mt = (CoreTypes.ModuleType) t;
        Scope ms = new Scope(s, Scope.Kind.MODULE_TYPE);
        List<ModuleType.Import> imports = new ArrayList<>();
        Map<String, CoreExtern> exports = new LinkedHashMap<>();
        Set<String> importKeys = new HashSet<>();
        for (CoreTypes.ModuleDecl d : mt.decls()) {
            int dat = d.offset();
            if (d instanceof CoreTypes.TypeDecl td) {
                if (td.type() instanceof CoreTypes.ModuleType) {
                    throw CompileErrors.invalid(dat, "a module type cannot contain module types");
                }
                ms.add(Sort.CORE_TYPE, coreType(td.type(), ms, dat));
            } else if (d instanceof CoreTypes.OuterTypeAlias oa) {
                Scope target = ms;
                for (int i = 0; i < oa.count(); i++) {
                    target = target.parent;
                    if (target == null) {
                        throw CompileErrors.invalid(dat, "invalid outer alias count of " + oa.count());
                    }
                }
                Item item = target.get(Sort.CORE_TYPE, oa.index(), dat);
                if (((Item.CoreTypeItem) item).module() != null) {
                    throw CompileErrors.invalid(dat, "a module type cannot alias a module type");
                }
                ms.add(Sort.CORE_TYPE, item);
            } else if (d instanceof CoreTypes.ImportDecl id) {
                if (!importKeys.add(id.module() + "\0" + id.name())) {
                    throw CompileErrors.invalid(dat, duplicateImport(id.module(), id.name()));
                }
                imports.add(new ModuleType.Import(id.module(), id.name(), coreExtern(id.type(), ms, dat)));
            } else {
                CoreTypes.ExportDecl ed = (CoreTypes.ExportDecl) d;
                if (exports.put(ed.name(), coreExtern(ed.type(), ms, dat)) != null) {
                    throw CompileErrors.invalid(dat, "duplicate export name `" + ed.name() + "`");
                }
            }
        }
        return new Item.CoreTypeItem(null, new ModuleType(imports, exports));
    }

    /**
     * Two imports with the same module and field name: core WebAssembly allows them, a component
     * does not (wasm-tools mangles each to one `module:name`, which would then clash).
     */
    private static String duplicateImport(String module, String name) {
        return "duplicate import name `" + module + ":" + name + "`";
    }

    private static CoreExtern coreExtern(CoreTypes.ExternType t, Scope s, int at) {
        if (t instanceof CoreTypes.Func f) {
            return coreFuncType(s, f.typeIndex(), at);
        }
        if (t instanceof CoreTypes.Table tt) {
            String problem = CoreLimits.checkTable(tt.limits());
            if (problem != null) {
                throw CompileErrors.invalid(at, "table type: " + problem);
            }
            return new CoreExtern.Table(tt.element(), tt.limits());
        }
        if (t instanceof CoreTypes.Memory m) {
            String problem = CoreLimits.checkMemory(m.limits());
            if (problem != null) {
                throw CompileErrors.invalid(at, "memory type: " + problem);
            }
            return new CoreExtern.Memory(m.limits());
        }
        if (t instanceof CoreTypes.Global g) {
            return new CoreExtern.Global(g.type(), g.mutable());
        }
        return new CoreExtern.Tag(coreFuncType(s, ((CoreTypes.Tag) t).typeIndex(), at));
    }

    private static CoreExtern.Func coreFuncType(Scope s, int index, int at) {
        Item.CoreTypeItem item = (Item.CoreTypeItem) s.get(Sort.CORE_TYPE, index, at);
        if (item.func() == null) {
            throw CompileErrors.invalid(at, "core type " + index + " is not a function type");
        }
        if (item.nonFinal()) {
            // no core module here has such types (Chicory has no GC), so nothing could match it
            throw CompileErrors.unsupported(at, "core type " + index + " is a non-final (GC) function type");
        }
        return item.func();
    }

    /** Resolves a type definition in scope {@code s}; resource definitions are only allowed in components. */
    private TypeDef defType(Types.DefType t, Scope s, PlanBuilder b, int self, int at) {
        TypeDef def = resolveDefType(t, s, b, self, at);
        int size = typeSizes.of(def);
        String tooLarge = TypeSizes.check(size);
        if (tooLarge == null && def instanceof ValueTypeDef v) {
            // after the type size check: the message may print the type
            tooLarge = elementSize.check(v.type(), size);
        }
        if (tooLarge != null) {
            throw CompileErrors.invalid(at, tooLarge);
        }
        return def;
    }

    private TypeDef resolveDefType(Types.DefType t, Scope s, PlanBuilder b, int self, int at) {
        if (t instanceof Types.ResourceType rt) {
            if (s.kind != Scope.Kind.COMPONENT) {
                throw CompileErrors.invalid(at, "resources can only be defined within a concrete component");
            }
            CoreRef dtor = null;
            if (rt.destructor() >= 0) {
                Item.Core d = (Item.Core) s.get(Sort.CORE_FUNC, rt.destructor(), at);
                CoreExtern.Func expected = new CoreExtern.Func(List.of(CoreTypes.ValType.I32), List.of());
                if (!expected.equals(d.type())) {
                    throw CompileErrors.invalid(at, "wrong signature for a destructor: " + d.type().describe());
                }
                dtor = d.ref();
            }
            ResourceType r = ResourceType.anonymous("resource" + s.size(Sort.TYPE));
            s.definedResources.add(r);
            b.defineResource(r, dtor, self);
            return new ResourceTypeDef(r);
        }
        if (t instanceof Types.FuncType ft) {
            List<FuncType.Param> params = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Types.Field p : ft.params()) {
                label(p.label(), "function parameter", at);
                if (!names.add(p.label().toLowerCase(java.util.Locale.ROOT))) {
                    throw CompileErrors.invalid(at, "function parameter name `" + p.label() + "` conflicts with previous parameter name");
                }
                params.add(new FuncType.Param(p.label(), valType(p.type(), s, at)));
            }
            WitType result = ft.result() == null ? null : valType(ft.result(), s, at);
            if (result != null && CanonRules.containsBorrow(result)) {
                throw CompileErrors.invalid(at, "function result cannot contain a `borrow` type");
            }
            return new FuncType(params, result);
        }
        if (t instanceof Types.ComponentType ct) {
            return componentType(ct.decls(), s, at);
        }
        if (t instanceof Types.InstanceType it) {
            return instanceType(it.decls(), s, at);
        }
        return new ValueTypeDef(defValType(t, s, at));
    }

    private WitType defValType(Types.DefType t, Scope s, int at) {
        if (t instanceof Types.Prim p) {
            return primitive(p.primitive());
        }
        if (t instanceof Types.Record r) {
            if (r.fields().isEmpty()) {
                throw CompileErrors.invalid(at, "record type must have at least one field");
            }
            List<WitType.Field> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Types.Field f : r.fields()) {
                label(f.label(), "record field", at);
                if (!names.add(f.label().toLowerCase(java.util.Locale.ROOT))) {
                    throw CompileErrors.invalid(at, "record field name `" + f.label() + "` conflicts with previous field name");
                }
                fields.add(new WitType.Field(f.label(), valType(f.type(), s, at)));
            }
            return new WitType.RecordType(fields);
        }
        if (t instanceof Types.Variant v) {
            if (v.cases().isEmpty()) {
                throw CompileErrors.invalid(at, "variant type must have at least one case");
            }
            if (v.cases().size() > (1L << 32) - 1) {
                throw CompileErrors.invalid(at, "variant type has too many cases");
            }
            List<WitType.Case> cases = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Types.Case c : v.cases()) {
                label(c.label(), "variant case", at);
                if (!names.add(c.label().toLowerCase(java.util.Locale.ROOT))) {
                    throw CompileErrors.invalid(at, "variant case name `" + c.label() + "` conflicts with previous case name");
                }
                cases.add(new WitType.Case(c.label(), c.type() == null ? null : valType(c.type(), s, at)));
            }
            return new WitType.VariantType(cases);
        }
        if (t instanceof Types.ListOf l) {
            return new WitType.ListType(valType(l.element(), s, at));
        }
        if (t instanceof Types.FixedList fl) {
            if (fl.length() == 0) {
                throw CompileErrors.invalid(at, "a fixed-length list must have more than zero elements");
            }
            WitType element = valType(fl.element(), s, at);
            if (fl.length() >= ElementSize.LIMIT) {
                // even of bytes, it would exceed the element size limit (and not fit a Java int)
                throw CompileErrors.invalid(at, "type list<" + element + ", " + fl.length() + "> exceeds maximum byte size"
                        + " (2^28 - 1 bytes)");
            }
            return new WitType.FixedListType(element, (int) fl.length());
        }
        if (t instanceof Types.MapOf m) {
            WitType key = valType(m.key(), s, at);
            if (!isMapKey(key)) {
                throw CompileErrors.invalid(at, "map key type must be a bool, an integer, char or string, not " + key);
            }
            return new WitType.MapType(key, valType(m.value(), s, at));
        }
        if (t instanceof Types.Tuple tu) {
            if (tu.types().isEmpty()) {
                throw CompileErrors.invalid(at, "tuple type must have at least one type");
            }
            List<WitType> types = new ArrayList<>();
            for (Types.ValType v : tu.types()) {
                types.add(valType(v, s, at));
            }
            return new WitType.TupleType(types);
        }
        if (t instanceof Types.Flags f) {
            if (f.labels().isEmpty()) {
                throw CompileErrors.invalid(at, "flags must have at least one entry");
            }
            if (f.labels().size() > 32) {
                throw CompileErrors.invalid(at, "cannot have more than 32 flags");
            }
            return new WitType.FlagsType(labels(f.labels(), "flag", at));
        }
        if (t instanceof Types.Enum e) {
            if (e.labels().isEmpty()) {
                throw CompileErrors.invalid(at, "enum type must have at least one variant");
            }
            return new WitType.EnumType(labels(e.labels(), "enum tag", at));
        }
        if (t instanceof Types.Option o) {
            return new WitType.OptionType(valType(o.type(), s, at));
        }
        if (t instanceof Types.Result r) {
            return new WitType.ResultType(r.ok() == null ? null : valType(r.ok(), s, at),
                    r.err() == null ? null : valType(r.err(), s, at));
        }
        if (t instanceof Types.Own o) {
            return new WitType.Own(resource(o.typeIndex(), s, at));
        }
        return new WitType.Borrow(resource(((Types.Borrow) t).typeIndex(), s, at));
    }

    /** The spec's {@code keytype}: the primitive types but the floats. */
    private static boolean isMapKey(WitType t) {
        return t instanceof WitType.Bool || t instanceof WitType.S8 || t instanceof WitType.U8 || t instanceof WitType.S16
                || t instanceof WitType.U16 || t instanceof WitType.S32 || t instanceof WitType.U32
                || t instanceof WitType.S64 || t instanceof WitType.U64 || t instanceof WitType.Char
                || t instanceof WitType.StringType;
    }

    private static List<String> labels(List<String> labels, String what, int at) {
        Set<String> names = new HashSet<>();
        for (String l : labels) {
            label(l, what, at);
            if (!names.add(l.toLowerCase(java.util.Locale.ROOT))) {
                throw CompileErrors.invalid(at, what + " name `" + l + "` conflicts with previous " + what + " name");
            }
        }
        return labels;
    }

    private static void label(String label, String what, int at) {
        if (!Names.isLabel(label)) {
            throw CompileErrors.invalid(at, what + " name `" + label + "` is not in kebab case");
        }
    }

    private static ResourceType resource(int index, Scope s, int at) {
        TypeDef def = ((Item.Type) s.get(Sort.TYPE, index, at)).def();
        if (!(def instanceof ResourceTypeDef r)) {
            throw CompileErrors.invalid(at, "type index " + index + " is not a resource type");
        }
        return r.resource();
    }

    private WitType valType(Types.ValType v, Scope s, int at) {
        if (v instanceof Types.Prim p) {
            return primitive(p.primitive());
        }
        int index = ((Types.Ref) v).typeIndex();
        TypeDef def = ((Item.Type) s.get(Sort.TYPE, index, at)).def();
        if (!(def instanceof ValueTypeDef vt)) {
            throw CompileErrors.invalid(at, "type index " + index + " is not a defined value type");
        }
        return vt.type();
    }

    static WitType primitive(Types.Primitive p) {
        return switch (p) {
            case BOOL -> WitType.BOOL;
            case S8 -> WitType.S8;
            case U8 -> WitType.U8;
            case S16 -> WitType.S16;
            case U16 -> WitType.U16;
            case S32 -> WitType.S32;
            case U32 -> WitType.U32;
            case S64 -> WitType.S64;
            case U64 -> WitType.U64;
            case F32 -> WitType.F32;
            case F64 -> WitType.F64;
            case CHAR -> WitType.CHAR;
            case STRING -> WitType.STRING;
        };
    }

    private ComponentType componentType(List<Types.Decl> decls, Scope parent, int at) {
        Scope s = new Scope(parent, Scope.Kind.COMPONENT_TYPE);
        Map<String, ExternType> imports = new LinkedHashMap<>();
        Map<String, ExternType> exports = new LinkedHashMap<>();
        for (Types.Decl d : decls) {
            declarator(d, s, imports, exports);
        }
        ComponentType ct = new ComponentType(imports, exports);
        visibility.declared(s, ct);
        return ct;
    }

    private InstanceType instanceType(List<Types.Decl> decls, Scope parent, int at) {
        Scope s = new Scope(parent, Scope.Kind.INSTANCE_TYPE);
        Map<String, ExternType> exports = new LinkedHashMap<>();
        for (Types.Decl d : decls) {
            declarator(d, s, null, exports);
        }
        InstanceType it = new InstanceType(exports);
        visibility.declared(s, it);
        return it;
    }

    private void declarator(Types.Decl d, Scope s, Map<String, ExternType> imports, Map<String, ExternType> exports) {
        int at = d.offset();
        if (d instanceof Types.CoreTypeDecl ct) {
            s.add(Sort.CORE_TYPE, coreType(ct.type(), s, at));
        } else if (d instanceof Types.TypeDecl td) {
            s.add(Sort.TYPE, new Item.Type(defType(td.type(), s, new PlanBuilder(), -1, at)));
        } else if (d instanceof Types.AliasDecl ad) {
            Definition.AliasTarget a = ad.alias();
            if (a instanceof Definition.CoreExportAlias) {
                throw CompileErrors.invalid(at, "core export aliases are not allowed in a type");
            }
            if (a instanceof Definition.ExportAlias ea && ea.sort() != Sort.TYPE && ea.sort() != Sort.INSTANCE) {
                throw CompileErrors.invalid(at, "export aliases in a type may only refer to types and instances");
            }
            if (a instanceof Definition.OuterAlias oa && oa.sort() != Sort.TYPE && oa.sort() != Sort.CORE_TYPE) {
                throw CompileErrors.invalid(at, "outer aliases in a type may only refer to types and core types");
            }
            s.add(a.sort(), alias(a, s, at));
        } else if (d instanceof Types.ImportDecl id) {
            checkName(id.name(), at);
            if (!s.importNames.add(Names.canonical(id.name()))) {
                throw CompileErrors.invalid(at, "import name `" + id.name() + "` conflicts with previous name");
            }
            ExternType t = externType(id.type(), s, at);
            countSize(s, t, at);
            checkAttributes(id.name(), id.attributes(), t, at);
            nameResources(t, id.name());
            // instance types are checked when an import or export uses them, component types at once
            String hidden = s.kind == Scope.Kind.COMPONENT_TYPE ? visibility.check(s, t, true) : null;
            if (hidden != null) {
                throw CompileErrors.invalid(at, hidden);
            }
            checkAnnotatedName(id.name(), t, s, at, true);
            Item item = declared(s, abstractItem(t), t, id.name(), true);
            recordResourceName(s, id.name(), item, true);
            imports.put(id.name(), Item.externType(item) instanceof ExternType.Type ty2 && t instanceof ExternType.Type ty
                    ? new ExternType.Type(ty2.def(), ty.subResource()) : t);
            addExtern(s, item);
        } else {
            Types.ExportDecl ed = (Types.ExportDecl) d;
            checkName(ed.name(), at);
            if (!s.exportNames.add(Names.canonical(ed.name()))) {
                throw CompileErrors.invalid(at, "export name `" + ed.name() + "` conflicts with previous name");
            }
            ExternType t = externType(ed.type(), s, at);
            countSize(s, t, at);
            checkAttributes(ed.name(), ed.attributes(), t, at);
            nameResources(t, ed.name());
            String hidden = s.kind == Scope.Kind.COMPONENT_TYPE ? visibility.check(s, t, false) : null;
            if (hidden != null) {
                throw CompileErrors.invalid(at, hidden);
            }
            checkAnnotatedName(ed.name(), t, s, at, false);
            Item item = declared(s, abstractItem(t), t, ed.name(), s.kind != Scope.Kind.COMPONENT_TYPE);
            recordResourceName(s, ed.name(), item, false);
            exports.put(ed.name(), Item.externType(item) instanceof ExternType.Type ty2 && t instanceof ExternType.Type ty
                    ? new ExternType.Type(ty2.def(), ty.subResource()) : t);
            addExtern(s, item);
        }
    }

    /** A name declared in a component or instance type: usable by the type's later imports and exports. */
    private Item declared(Scope s, Item item, ExternType t, String name, boolean usableByImports) {
        if (!(item instanceof Item.Type ty)) {
            return item;
        }
        if (t instanceof ExternType.Type et && et.subResource()) {
            ResourceType r = ((ResourceTypeDef) ty.def()).resource();
            visibility.add(s, r, usableByImports);
            return item;
        }
        return new Item.Type(visibility.name(s, ty.def(), name, usableByImports));
    }

    private ExternType externType(Types.ExternType t, Scope s, int at) {
        if (t instanceof Types.ModuleExtern m) {
            Item.CoreTypeItem item = (Item.CoreTypeItem) s.get(Sort.CORE_TYPE, m.coreTypeIndex(), at);
            if (item.module() == null) {
                throw CompileErrors.invalid(at, "core type index " + m.coreTypeIndex() + " is not a module type");
            }
            return new ExternType.Module(item.module());
        }
        if (t instanceof Types.TypeExtern te) {
            if (te.subResource()) {
                return new ExternType.Type(new ResourceTypeDef(ResourceType.anonymous("resource")), true);
            }
            return new ExternType.Type(((Item.Type) s.get(Sort.TYPE, te.equalTo(), at)).def(), false);
        }
        if (t instanceof Types.ValueExtern) {
            throw CompileErrors.unsupported(at, "component values");
        }
        int index;
        if (t instanceof Types.FuncExtern f) {
            index = f.typeIndex();
        } else if (t instanceof Types.ComponentExtern c) {
            index = c.typeIndex();
        } else {
            index = ((Types.InstanceExtern) t).typeIndex();
        }
        TypeDef def = ((Item.Type) s.get(Sort.TYPE, index, at)).def();
        if (t instanceof Types.FuncExtern) {
            if (!(def instanceof FuncType ft)) {
                throw CompileErrors.invalid(at, "type index " + index + " is not a function type");
            }
            return new ExternType.Func(ft);
        }
        if (t instanceof Types.ComponentExtern) {
            if (!(def instanceof ComponentType ct)) {
                throw CompileErrors.invalid(at, "type index " + index + " is not a component type");
            }
            return new ExternType.Component(ct);
        }
        if (!(def instanceof InstanceType it)) {
            throw CompileErrors.invalid(at, "type index " + index + " is not an instance type");
        }
        return new ExternType.Instance(it);
    }
}
