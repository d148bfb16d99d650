package ai.wippy.runtime.component.ast;

import java.util.List;

/** Core types as they appear inside components (core function types and module types). */
public final class CoreTypes {

    private CoreTypes() {
    }

    /** Core value types: numbers, v128 and the reference types of the reference-types proposal. */
    public enum ValType { I32, I64, F32, F64, V128, FUNCREF, EXTERNREF }

    public sealed interface CoreType permits FuncType, NonFinalFuncType, ModuleType {
    }

    /**
     * A function type declared open to subtyping (GC proposal: {@code (sub (func …))}, written
     * {@code 0x00 0x50 0x00 0x60 …} in a component). It is a type of its own, unequal to the plain
     * (final) function type of the same signature.
     */
    public record NonFinalFuncType(FuncType func) implements CoreType {
    }

    public record FuncType(List<ValType> params, List<ValType> results) implements CoreType {
        public FuncType {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }
    }

    public record ModuleType(List<ModuleDecl> decls) implements CoreType {
        public ModuleType {
            decls = List.copyOf(decls);
        }
    }

    /** A declarator of a module type; {@code offset} is where it starts, for messages. */
    public sealed interface ModuleDecl permits ImportDecl, TypeDecl, OuterTypeAlias, ExportDecl {
        int offset();
    }

    public record ImportDecl(String module, String name, ExternType type, int offset) implements ModuleDecl {
    }

    public record TypeDecl(CoreType type, int offset) implements ModuleDecl {
    }

    public record OuterTypeAlias(int count, int index, int offset) implements ModuleDecl {
    }

    public record ExportDecl(String name, ExternType type, int offset) implements ModuleDecl {
    }

    /** {@code min}/{@code max} in pages or elements; {@code max} is -1 when absent. */
    public record Limits(long min, long max, boolean shared, boolean is64) {
    }

    public sealed interface ExternType permits Func, Table, Memory, Global, Tag {
    }

    public record Func(int typeIndex) implements ExternType {
    }

    public record Table(ValType element, Limits limits) implements ExternType {
    }

    public record Memory(Limits limits) implements ExternType {
    }

    public record Global(ValType type, boolean mutable) implements ExternType {
    }

    public record Tag(int typeIndex) implements ExternType {
    }
}
