package ai.wippy.runtime.component.ast;

import java.util.List;

/**
 * One definition of a component, in binary order; each appends to an index space (custom sections
 * excepted). {@code offset} is where it starts in the binary, for messages.
 */
public sealed interface Definition {

    int offset();

    /** A nested core module, kept as bytes (Chicory parses and validates it). */
    record CoreModule(byte[] bytes, int offset) implements Definition {
    }

    record CoreInstance(CoreInstanceExpr expr, int offset) implements Definition {
    }

    record CoreType(CoreTypes.CoreType type, int offset) implements Definition {
    }

    record Component(ComponentAst component, int offset) implements Definition {
    }

    record Instance(InstanceExpr expr, int offset) implements Definition {
    }

    record Alias(AliasTarget target, int offset) implements Definition {
    }

    record Type(Types.DefType type, int offset) implements Definition {
    }

    record Canon(CanonFunc func, int offset) implements Definition {
    }

    record Import(String name, NameAttributes attributes, Types.ExternType type, int offset) implements Definition {
    }

    /** {@code ascribed} is the optional type ascription, or null. */
    record Export(String name, NameAttributes attributes, Sort sort, int index, Types.ExternType ascribed, int offset)
            implements Definition {
    }

    record Custom(String name, byte[] content, int offset) implements Definition {
    }

    // ---------------------------------------------------------------- instance expressions

    sealed interface CoreInstanceExpr permits CoreInstantiate, CoreInlineExports {
    }

    /** {@code args}: each names a core instance that supplies one import module. */
    record CoreInstantiate(int moduleIndex, List<CoreArg> args) implements CoreInstanceExpr {
        public CoreInstantiate {
            args = List.copyOf(args);
        }
    }

    record CoreArg(String name, int instanceIndex) {
    }

    record CoreInlineExports(List<CoreExport> exports) implements CoreInstanceExpr {
        public CoreInlineExports {
            exports = List.copyOf(exports);
        }
    }

    record CoreExport(String name, Sort sort, int index) {
    }

    sealed interface InstanceExpr permits Instantiate, InlineExports {
    }

    record Instantiate(int componentIndex, List<Arg> args) implements InstanceExpr {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    record Arg(String name, Sort sort, int index) {
    }

    record InlineExports(List<InlineExport> exports) implements InstanceExpr {
        public InlineExports {
            exports = List.copyOf(exports);
        }
    }

    /** One export of a bag of exports: unlike an instantiation argument, its name may carry attributes. */
    record InlineExport(String name, NameAttributes attributes, Sort sort, int index) {
    }

    // ---------------------------------------------------------------- aliases

    sealed interface AliasTarget permits ExportAlias, CoreExportAlias, OuterAlias {
        Sort sort();
    }

    record ExportAlias(Sort sort, int instanceIndex, String name) implements AliasTarget {
    }

    record CoreExportAlias(Sort sort, int coreInstanceIndex, String name) implements AliasTarget {
    }

    record OuterAlias(Sort sort, int count, int index) implements AliasTarget {
    }

    // ---------------------------------------------------------------- canonical functions

    sealed interface CanonFunc permits Lift, Lower, ResourceNew, ResourceDrop, ResourceRep {
    }

    record Lift(int coreFuncIndex, CanonOptions options, int typeIndex) implements CanonFunc {
    }

    record Lower(int funcIndex, CanonOptions options) implements CanonFunc {
    }

    record ResourceNew(int typeIndex) implements CanonFunc {
    }

    record ResourceDrop(int typeIndex) implements CanonFunc {
    }

    record ResourceRep(int typeIndex) implements CanonFunc {
    }

    enum StringEncoding { UTF8, UTF16, LATIN1_UTF16 }

    /** Canon options; absent indices are -1, an absent encoding is UTF-8. */
    record CanonOptions(StringEncoding encoding, int memory, int realloc, int postReturn) {
        public static final CanonOptions NONE = new CanonOptions(StringEncoding.UTF8, -1, -1, -1);
    }
}
