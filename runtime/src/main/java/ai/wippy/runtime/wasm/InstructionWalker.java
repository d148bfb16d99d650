package ai.wippy.runtime.wasm;

import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.WasmEncoding;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Walks the instructions of a function body or a constant expression exactly as the runtime's
 * parser (Chicory 1.7.5) will read them, with Chicory's own opcode table for the immediates, but
 * with every read bounded by the body. Along the way it prices the work Chicory's parser and
 * validator will do (label walks, operand stack traffic of calls and blocks) against the module's
 * {@link WorkBudget}, because some of that work is not proportional to the bytes: {@code br N}
 * walks N enclosing blocks, a call to a function with 1000 results pushes 1000 values.
 */
public final class InstructionWalker {

    /** Chicory's table of opcodes ends here; composite opcodes are {@code prefix << 8 | sub}. */
    private static final int OPCODE_TABLE_SIZE = 0xFF00;

    private final ModuleShape shape;
    private final WorkBudget budget;
    /** Label arities of the open blocks, innermost last (the validator's control frames). */
    private int[] labels = new int[64];
    private int depth;
    /** The integer immediates of the instruction being read (reused: no garbage per instruction). */
    private final LongList imm = new LongList();

    public InstructionWalker(ModuleShape shape, WorkBudget budget) {
        this.shape = shape;
        this.budget = budget;
    }

    /**
     * A function body's instructions, after its locals: they must end with the {@code end} that
     * closes the function, exactly at the end of the body.
     */
    public void body(ByteReader r, String function, int functionTypeIndex) {
        depth = 0;
        push(shape.results(functionTypeIndex));
        while (true) {
            if (!r.more()) {
                throw r.error(r.pos(), function + ": the body ends without the end of the function (0x0b)");
            }
            OpCode op = instruction(r, function);
            if (op == OpCode.END && depth == 0) {
                if (r.more()) {
                    throw r.error(r.pos(), function + ": " + r.remaining()
                            + " bytes after the end of the function, inside its body");
                }
                return;
            }
        }
    }

    /** A constant expression: Chicory reads instructions up to the first {@code end}. */
    public void constantExpression(ByteReader r, String what) {
        while (true) {
            if (!r.more()) {
                throw r.error(r.pos(), what + ": the expression runs past the end of " + r.region()
                        + " without an end (0x0b)");
            }
            OpCode op = decode(r, what);
            immediates(r, op, what);
            if (op == OpCode.END) {
                return;
            }
        }
    }

    /** Reads one instruction and prices it; returns its opcode. */
    private OpCode instruction(ByteReader r, String function) {
        int at = r.pos();
        OpCode op = decode(r, function);
        immediates(r, op, function);
        budget.spend(1, at, function);
        switch (op) {
            case BLOCK, LOOP, IF, TRY_TABLE -> {
                long type = imm.get(0);
                int params = blockParams(type);
                int results = blockResults(type);
                budget.spend(params + results, at, function);
                if (op == OpCode.TRY_TABLE) {
                    catches(at, function);
                }
                push(op == OpCode.LOOP ? params : results);
            }
            case END -> depth--;
            case BR, BR_IF, BR_ON_NULL, BR_ON_NON_NULL -> branch(imm.get(0), at, function);
            case BR_ON_CAST, BR_ON_CAST_FAIL -> branch(imm.get(1), at, function);
            case BR_TABLE -> {
                for (int i = 0; i < imm.size(); i++) {
                    branch(imm.get(i), at, function);
                }
            }
            case RETURN -> budget.spend(labels[0], at, function);
            case CALL, RETURN_CALL -> call(shape.functionType(imm.get(0)), at, function);
            case CALL_INDIRECT, RETURN_CALL_INDIRECT, CALL_REF, RETURN_CALL_REF -> call(imm.get(0), at, function);
            case THROW -> budget.spend(shape.tagParams(imm.get(0)), at, function);
            case STRUCT_NEW -> budget.spend(shape.fields(imm.get(0)), at, function);
            case ARRAY_NEW_FIXED -> budget.spend(imm.get(1), at, function);
            case SELECT_T -> budget.spend(imm.size(), at, function);
            default -> {
            }
        }
        return op;
    }

    private void call(long type, int at, String function) {
        budget.spend((long) shape.params(type) + shape.results(type), at, function);
    }

    /** Chicory resolves a label by walking up {@code label} blocks, then the validator moves its values. */
    private void branch(long label, int at, String function) {
        long walk = Math.min(label, depth);
        int arity = label < depth ? labels[depth - 1 - (int) label] : 0;
        budget.spend(walk + 2L * arity, at, function);
    }

    private void catches(int at, String function) {
        // imm = [blocktype, n, (kind, [tag,] label)*]
        int i = 2;
        for (long c = 0; c < imm.get(1); c++) {
            long kind = imm.get(i++);
            if (kind == 0 || kind == 1) {
                budget.spend(shape.tagParams(imm.get(i++)), at, function);
            }
            branch(imm.get(i++), at, function);
        }
    }

    private void push(int labelArity) {
        if (depth == labels.length) {
            labels = Arrays.copyOf(labels, depth * 2);
        }
        labels[depth++] = labelArity;
    }

