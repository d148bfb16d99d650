package ai.wippy.runtime.component.binary;

import ai.wippy.runtime.component.ast.ComponentAst;
import ai.wippy.runtime.component.ast.CoreTypes;
import ai.wippy.runtime.component.ast.Definition;
import ai.wippy.runtime.component.ast.NameAttributes;
import ai.wippy.runtime.component.ast.Sort;
import ai.wippy.runtime.component.ast.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the Component Model binary format (Binary.md) into a {@link ComponentAst}: every section
 * of the 0.2 subset, nested components and core modules, types, aliases, canonical definitions,
 * imports and exports. Decoding checks the format only; {@code validate} checks the rules. Features
 * of later versions (async, values, start, error-context, …) fail with {@code UNSUPPORTED}, the rest
 * of what does not parse with {@code MALFORMED}; both name the byte offset.
 *
 * <p>Hostile input is bounded: vector lengths are checked against the bytes left before anything is
 * allocated, and nesting (components in components, types in types) is limited to
 * {@link #MAX_NESTING} levels, so no input can exhaust the heap or the stack.
 */
public final class ComponentDecoder {

    /** Components and component/instance types nested deeper than this are refused. */
    public static final int MAX_NESTING = 100;

    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};

    private int depth;

    private ComponentDecoder() {
    }

    /** Decodes a whole binary, which must be a component. */
    public static ComponentAst decode(byte[] bytes) {
        return new ComponentDecoder().component(new BinaryReader(bytes, 0, bytes.length));
    }

    /** Whether the bytes start with a component preamble (as opposed to a core module's). */
    public static boolean isComponent(byte[] bytes) {
        return bytes.length >= 8 && Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)
                && bytes[4] == 0x0d && bytes[5] == 0x00 && bytes[6] == 0x01 && bytes[7] == 0x00;
    }

    private ComponentAst component(BinaryReader r) {
        int start = r.position();
        if (r.remaining() < 8) {
            throw r.malformed("unexpected end: not a component (preamble is 8 bytes)");
        }
        for (byte m : MAGIC) {
            if (r.u8() != (m & 0xFF)) {
                throw r.malformedAt(start, "magic header not detected");
            }
        }
        int version = r.u8() | r.u8() << 8;
        int layer = r.u8() | r.u8() << 8;
        if (layer != 1) {
            throw r.malformedAt(start + 6, layer == 0 ? "a core module where a component was expected"
                    : "unknown binary layer " + layer);
        }
        if (version != 0x0d) {
            // the format has one version so far (0xd, pre-standard): any other is malformed, not a
            // feature to skip
            throw r.malformedAt(start + 4, "unknown binary version 0x" + Integer.toHexString(version)
                    + " (the component binary format is version 0xd)");
        }
        if (++depth > MAX_NESTING) {
            throw r.malformedAt(start, "components nested more than " + MAX_NESTING + " deep");
        }
        List<Definition> defs = new ArrayList<>();
        while (!r.atEnd()) {
            int at = r.position();
            int id = r.u8();
            int size = r.index();
            BinaryReader s = r.sub(size);
            section(id, at, s, defs);
        }
        depth--;
        return new ComponentAst(defs, start);
    }

    private void section(int id, int at, BinaryReader s, List<Definition> defs) {
        switch (id) {
            case 0 -> {
                int nameAt = s.position();
                String name = s.name();
                defs.add(new Definition.Custom(name, Arrays.copyOfRange(s.bytes(), s.position(),
                        s.position() + s.remaining()), nameAt));
                s.skip(s.remaining());
            }
            case 1 -> {
                int start = s.position();
                byte[] module = Arrays.copyOfRange(s.bytes(), start, start + s.remaining());
                if (module.length < 8 || !Arrays.equals(module, 0, 4, MAGIC, 0, 4)) {
                    throw s.malformedAt(start, "core module section does not hold a core module");
                }
                if (module[6] != 0 || module[7] != 0) {
                    throw s.malformedAt(start, "core module section holds a component");
                }
                defs.add(new Definition.CoreModule(module, start));
                s.skip(s.remaining());
            }
            case 2 -> {
                int n = s.count(2);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    defs.add(new Definition.CoreInstance(coreInstance(s), o));
                }
            }
            case 3 -> {
                int n = s.count(1);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    defs.add(new Definition.CoreType(coreType(s, true), o));
                }
            }
            case 4 -> {
                int start = s.position();
                defs.add(new Definition.Component(component(s), start));
            }
            case 5 -> {
                int n = s.count(2);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    defs.add(new Definition.Instance(instance(s), o));
                }
            }
            case 6 -> {
                int n = s.count(3);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    defs.add(new Definition.Alias(alias(s), o));
                }
            }
            case 7 -> {
                int n = s.count(1);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    defs.add(new Definition.Type(defType(s), o));
                }
            }
            case 8 -> {
                int n = s.count(1);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    defs.add(new Definition.Canon(canon(s), o));
                }
            }
            case 9 -> throw s.unsupportedAt(at, "start section (component values, not part of WASI 0.2)");
            case 10 -> {
                int n = s.count(2);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    Named name = externName(s);
                    defs.add(new Definition.Import(name.name(), name.attributes(), externType(s), o));
                }
            }
            case 11 -> {
                int n = s.count(3);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    Named name = externName(s);
                    Sort sort = sort(s);
                    int index = s.index();
                    Types.ExternType ascribed = optional(s) ? externType(s) : null;
                    defs.add(new Definition.Export(name.name(), name.attributes(), sort, index, ascribed, o));
                }
            }
            case 12 -> throw s.unsupportedAt(at, "value section (component values, not part of WASI 0.2)");
            default -> throw s.malformedAt(at, "unknown section id " + id);
        }
        s.expectEnd("section " + id);
    }

    // ------------------------------------------------------------------ instances and aliases

    private Definition.CoreInstanceExpr coreInstance(BinaryReader s) {
        int at = s.position();
        int tag = s.u8();
        if (tag == 0x00) {
            int module = s.index();
            int n = s.count(2);
            List<Definition.CoreArg> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = s.name();
                int argAt = s.position();
                if (s.u8() != 0x12) {
                    throw s.malformedAt(argAt, "core instantiate argument must be an instance (0x12)");
                }
                args.add(new Definition.CoreArg(name, s.index()));
            }
            return new Definition.CoreInstantiate(module, args);
        }
        if (tag == 0x01) {
            int n = s.count(3);
            List<Definition.CoreExport> exports = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = s.name();
                Sort sort = coreSort(s);
                exports.add(new Definition.CoreExport(name, sort, s.index()));
            }
            return new Definition.CoreInlineExports(exports);
        }
        throw s.malformedAt(at, "unknown core instance expression 0x" + Integer.toHexString(tag));
    }

    private Definition.InstanceExpr instance(BinaryReader s) {
        int at = s.position();
        int tag = s.u8();
        if (tag == 0x00) {
            int component = s.index();
            int n = s.count(3);
            List<Definition.Arg> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = s.name();
                Sort sort = sort(s);
                args.add(new Definition.Arg(name, sort, s.index()));
            }
            return new Definition.Instantiate(component, args);
        }
        if (tag == 0x01) {
            int n = s.count(3);
            List<Definition.InlineExport> exports = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Named name = externName(s);
                Sort sort = sort(s);
                exports.add(new Definition.InlineExport(name.name(), name.attributes(), sort, s.index()));
            }
            return new Definition.InlineExports(exports);
        }
        throw s.malformedAt(at, "unknown instance expression 0x" + Integer.toHexString(tag));
    }

    private Definition.AliasTarget alias(BinaryReader s) {
        Sort sort = sort(s);
        int at = s.position();
        int tag = s.u8();
        return switch (tag) {
            case 0x00 -> {
                int instance = s.index();
                yield new Definition.ExportAlias(sort, instance, s.name());
            }
            case 0x01 -> {
                int instance = s.index();
                yield new Definition.CoreExportAlias(sort, instance, s.name());
            }
            case 0x02 -> {
                int count = s.index();
                yield new Definition.OuterAlias(sort, count, s.index());
            }
            default -> throw s.malformedAt(at, "unknown alias target 0x" + Integer.toHexString(tag));
        };
    }

    private Sort sort(BinaryReader s) {
        int at = s.position();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> coreSort(s);
            case 0x01 -> Sort.FUNC;
            case 0x02 -> Sort.VALUE;
            case 0x03 -> Sort.TYPE;
            case 0x04 -> Sort.COMPONENT;
            case 0x05 -> Sort.INSTANCE;
            default -> throw s.malformedAt(at, "unknown sort 0x" + Integer.toHexString(b));
        };
    }

    private Sort coreSort(BinaryReader s) {
        int at = s.position();
        int b = s.u8();
        return switch (b) {
            case 0x00 -> Sort.CORE_FUNC;
            case 0x01 -> Sort.CORE_TABLE;
            case 0x02 -> Sort.CORE_MEMORY;
            case 0x03 -> Sort.CORE_GLOBAL;
            case 0x04 -> Sort.CORE_TAG;
            case 0x10 -> Sort.CORE_TYPE;
            case 0x11 -> Sort.CORE_MODULE;
            case 0x12 -> Sort.CORE_INSTANCE;
            default -> throw s.malformedAt(at, "unknown core sort 0x" + Integer.toHexString(b));
        };
    }

    private record Named(String name, NameAttributes attributes) {
    }

    /**
     * {@code nameattributes}: 0x00 and 0x01 are the same (older tools wrote 0x01); 0x02 adds a vector
     * of attributes, each kind at most once: 0x00 implements, 0x01 versionsuffix, 0x02 external-id.
     */
    private Named externName(BinaryReader s) {
        int at = s.position();
        int tag = s.u8();
        if (tag == 0x00 || tag == 0x01) {
            return new Named(s.name(), NameAttributes.NONE);
        }
        if (tag != 0x02) {
            throw s.malformedAt(at, "unknown name encoding 0x" + Integer.toHexString(tag));
        }
        String name = s.name();
        String[] values = new String[3];
        int n = s.count(2);
        for (int i = 0; i < n; i++) {
            int attrAt = s.position();
            int kind = s.u8();
            if (kind > 0x02) {
                throw s.malformedAt(attrAt, "unknown name attribute 0x" + Integer.toHexString(kind)
                        + " (0x00 implements, 0x01 versionsuffix, 0x02 external-id)");
            }
            String value = s.name();
            if (values[kind] != null) {
                throw invalid(attrAt, "duplicate '" + ATTRIBUTE_NAMES[kind] + "' attribute in the name `" + name + "`");
            }
            values[kind] = value;
        }
        return new Named(name, new NameAttributes(values[0], values[1], values[2]));
    }

    private static final String[] ATTRIBUTE_NAMES = {"implements", "versionsuffix", "external-id"};

    private boolean optional(BinaryReader s) {
        int at = s.position();
        int b = s.u8();
        if (b > 1) {
            throw s.malformedAt(at, "expected 0x00 or 0x01 for an optional immediate, got 0x" + Integer.toHexString(b));
        }
        return b == 1;
    }

    // ------------------------------------------------------------------ component types

    private Types.DefType defType(BinaryReader s) {
        int at = s.position();
        int b = s.peek();
        switch (b) {
            case 0x40 -> {
                s.u8();
                return funcType(s);
            }
            case 0x43 -> throw s.unsupportedAt(at, "async function type (WASI 0.3)");
            case 0x41 -> {
                s.u8();
                return new Types.ComponentType(decls(s, true));
            }
            case 0x42 -> {
                s.u8();
                return new Types.InstanceType(decls(s, false));
            }
            case 0x3f -> {
                s.u8();
                int repAt = s.position();
                CoreTypes.ValType rep = coreValType(s);
                if (rep != CoreTypes.ValType.I32) {
                    throw s.malformedAt(repAt, "resource representation must be i32");
                }
                int dtor = optional(s) ? s.index() : -1;
                return new Types.ResourceType(rep, dtor);
            }
            default -> {
                return defValType(s);
            }
        }
    }

    private Types.FuncType funcType(BinaryReader s) {
        int n = s.count(2);
        List<Types.Field> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String label = s.name();
            params.add(new Types.Field(label, valType(s)));
        }
        int at = s.position();
        int tag = s.u8();
        Types.ValType result;
        if (tag == 0x00) {
            result = valType(s);
        } else if (tag == 0x01) {
            int count = s.index();
            if (count != 0) {
                throw s.malformedAt(at, "named function results are not part of the component model any more");
            }
            result = null;
        } else {
            throw s.malformedAt(at, "invalid function result encoding 0x" + Integer.toHexString(tag));
        }
        return new Types.FuncType(params, result);
    }

    private List<Types.Decl> decls(BinaryReader s, boolean componentType) {
        int at = s.position();
        if (++depth > MAX_NESTING) {
            throw s.malformedAt(at, "types nested more than " + MAX_NESTING + " deep");
        }
        int n = s.count(2);
        List<Types.Decl> decls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int o = s.position();
            int tag = s.u8();
            decls.add(switch (tag) {
                case 0x00 -> new Types.CoreTypeDecl(coreType(s, true), o);
                case 0x01 -> new Types.TypeDecl(defType(s), o);
                case 0x02 -> new Types.AliasDecl(alias(s), o);
                case 0x03 -> {
                    if (!componentType) {
                        throw s.malformedAt(o, "an instance type cannot declare imports");
                    }
                    Named name = externName(s);
                    yield new Types.ImportDecl(name.name(), name.attributes(), externType(s), o);
                }
                case 0x04 -> {
                    Named name = externName(s);
                    yield new Types.ExportDecl(name.name(), name.attributes(), externType(s), o);
                }
                default -> throw s.malformedAt(o, "unknown declarator 0x" + Integer.toHexString(tag));
            });
        }
        depth--;
        return decls;
    }

    private Types.ExternType externType(BinaryReader s) {
        int at = s.position();
        int tag = s.u8();
        return switch (tag) {
            case 0x00 -> {
                int sortAt = s.position();
                if (s.u8() != 0x11) {
                    throw s.malformedAt(sortAt, "a core extern type must be a module (0x11)");
                }
                yield new Types.ModuleExtern(s.index());
            }
            case 0x01 -> new Types.FuncExtern(s.index());
            case 0x02 -> throw s.unsupportedAt(at, "value imports and exports (component values)");
            case 0x03 -> {
                int boundAt = s.position();
                int bound = s.u8();
                if (bound == 0x00) {
                    yield new Types.TypeExtern(s.index());
                }
                if (bound == 0x01) {
                    yield new Types.TypeExtern(-1);
                }
                throw s.malformedAt(boundAt, "unknown type bound 0x" + Integer.toHexString(bound));
            }
            case 0x04 -> new Types.ComponentExtern(s.index());
            case 0x05 -> new Types.InstanceExtern(s.index());
            default -> throw s.malformedAt(at, "unknown extern type 0x" + Integer.toHexString(tag));
        };
    }

    private Types.DefType defValType(BinaryReader s) {
        int at = s.position();
        int b = s.u8();
        Types.Primitive prim = primitive(b);
        if (prim != null) {
            return new Types.Prim(prim);
        }
        return switch (b) {
            case 0x72 -> {
                int n = s.count(2);
                List<Types.Field> fields = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String label = s.name();
                    fields.add(new Types.Field(label, valType(s)));
                }
                yield new Types.Record(fields);
            }
            case 0x71 -> {
                int n = s.count(3);
                List<Types.Case> cases = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String label = s.name();
                    Types.ValType payload = optional(s) ? valType(s) : null;
                    int refinesAt = s.position();
                    if (s.u8() != 0x00) {
                        throw s.malformedAt(refinesAt, "variant case refinements are not part of the component model");
                    }
                    cases.add(new Types.Case(label, payload));
                }
                yield new Types.Variant(cases);
            }
            case 0x70 -> new Types.ListOf(valType(s));
            case 0x67 -> {
                Types.ValType element = valType(s);
                yield new Types.FixedList(element, s.u32());
            }
            case 0x6f -> {
                int n = s.count(1);
                List<Types.ValType> types = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    types.add(valType(s));
                }
                yield new Types.Tuple(types);
            }
            case 0x6e -> new Types.Flags(labels(s));
            case 0x6d -> new Types.Enum(labels(s));
            case 0x6b -> new Types.Option(valType(s));
            case 0x6a -> {
                Types.ValType ok = optional(s) ? valType(s) : null;
                Types.ValType err = optional(s) ? valType(s) : null;
                yield new Types.Result(ok, err);
            }
            case 0x69 -> new Types.Own(s.index());
            case 0x68 -> new Types.Borrow(s.index());
            case 0x66, 0x65 -> throw s.unsupportedAt(at, (b == 0x66 ? "stream" : "future") + " types (WASI 0.3 async)");
            case 0x64 -> throw s.unsupportedAt(at, "error-context type");
            case 0x63 -> {
                Types.ValType key = valType(s);
                yield new Types.MapOf(key, valType(s));
            }
            default -> throw s.malformedAt(at, "unknown type 0x" + Integer.toHexString(b));
        };
    }

    private List<String> labels(BinaryReader s) {
        int n = s.count(1);
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(s.name());
        }
        return labels;
    }

    private Types.ValType valType(BinaryReader s) {
        int at = s.position();
        long v = s.s33();
        if (v >= 0) {
            if (v > Integer.MAX_VALUE) {
                throw s.malformedAt(at, "type index " + v + " out of range");
            }
            return new Types.Ref((int) v);
        }
        int opcode = (int) (v & 0x7F);
        if (v < -64) {
            throw s.malformedAt(at, "invalid value type");
        }
        Types.Primitive prim = primitive(opcode);
        if (prim != null) {
            return new Types.Prim(prim);
        }
        if (opcode == 0x64) {
            throw s.unsupportedAt(at, "error-context type");
        }
        throw s.malformedAt(at, "invalid value type 0x" + Integer.toHexString(opcode)
                + " (only primitive types may be used inline)");
    }

    private static Types.Primitive primitive(int opcode) {
        return switch (opcode) {
            case 0x7f -> Types.Primitive.BOOL;
            case 0x7e -> Types.Primitive.S8;
            case 0x7d -> Types.Primitive.U8;
            case 0x7c -> Types.Primitive.S16;
            case 0x7b -> Types.Primitive.U16;
            case 0x7a -> Types.Primitive.S32;
            case 0x79 -> Types.Primitive.U32;
            case 0x78 -> Types.Primitive.S64;
            case 0x77 -> Types.Primitive.U64;
            case 0x76 -> Types.Primitive.F32;
            case 0x75 -> Types.Primitive.F64;
            case 0x74 -> Types.Primitive.CHAR;
            case 0x73 -> Types.Primitive.STRING;
            default -> null;
        };
    }

    // ------------------------------------------------------------------ core types

    private CoreTypes.CoreType coreType(BinaryReader s, boolean allowModule) {
        int at = s.position();
        int b = s.u8();
        switch (b) {
            case 0x60 -> {
                return coreFuncType(s);
            }
            case 0x50 -> {
                if (!allowModule) {
                    throw s.malformedAt(at, "a module type cannot be declared here");
                }
                if (++depth > MAX_NESTING) {
                    throw s.malformedAt(at, "types nested more than " + MAX_NESTING + " deep");
                }
                int n = s.count(2);
                List<CoreTypes.ModuleDecl> decls = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int o = s.position();
                    int tag = s.u8();
                    decls.add(switch (tag) {
                        case 0x00 -> {
                            String module = s.name();
                            String name = s.name();
                            yield new CoreTypes.ImportDecl(module, name, coreExternType(s), o);
                        }
                        case 0x01 -> new CoreTypes.TypeDecl(coreType(s, false), o);
                        case 0x02 -> {
                            int sortAt = s.position();
                            if (s.u8() != 0x10 || s.u8() != 0x01) {
                                throw s.malformedAt(sortAt, "a module type may only alias outer core types");
                            }
                            int count = s.index();
                            yield new CoreTypes.OuterTypeAlias(count, s.index(), o);
                        }
                        case 0x03 -> {
                            String name = s.name();
                            yield new CoreTypes.ExportDecl(name, coreExternType(s), o);
                        }
                        default -> throw s.malformedAt(o, "unknown module type declarator 0x" + Integer.toHexString(tag));
                    });
                }
                depth--;
                return new CoreTypes.ModuleType(decls);
            }
            case 0x4f -> {
                return subType(s, at, true);
            }
            case 0x00 -> {
                // the prefix that tells a non-final GC subtype (0x50) from a module type here
                int subAt = s.position();
                if (s.u8() != 0x50) {
                    throw s.malformedAt(subAt, "expected 0x50 (a non-final subtype) after 0x00 in a core type");
                }
                return subType(s, at, false);
            }
            case 0x4e -> throw s.unsupportedAt(at, "GC recursive type groups");
            case 0x5e, 0x5f -> throw s.unsupportedAt(at, "GC struct and array types");
            default -> throw s.malformedAt(at, "unknown core type 0x" + Integer.toHexString(b));
        }
    }

    /**
     * {@code (sub final? x* comptype)} of the GC proposal: read for function types without declared
     * supertypes (a final one is just the function type); GC subtyping, structs and arrays are not
     * supported.
     */
    private CoreTypes.CoreType subType(BinaryReader s, int at, boolean isFinal) {
        int supertypes = s.count(1);
        if (supertypes > 0) {
            throw s.unsupportedAt(at, "GC subtyping (a core type with declared supertypes)");
        }
        int compAt = s.position();
        int comp = s.u8();
        if (comp == 0x5e || comp == 0x5f) {
            throw s.unsupportedAt(compAt, "GC struct and array types");
        }
        if (comp != 0x60) {
            throw s.malformedAt(compAt, "unknown composite type 0x" + Integer.toHexString(comp));
        }
        CoreTypes.FuncType func = coreFuncType(s);
        return isFinal ? func : new CoreTypes.NonFinalFuncType(func);
    }

    private CoreTypes.FuncType coreFuncType(BinaryReader s) {
        int n = s.count(1);
        List<CoreTypes.ValType> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            params.add(coreValType(s));
        }
        int m = s.count(1);
        List<CoreTypes.ValType> results = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            results.add(coreValType(s));
        }
        return new CoreTypes.FuncType(params, results);
    }

    private CoreTypes.ValType coreValType(BinaryReader s) {
        int at = s.position();
        int b = s.u8();
        return switch (b) {
            case 0x7f -> CoreTypes.ValType.I32;
            case 0x7e -> CoreTypes.ValType.I64;
            case 0x7d -> CoreTypes.ValType.F32;
            case 0x7c -> CoreTypes.ValType.F64;
            case 0x7b -> CoreTypes.ValType.V128;
            case 0x70 -> CoreTypes.ValType.FUNCREF;
            case 0x6f -> CoreTypes.ValType.EXTERNREF;
            case 0x63, 0x64, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x71, 0x72, 0x73, 0x74 ->
                    throw s.unsupportedAt(at, "GC reference types");
            default -> throw s.malformedAt(at, "invalid core value type 0x" + Integer.toHexString(b));
        };
    }

    private CoreTypes.ExternType coreExternType(BinaryReader s) {
        int at = s.position();
        int tag = s.u8();
        return switch (tag) {
            case 0x00 -> new CoreTypes.Func(s.index());
            case 0x01 -> {
                int refAt = s.position();
                CoreTypes.ValType element = coreValType(s);
                if (element != CoreTypes.ValType.FUNCREF && element != CoreTypes.ValType.EXTERNREF) {
                    throw s.malformedAt(refAt, "a table holds references");
                }
                yield new CoreTypes.Table(element, limits(s, false));
            }
            case 0x02 -> new CoreTypes.Memory(limits(s, true));
            case 0x03 -> {
                CoreTypes.ValType type = coreValType(s);
                int mutAt = s.position();
                int mut = s.u8();
                if (mut > 1) {
                    throw s.malformedAt(mutAt, "invalid global mutability");
                }
                yield new CoreTypes.Global(type, mut == 1);
            }
            case 0x04 -> {
                int attrAt = s.position();
                if (s.u8() != 0x00) {
                    throw s.malformedAt(attrAt, "invalid tag attribute");
                }
                yield new CoreTypes.Tag(s.index());
            }
            default -> throw s.malformedAt(at, "unknown core extern type 0x" + Integer.toHexString(tag));
        };
    }

    private CoreTypes.Limits limits(BinaryReader s, boolean memory) {
        int at = s.position();
        int flags = s.u8();
        boolean hasMax = (flags & 0x01) != 0;
        boolean shared = (flags & 0x02) != 0;
        boolean is64 = (flags & 0x04) != 0;
        if ((flags & ~0x07) != 0 || (shared && !memory)) {
            throw s.malformedAt(at, "invalid limits flags 0x" + Integer.toHexString(flags));
        }
        long min = is64 ? u64(s) : s.u32();
        long max = hasMax ? (is64 ? u64(s) : s.u32()) : -1;
        if (hasMax && max == -1 && memory) {
            // 2^64-1 pages is no valid memory maximum, but -1 means "none": keep it out of range
            max = Long.MAX_VALUE;
        }
        return new CoreTypes.Limits(min, max, shared, is64);
    }

    private static long u64(BinaryReader s) {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = s.u8();
            if (shift == 63 && (b & 0x7e) != 0) {
                throw s.malformed("integer too large");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            if (shift >= 63) {
                throw s.malformed("integer representation too long");
            }
        }
    }

    // ------------------------------------------------------------------ canonical definitions

    private Definition.CanonFunc canon(BinaryReader s) {
        int at = s.position();
        int tag = s.u8();
        switch (tag) {
            case 0x00 -> {
                expectFuncSort(s);
                int core = s.index();
                Definition.CanonOptions opts = options(s);
                return new Definition.Lift(core, opts, s.index());
            }
            case 0x01 -> {
                expectFuncSort(s);
                int func = s.index();
                return new Definition.Lower(func, options(s));
            }
            case 0x02 -> {
                return new Definition.ResourceNew(s.index());
            }
            case 0x03 -> {
                return new Definition.ResourceDrop(s.index());
            }
            case 0x04 -> {
                return new Definition.ResourceRep(s.index());
            }
            default -> {
                if (tag <= 0x2d || (tag >= 0x40 && tag <= 0x42)) {
                    throw s.unsupportedAt(at, "canonical built-in 0x" + Integer.toHexString(tag)
                            + " (async, streams, futures, threads or error-context: not part of WASI 0.2)");
                }
                throw s.malformedAt(at, "unknown canonical definition 0x" + Integer.toHexString(tag));
            }
        }
    }

    private static void expectFuncSort(BinaryReader s) {
        int at = s.position();
        if (s.u8() != 0x00) {
            throw s.malformedAt(at, "expected the func sort (0x00)");
        }
    }

    private Definition.CanonOptions options(BinaryReader s) {
        int n = s.count(1);
        Definition.StringEncoding encoding = null;
        int memory = -1;
        int realloc = -1;
        int postReturn = -1;
        for (int i = 0; i < n; i++) {
            int at = s.position();
            int tag = s.u8();
            switch (tag) {
                case 0x00, 0x01, 0x02 -> {
                    if (encoding != null) {
                        throw invalid(at, "canonical option `string-encoding` is specified more than once");
                    }
                    encoding = Definition.StringEncoding.values()[tag];
                }
                case 0x03 -> {
                    if (memory >= 0) {
                        throw invalid(at, "canonical option `memory` is specified more than once");
                    }
                    memory = s.index();
                }
                case 0x04 -> {
                    if (realloc >= 0) {
                        throw invalid(at, "canonical option `realloc` is specified more than once");
                    }
                    realloc = s.index();
                }
                case 0x05 -> {
                    if (postReturn >= 0) {
                        throw invalid(at, "canonical option `post-return` is specified more than once");
                    }
                    postReturn = s.index();
                }
                case 0x06 -> throw s.unsupportedAt(at, "the async canonical option (WASI 0.3)");
                case 0x07 -> throw s.unsupportedAt(at, "the callback canonical option (WASI 0.3)");
                default -> throw s.malformedAt(at, "unknown canonical option 0x" + Integer.toHexString(tag));
            }
        }
        return new Definition.CanonOptions(encoding == null ? Definition.StringEncoding.UTF8 : encoding, memory,
                realloc, postReturn);
    }

    private static ComponentFormatException invalid(int at, String message) {
        return new ComponentFormatException(ComponentFormatException.Kind.INVALID, at, message);
    }
}
