package ai.wippy.runtime.wasm;

import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.WasmEncoding;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Rewrites a core module with a new type section and its type indices renumbered by a map: in the
 * import section (function and tag types), the function and tag sections, and the code (block types
 * of {@code block}/{@code loop}/{@code if}/{@code try_table}, the type immediate of
 * {@code call_indirect}/{@code return_call_indirect}). Every other byte is copied as it is, so the
 * module means what it meant as long as each old index maps to a type of the same structure.
 *
 * <p>Modules that use typed references (a value type {@code (ref $t)}, {@code ref.null $t},
 * {@code call_ref}) or GC instructions have type indices in places this does not renumber: they are
 * refused ({@link #rewrite} returns null), as is anything it cannot read. It walks instructions with
 * the runtime's own opcode table (Chicory 1.7.5), bounded by the module's bytes.
 */
final class TypeIndexRewriter {

    /** The module uses what this does not renumber, or is not readable: leave it alone. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why, null, false, false);
        }
    }

    private static final int EMPTY_BLOCK = 0x40;
    private static final int OPCODE_TABLE_SIZE = 0xFF00;

    private final byte[] src;
    private final int[] map;

    private TypeIndexRewriter(byte[] src, int[] map) {
        this.src = src;
        this.map = map;
    }

    /**
     * {@code module} with {@code typeSection} (a type section's content) instead of its own, its type
     * indices renumbered by {@code map} (old index to new; null: unchanged, only the section is
     * replaced); null when the module cannot be rewritten.
     */
    static byte[] rewrite(byte[] module, byte[] typeSection, int[] map) {
        try {
            return new TypeIndexRewriter(module, map).module(typeSection);
        } catch (Refused | MalformedBinaryException e) {
            return null;
        }
    }

    private byte[] module(byte[] typeSection) {
        ByteReader r = new ByteReader(src, 0, src.length, "the module");
        Out out = new Out(src.length + typeSection.length + 16);
        r.skip(8, "the header");
        out.copy(src, 0, 8);
        boolean wroteTypes = false;
        while (r.more()) {
            int id = r.u8("a section id");
            int sizeAt = r.pos();
            long size = r.u32("a section size");
            ByteReader s = r.sub(size, sizeAt, "section", "a section");
            if (!wroteTypes && id != 0 && id != 1) {
                // a module without types gets the section where it belongs: first of all
                out.section(1, typeSection);
                wroteTypes = true;
            }
            if (id == 1) {
                out.section(1, typeSection);
                wroteTypes = true;
            } else if (map == null || !renumbers(id)) {
                out.u8(id).u32(size).copy(src, s.pos(), s.end());
            } else {
                Out payload = new Out((int) size + 16);
                switch (id) {
                    case 2 -> imports(s, payload);
                    case 3 -> functions(s, payload);
                    case 4 -> tables(s, payload);
                    case 6 -> globals(s, payload);
                    case 9 -> elements(s, payload);
                    case 10 -> code(s, payload);
                    case 13 -> tags(s, payload);
                    default -> throw new IllegalStateException("section " + id);
                }
                if (s.more()) {
                    throw new Refused("bytes over at the end of section " + id);
                }
                out.section(id, payload.bytes());
            }
        }
        if (!wroteTypes) {
            out.section(1, typeSection);
        }
        return out.bytes();
    }

    /** Sections that hold type indices, or value types that could be typed references. */
    private static boolean renumbers(int id) {
        return id == 2 || id == 3 || id == 4 || id == 6 || id == 9 || id == 10 || id == 13;
    }

    private int mapped(long index) {
        if (index < 0 || index >= map.length) {
            throw new Refused("type index " + index + " out of range");
        }
        return map[(int) index];
    }

    // ------------------------------------------------------------------ sections

    private void imports(ByteReader s, Out o) {
        long n = s.count("import", 4);
        o.u32(n);
        for (long i = 0; i < n; i++) {
            int start = s.pos();
            s.name("a module name");
            s.name("a field name");
            int kind = s.u8("an import kind");
            o.copy(src, start, s.pos());
            switch (kind) {
                case 0 -> o.u32(mapped(s.u32("a function type")));
                case 1 -> {
                    valueType(s, o);
                    limits(s, o);
                }
                case 2 -> limits(s, o);
                case 3 -> {
                    valueType(s, o);
                    o.u8(s.u8("a mutability"));
                }
                case 4 -> {
                    o.u8(s.u8("a tag attribute"));
                    o.u32(mapped(s.u32("a tag type")));
                }
                default -> throw new Refused("import kind " + kind);
            }
        }
    }

    private void functions(ByteReader s, Out o) {
        long n = s.count("function", 1);
        o.u32(n);
        for (long i = 0; i < n; i++) {
            o.u32(mapped(s.u32("a function type")));
        }
    }

    private void tags(ByteReader s, Out o) {
        long n = s.count("tag", 2);
        o.u32(n);
        for (long i = 0; i < n; i++) {
            o.u8(s.u8("a tag attribute"));
            o.u32(mapped(s.u32("a tag type")));
        }
    }

    private void tables(ByteReader s, Out o) {
        long n = s.count("table", 2);
        o.u32(n);
        for (long i = 0; i < n; i++) {
            int at = s.pos();
            long first = s.u32("a table type");
            if (first == 0x40) {
                o.u8(0x40).u8(s.u8("a table type"));
                valueType(s, o);
                limits(s, o);
                instructions(s, o, true);
            } else {
                valueTypeRest(s, o, first, at);
                limits(s, o);
            }
        }
    }

    private void globals(ByteReader s, Out o) {
        long n = s.count("global", 3);
        o.u32(n);
        for (long i = 0; i < n; i++) {
            valueType(s, o);
            o.u8(s.u8("a mutability"));
            instructions(s, o, true);
        }
    }

    private void elements(ByteReader s, Out o) {
        long n = s.count("element segment", 1);
        o.u32(n);
        for (long i = 0; i < n; i++) {
            long flags = s.u32("element segment flags");
            if (flags > 7) {
                throw new Refused("element segment flags " + flags);
            }
            o.u32(flags);
            boolean active = (flags & 1) == 0;
            boolean explicitTable = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            if (active && explicitTable) {
                o.u32(s.u32("a table index"));
            }
            if (active) {
                instructions(s, o, true);
            }
            if (!active || explicitTable) {
                if (expressions) {
                    valueType(s, o);
                } else {
                    o.u8(s.u8("an element kind"));
                }
            }
            long count = s.count("element", 1);
            o.u32(count);
            for (long k = 0; k < count; k++) {
                if (expressions) {
                    instructions(s, o, true);
                } else {
                    o.u32(s.u32("a function index"));
                }
            }
        }
    }

    private void code(ByteReader s, Out o) {
        long n = s.count("function body", 2);
        o.u32(n);
        for (long i = 0; i < n; i++) {
            int sizeAt = s.pos();
            long size = s.u32("a body size");
            ByteReader body = s.sub(size, sizeAt, "body", "a function body");
            Out b = new Out((int) size + 8);
            long groups = body.count("local declaration", 2);
            b.u32(groups);
            for (long g = 0; g < groups; g++) {
                b.u32(body.u32("a local count"));
                valueType(body, b);
            }
            instructions(body, b, false);
            o.u32(b.size()).copy(b);
        }
    }

    // ------------------------------------------------------------------ types and limits

    /** A value type: numbers, vectors and abstract references only (a typed reference is refused). */
    private void valueType(ByteReader s, Out o) {
        int at = s.pos();
        valueTypeRest(s, o, s.u32("a value type"), at);
    }

    /** The rest of a value type whose code (at {@code at}) was read. */
    private void valueTypeRest(ByteReader s, Out o, long code, int at) {
        if (code == ValueTypes.REF || code == ValueTypes.REF_NULL) {
            long heap = s.signed(33, "a heap type");
            if (heap >= 0) {
                throw new Refused("a typed reference");
            }
        } else if (!ValueTypes.isValueTypeCode(code)) {
            throw new Refused("value type 0x" + Long.toHexString(code));
        }
        o.copy(src, at, s.pos());
    }

    private void limits(ByteReader s, Out o) {
        int at = s.pos();
        int flags = s.u8("limits");
        leb(s);
        if ((flags & 1) != 0) {
            leb(s);
        }
        o.copy(src, at, s.pos());
    }

    /** Skips one LEB128 integer of any width (at most 10 bytes). */
    private static void leb(ByteReader s) {
        for (int i = 0; i < 10; i++) {
            if ((s.u8("an integer") & 0x80) == 0) {
                return;
            }
        }
        throw new Refused("an integer too long");
    }

    // ------------------------------------------------------------------ instructions

    /**
     * Copies instructions, renumbering block types and call_indirect types: a constant expression
     * up to its {@code end}, a body to its last byte.
     */
    private void instructions(ByteReader s, Out o, boolean constant) {
        while (s.more()) {
            int at = s.pos();
            int b = s.u8("an opcode");
            int code = b;
            if (b >= 0xfb && b < 0xff) {
                long sub = s.u32("an opcode");
                if (b == 0xfb) {
                    throw new Refused("a GC instruction");
                }
                if (sub > 0xff) {
                    throw new Refused("opcode " + sub);
                }
                code = (b << 8) | (int) sub;
            }
            OpCode op = code < OPCODE_TABLE_SIZE ? OpCode.byOpCode(code) : null;
            if (op == null || op == OpCode.CALL_REF || op == OpCode.RETURN_CALL_REF) {
                throw new Refused(op == null ? "unknown opcode" : "call_ref");
            }
            o.copy(src, at, s.pos());
            List<WasmEncoding> signature = OpCode.signature(op);
            if (signature != null) {
                boolean first = true;
                for (WasmEncoding e : signature) {
                    immediate(s, o, op, e, first);
                    first = false;
                }
            }
            if (constant && op == OpCode.END) {
                return;
            }
        }
        if (constant) {
            throw new Refused("a constant expression without end");
        }
    }

    private void immediate(ByteReader s, Out o, OpCode op, WasmEncoding e, boolean first) {
        int at = s.pos();
        switch (e) {
            case VARUINT -> {
                long v = s.u32("an immediate");
                if (first && (op == OpCode.CALL_INDIRECT || op == OpCode.RETURN_CALL_INDIRECT)) {
                    o.u32(mapped(v));
                    return;
                }
            }
            case VARSINT32 -> {
                long v = s.signed(32, "an immediate");
                if (op == OpCode.REF_NULL && v >= 0) {
                    throw new Refused("ref.null of a typed reference");
                }
            }
            case VARSINT64 -> s.signed(64, "an immediate");
            case FLOAT32 -> s.skip(4, "an immediate");
            case FLOAT64 -> s.skip(8, "an immediate");
            case V128 -> s.skip(16, "an immediate");
            case BYTE -> s.u8("an immediate");
            case VEC_VARUINT -> {
                long n = s.count("label", 1);
                for (long i = 0; i < n; i++) {
                    s.u32("a label");
                }
            }
            case VEC_CATCH -> {
                long n = s.count("catch clause", 2);
                for (long i = 0; i < n; i++) {
                    int kind = s.u8("a catch kind");
                    if (kind > 3) {
                        throw new Refused("catch kind " + kind);
                    }
                    if (kind <= 1) {
                        s.u32("a tag");
                    }
                    s.u32("a label");
                }
            }
            case BLOCK_TYPE -> {
                // read as the runtime reads it (a u32): 0x40, a value type code, or a type index
                long type = s.u32("a block type");
                if (type == ValueTypes.REF || type == ValueTypes.REF_NULL) {
                    throw new Refused("a block of a typed reference");
                }
                if (type != EMPTY_BLOCK && !ValueTypes.isValueTypeCode(type)) {
                    o.s33(mapped(type));
                    return;
                }
            }
            case VEC_VALUE_TYPE -> {
                long n = s.count("value type", 1);
                o.u32(n);
                for (long i = 0; i < n; i++) {
                    valueType(s, o);
                }
                return;
            }
            case MEMARG -> {
                long flags = s.u32("a memory argument");
                if ((flags >> 6) != 0) {
                    s.u32("a memory index");
                }
                leb(s);
            }
            default -> throw new Refused("immediate " + e);
        }
        o.copy(src, at, s.pos());
    }

    // ------------------------------------------------------------------ output

    /** A growable byte buffer with the encodings the rewrite writes. */
    static final class Out {
        private final ByteArrayOutputStream buf;

        Out(int size) {
            buf = new ByteArrayOutputStream(Math.max(16, size));
        }

        Out u8(int b) {
            buf.write(b);
            return this;
        }

        Out u32(long v) {
            Leb128.writeUnsigned(buf, v);
            return this;
        }

        /** A non-negative type index as the binary format's s33 (index 64 is {@code c0 00}). */
        Out s33(long v) {
            while (true) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                if (v == 0 && (b & 0x40) == 0) {
                    buf.write(b);
                    return this;
                }
                buf.write(b | 0x80);
            }
        }

        Out copy(byte[] from, int start, int end) {
            buf.write(from, start, end - start);
            return this;
        }

        Out copy(Out other) {
            byte[] b = other.bytes();
            buf.write(b, 0, b.length);
            return this;
        }

        Out section(int id, byte[] payload) {
            u8(id).u32(payload.length);
            buf.write(payload, 0, payload.length);
            return this;
        }

        int size() {
            return buf.size();
        }

        byte[] bytes() {
            return buf.toByteArray();
        }
    }
}