    private static final long EMPTY_BLOCK = 0x40;

    private int blockParams(long type) {
        return isTypeIndex(type) ? shape.params(type) : 0;
    }

    private int blockResults(long type) {
        if (type == EMPTY_BLOCK) {
            return 0;
        }
        return isTypeIndex(type) ? shape.results(type) : 1;
    }

    private static boolean isTypeIndex(long blockType) {
        return blockType != EMPTY_BLOCK && !ValueTypes.isValueTypeCode(blockType);
    }

    /** The opcode, read as Chicory reads it: one byte, or a prefix byte 0xfb..0xfe and a u32. */
    private static OpCode decode(ByteReader r, String where) {
        int at = r.pos();
        int b = r.u8("an opcode");
        int code = b;
        if (b >= 0xfb && b < 0xff) {
            long sub = r.u32("an opcode");
            if (sub > 0xff) {
                throw r.error(at, where + ": illegal opcode 0x" + Integer.toHexString(b) + " " + sub);
            }
            code = (b << 8) | (int) sub;
        }
        OpCode op = code < OPCODE_TABLE_SIZE ? OpCode.byOpCode(code) : null;
        if (op == null) {
            throw r.error(at, where + ": illegal opcode " + (code > 0xff
                    ? String.format("0x%02x 0x%02x", code >> 8, code & 0xff) : String.format("0x%02x", code)));
        }
        return op;
    }

    /**
     * Reads the immediates of {@code op} following Chicory's encoding table, bounded by the reader,
     * into {@link #imm}: the integer immediates the walk needs (labels, indices, block types), in
     * order. A failure says which instruction it was in.
     */
    private void immediates(ByteReader r, OpCode op, String where) {
        imm.clear();
        List<WasmEncoding> signature = OpCode.signature(op);
        if (signature == null || signature.isEmpty()) {
            return;
        }
        try {
            for (WasmEncoding e : signature) {
                immediate(r, e);
            }
        } catch (MalformedBinaryException e) {
            throw new MalformedBinaryException(e.offset(), where + ": " + textName(op) + ": " + e.getMessage());
        }
    }

    /** Prefixes that the text format separates with a dot: {@code I32_LOAD8_S} is {@code i32.load8_s}. */
    private static final java.util.Set<String> NAMESPACES = java.util.Set.of("i32", "i64", "f32", "f64", "v128",
            "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2", "memory", "local", "global", "table", "ref",
            "struct", "array", "elem", "data", "any", "extern");

    /** The instruction's name in the text format, near enough for a message. */
    public static String textName(OpCode op) {
        String name = op.name().toLowerCase(Locale.ROOT);
        int underscore = name.indexOf('_');
        if (underscore > 0 && NAMESPACES.contains(name.substring(0, underscore))) {
            return name.substring(0, underscore) + "." + name.substring(underscore + 1);
        }
        return name;
    }

    private void immediate(ByteReader r, WasmEncoding e) {
        String what = "an immediate";
        switch (e) {
            case BYTE -> imm.add(r.u8(what));
            case VARUINT -> imm.add(r.u32(what));
            case VARSINT32 -> imm.add(r.signed(32, what));
            case VARSINT64 -> r.signed(64, what);
            case FLOAT32 -> r.skip(4, what);
            case FLOAT64 -> r.skip(8, what);
            case V128 -> r.skip(16, what);
            case VEC_VARUINT -> {
                long n = r.count("label", 1);
                for (long i = 0; i < n; i++) {
                    imm.add(r.u32(what));
                }
            }
            case VEC_CATCH -> {
                long n = r.count("catch clause", 2);
                imm.add(n);
                for (long i = 0; i < n; i++) {
                    int kindAt = r.pos();
                    int kind = r.u8(what);
                    if (kind > 3) {
                        throw r.error(kindAt, "unknown catch kind 0x" + Integer.toHexString(kind));
                    }
                    imm.add(kind);
                    if (kind <= 1) {
                        imm.add(r.u32(what));
                    }
                    imm.add(r.u32(what));
                }
            }
            case BLOCK_TYPE -> {
                long type = r.u32(what);
                if (type == ValueTypes.REF || type == ValueTypes.REF_NULL) {
                    r.signed(33, what);
                }
                imm.add(type);
            }
            case VEC_VALUE_TYPE -> {
                long n = r.count("value type", 1);
                for (long i = 0; i < n; i++) {
                    long type = r.u32(what);
                    if (type == ValueTypes.REF || type == ValueTypes.REF_NULL) {
                        r.signed(33, what);
                    }
                    imm.add(type);
                }
            }
            case MEMARG -> {
                long flags = r.u32(what);
                if ((flags >> 6) != 0) {
                    r.u32(what);
                }
                r.u32(what);
            }
            default -> throw r.error(r.pos(), "an immediate of kind " + e + " this check cannot read");
        }
    }

    /** A growable list of longs, cleared for each instruction. */
    private static final class LongList {
        private long[] values = new long[8];
        private int size;

        void clear() {
            size = 0;
        }

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }
}
