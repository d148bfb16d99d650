package ai.wippy.runtime.verify;

import java.io.ByteArrayOutputStream;

/**
 * Writes WebAssembly binaries byte by byte for the tests: well-formed pieces to assemble hostile
 * ones from (a declared size past the end, 2^32 locals, ...), deterministically.
 */
final class Wasm {

    static final byte[] CORE_HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};
    static final byte[] COMPONENT_HEADER = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};

    static final int I32 = 0x7f;
    static final int I64 = 0x7e;

    private Wasm() {
    }

    static byte[] u32(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code id size content}. */
    static byte[] section(int id, byte[]... content) {
        byte[] c = concat(content);
        return concat(bytes(id), u32(c.length), c);
    }

    static byte[] vec(byte[]... items) {
        return concat(u32(items.length), concat(items));
    }

    static byte[] name(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return concat(u32(b.length), b);
    }

    static byte[] module(byte[]... sections) {
        return concat(CORE_HEADER, concat(sections));
    }

    static byte[] component(byte[]... sections) {
        return concat(COMPONENT_HEADER, concat(sections));
    }

    /** {@code (func (param ...) (result ...))}. */
    static byte[] funcType(int[] params, int... results) {
        return concat(bytes(0x60), u32(params.length), bytes(params), u32(results.length), bytes(results));
    }

    static byte[] typeSection(byte[]... types) {
        return section(1, vec(types));
    }

    /** A function section: the type index of each function. */
    static byte[] functionSection(int... types) {
        byte[][] items = new byte[types.length][];
        for (int i = 0; i < types.length; i++) {
            items[i] = u32(types[i]);
        }
        return section(3, vec(items));
    }

    static byte[] exportFunction(String name, int index) {
        return section(7, vec(concat(name(name), bytes(0), u32(index))));
    }

    /** A body without locals: {@code code} must end with 0x0b. */
    static byte[] body(int... code) {
        return body(vec(), bytes(code));
    }

    /** A body with the given locals declarations (already a vector) and instruction bytes. */
    static byte[] body(byte[] locals, byte[] code) {
        byte[] content = concat(locals, code);
        return concat(u32(content.length), content);
    }

    /** A body from its whole content: the locals vector, then the instructions. */
    static byte[] rawBody(byte[] content) {
        return concat(u32(content.length), content);
    }

    static byte[] codeSection(byte[]... bodies) {
        return section(10, vec(bodies));
    }

    /** A name section naming functions: pairs of index and name. */
    static byte[] functionNames(Object... indexAndName) {
        byte[][] items = new byte[indexAndName.length / 2][];
        for (int i = 0; i < items.length; i++) {
            items[i] = concat(u32((Integer) indexAndName[2 * i]), name((String) indexAndName[2 * i + 1]));
        }
        return section(0, name("name"), bytes(1), u32(vec(items).length), vec(items));
    }

    /** {@code add(a: i32, b: i32) -> i32}: valid. */
    static byte[] addModule() {
        return module(
                typeSection(funcType(new int[] {I32, I32}, I32)),
                functionSection(0),
                exportFunction("add", 0),
                codeSection(body(0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b)));
    }
}
