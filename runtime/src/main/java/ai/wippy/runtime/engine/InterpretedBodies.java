package ai.wippy.runtime.engine;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The function bodies Chicory's interpreter runs inside compiled code (functions too large for a
 * JVM method), kept with the compiled code in the form Chicory's parser gives them: instructions
 * with their operands (the validator's type hints included), nesting depth, resolved branch targets
 * and block scopes. Chicory's parser needs 0.4–0.7 s of a cold JVM to decode the 8 such bodies of an
 * 11 MB componentize-js module (330,000 instructions); rebuilding them from this form takes a tenth of
 * that. Bodies this form does not cover (exception handling, reference-typed locals) are left out,
 * and are decoded from the module.
 *
 * <p>The form: a count, then per body its defined-function index, its locals and its instructions,
 * all as LEB128 numbers (signed ones zigzag-encoded).
 */
final class InterpretedBodies {

    private static final ValType[] SIMPLE_TYPES = {ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128,
        ValType.FuncRef, ValType.ExternRef};

    private InterpretedBodies() {
    }

    /** The bodies of the defined functions {@code functions} that this form covers. */
    static byte[] encode(FunctionBody[] bodies, int[] functions) {
        Writer w = new Writer();
        List<Integer> covered = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            if (covers(bodies[i])) {
                covered.add(i);
            }
        }
        w.u(covered.size());
        for (int i : covered) {
            w.u(functions[i]);
            body(w, bodies[i]);
        }
        return w.bytes();
    }

    /** Whether every local has a plain type and no instruction handles exceptions. */
    private static boolean covers(FunctionBody body) {
        for (ValType t : body.localTypes()) {
            if (simpleIndex(t) < 0) {
                return false;
            }
        }
        for (AnnotatedInstruction ins : body.instructions()) {
            if (ins.catches() != null || ins.opcode() == OpCode.TRY_TABLE) {
                return false;
            }
        }
        return true;
    }

    private static int simpleIndex(ValType t) {
        for (int i = 0; i < SIMPLE_TYPES.length; i++) {
            if (SIMPLE_TYPES[i].equals(t)) {
                return i;
            }
        }
        return -1;
    }

    private static void body(Writer w, FunctionBody body) {
        w.u(body.localTypes().size());
        for (ValType t : body.localTypes()) {
            w.u(simpleIndex(t));
        }
        List<AnnotatedInstruction> instructions = body.instructions();
        Map<Integer, Integer> indexAt = new HashMap<>(instructions.size() * 2);
        for (int i = 0; i < instructions.size(); i++) {
            indexAt.putIfAbsent(instructions.get(i).address(), i);
        }
        w.u(instructions.size());
        for (int i = 0; i < instructions.size(); i++) {
            AnnotatedInstruction ins = instructions.get(i);
            w.u(ins.address());
            w.u(ins.opcode().opcode());
            w.u(ins.operands().length);
            for (long operand : ins.operands()) {
                w.s(operand);
            }
            w.s(ins.depth());
            w.s(ins.labelTrue());
            w.s(ins.labelFalse());
            w.u(ins.labelTable().size());
            for (Integer label : ins.labelTable()) {
                w.s(label == null ? -1 : label); // labels are instruction indices: -1 is none
            }
            // a block's scope is itself, an end's the block it closes: both by address, which is unique
            w.s(ins.scope() == null ? -1 : indexAt.get(ins.scope().address()));
        }
    }

    /** Defined-function index to body, for the bodies in {@code encoded}. */
    static Map<Integer, FunctionBody> decode(byte[] encoded) {
        Reader r = new Reader(encoded);
        int n = r.count(2);
        Map<Integer, FunctionBody> out = new HashMap<>();
        for (int b = 0; b < n; b++) {
            int function = r.count();
            out.put(function, body(r));
        }
        if (r.pos != encoded.length) {
            throw new IllegalArgumentException("interpreted bodies: bytes after the last body");
        }
        return out;
    }

    private static FunctionBody body(Reader r) {
        ValType[] locals = new ValType[r.count(1)];
        for (int i = 0; i < locals.length; i++) {
            int t = r.count();
            if (t >= SIMPLE_TYPES.length) {
                throw new IllegalArgumentException("interpreted bodies: unknown local type " + t);
            }
            locals[i] = SIMPLE_TYPES[t];
        }
        int n = r.count(8); // address, opcode, operand count, depth, 2 labels, table size, scope: a byte each at least
        Instruction[] base = new Instruction[n];
        AnnotatedInstruction.Builder[] builders = new AnnotatedInstruction.Builder[n];
        int[] scopes = new int[n];
        for (int i = 0; i < n; i++) {
            int address = r.count();
            OpCode op = OpCode.byOpCode(r.count());
            if (op == null) {
                throw new IllegalArgumentException("interpreted bodies: unknown opcode");
            }
            long[] operands = new long[r.count(1)];
            for (int k = 0; k < operands.length; k++) {
                operands[k] = r.s();
            }
            base[i] = new Instruction(address, op, operands.length == 0 ? Instruction.EMPTY_OPERANDS : operands);
            AnnotatedInstruction.Builder b = AnnotatedInstruction.builder().from(base[i]).withDepth((int) r.s());
            int labelTrue = (int) r.s();
            int labelFalse = (int) r.s();
            if (labelTrue != AnnotatedInstruction.UNDEFINED_LABEL) {
                b.withLabelTrue(labelTrue);
            }
            if (labelFalse != AnnotatedInstruction.UNDEFINED_LABEL) {
                b.withLabelFalse(labelFalse);
            }
            int tableSize = r.count(1);
            if (op == OpCode.BR_TABLE) {
                Integer[] table = new Integer[tableSize];
                for (int k = 0; k < tableSize; k++) {
                    long label = r.s();
                    table[k] = label < 0 ? null : (int) label;
                }
                b.withLabelTable(Arrays.asList(table));
            } else if (tableSize != 0) {
                throw new IllegalArgumentException("interpreted bodies: a label table on " + op);
            }
            scopes[i] = (int) r.s();
            builders[i] = b;
        }
        List<AnnotatedInstruction> instructions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (scopes[i] >= 0) {
                if (scopes[i] >= n) {
                    throw new IllegalArgumentException("interpreted bodies: scope out of range");
                }
                builders[i].withScope(base[scopes[i]]);
            }
            instructions.add(builders[i].build());
        }
        return new FunctionBody(List.of(locals), instructions);
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void u(long v) {
            ai.wippy.runtime.wasm.Leb128.writeUnsigned(out, v);
        }

        void s(long v) {
            u((v << 1) ^ (v >> 63));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long u() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= bytes.length) {
                    throw new IllegalArgumentException("interpreted bodies: truncated");
                }
                int b = bytes[pos++];
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("interpreted bodies: number too long");
        }

        /** A number or index: a non-negative int. */
        int count() {
            long v = u();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("interpreted bodies: bad number");
            }
            return (int) v;
        }

        /** A count of items of at least {@code minBytes} each: no more than the bytes left can hold. */
        int count(int minBytes) {
            int n = count();
            if ((long) n * minBytes > bytes.length - pos) {
                throw new IllegalArgumentException("interpreted bodies: a count exceeds the bytes left");
            }
            return n;
        }

        long s() {
            long v = u();
            return (v >>> 1) ^ -(v & 1);
        }
    }
}
