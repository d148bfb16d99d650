package ai.wippy.runtime.component.ast;

import java.util.List;

/** Component-level type definitions as decoded (indices unresolved). */
public final class Types {

    private Types() {
    }

    public enum Primitive {
        BOOL("bool"), S8("s8"), U8("u8"), S16("s16"), U16("u16"), S32("s32"), U32("u32"), S64("s64"), U64("u64"),
        F32("f32"), F64("f64"), CHAR("char"), STRING("string");

        private final String text;

        Primitive(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A {@code valtype}: a primitive, or the index of a defined value type. */
    public sealed interface ValType permits Prim, Ref {
    }

    public record Prim(Primitive primitive) implements ValType, DefType {
    }

    public record Ref(int typeIndex) implements ValType {
    }

    /** A {@code deftype}: what one entry of the type index space is defined as. */
    public sealed interface DefType permits Prim, Record, Variant, ListOf, FixedList, MapOf, Tuple, Flags, Enum, Option,
            Result, Own, Borrow, FuncType, ComponentType, InstanceType, ResourceType {
    }

    public record Field(String label, ValType type) {
    }

    public record Record(List<Field> fields) implements DefType {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** One case; {@code type} is null for a case without payload. */
    public record Case(String label, ValType type) {
    }

    public record Variant(List<Case> cases) implements DefType {
        public Variant {
            cases = List.copyOf(cases);
        }
    }

    public record ListOf(ValType element) implements DefType {
    }

    /** {@code (list t len)}: {@code length} is the u32 as decoded (validation wants it ≥ 1). */
    public record FixedList(ValType element, long length) implements DefType {
    }

    public record MapOf(ValType key, ValType value) implements DefType {
    }

    public record Tuple(List<ValType> types) implements DefType {
        public Tuple {
            types = List.copyOf(types);
        }
    }

    public record Flags(List<String> labels) implements DefType {
        public Flags {
            labels = List.copyOf(labels);
        }
    }

    public record Enum(List<String> labels) implements DefType {
        public Enum {
            labels = List.copyOf(labels);
        }
    }

    public record Option(ValType type) implements DefType {
    }

    /** Either side may be null. */
    public record Result(ValType ok, ValType err) implements DefType {
    }

    public record Own(int typeIndex) implements DefType {
    }

    public record Borrow(int typeIndex) implements DefType {
    }

    /** {@code result} is null for a function without result. */
    public record FuncType(List<Field> params, ValType result) implements DefType {
        public FuncType {
            params = List.copyOf(params);
        }
    }

    public record ComponentType(List<Decl> decls) implements DefType {
        public ComponentType {
            decls = List.copyOf(decls);
        }
    }

    public record InstanceType(List<Decl> decls) implements DefType {
        public InstanceType {
            decls = List.copyOf(decls);
        }
    }

    /** {@code destructor} is a core function index, or -1. */
    public record ResourceType(CoreTypes.ValType representation, int destructor) implements DefType {
    }

    /** A declarator inside a component or instance type. */
    public sealed interface Decl permits CoreTypeDecl, TypeDecl, AliasDecl, ImportDecl, ExportDecl {
        int offset();
    }

    public record CoreTypeDecl(CoreTypes.CoreType type, int offset) implements Decl {
    }

    public record TypeDecl(DefType type, int offset) implements Decl {
    }

    public record AliasDecl(Definition.AliasTarget alias, int offset) implements Decl {
    }

    public record ImportDecl(String name, NameAttributes attributes, ExternType type, int offset) implements Decl {
    }

    public record ExportDecl(String name, NameAttributes attributes, ExternType type, int offset) implements Decl {
    }

    /** The type of an import or export. */
    public sealed interface ExternType permits ModuleExtern, FuncExtern, ValueExtern, TypeExtern, ComponentExtern,
            InstanceExtern {
    }

    public record ModuleExtern(int coreTypeIndex) implements ExternType {
    }

    public record FuncExtern(int typeIndex) implements ExternType {
    }

    public record ValueExtern() implements ExternType {
    }

    /** {@code (type (eq i))} when {@code equalTo} ≥ 0, else {@code (type (sub resource))}. */
    public record TypeExtern(int equalTo) implements ExternType {
        public boolean subResource() {
            return equalTo < 0;
        }
    }

    public record ComponentExtern(int typeIndex) implements ExternType {
    }

    public record InstanceExtern(int typeIndex) implements ExternType {
    }
}
