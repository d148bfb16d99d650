package ai.wippy.runtime.verify;

import ai.wippy.runtime.wasm.*;

import java.util.function.Consumer;

/**
 * Walks the section framing of a component (Component Model binary format): the preamble, every
 * section id known to the format (0 to 12), every section size inside its parent, nested
 * components recursively. Each embedded core module goes to {@code coreModule}, which decodes and
 * validates it like a plain core module. The component's own sections are not decoded yet: running
 * components (and decoding them fully) is a later milestone.
 */
final class ComponentScanner {

    /** Components nested deeper than this are refused (the walk recurses). */
    static final int MAX_NESTING = 100;

    private static final String[] SECTION_NAMES = {"custom", "core module", "core instance", "core type",
        "component", "instance", "alias", "type", "canon", "start", "import", "export", "value"};

    private final Consumer<ByteReader> coreModule;

    /** @param coreModule receives a reader over each embedded core module (header included) */
    ComponentScanner(Consumer<ByteReader> coreModule) {
        this.coreModule = coreModule;
    }

    void scan(ByteReader r) {
        component(r, 0);
    }

    private void component(ByteReader r, int depth) {
        preamble(r);
        while (r.more()) {
            int at = r.pos();
            int id = r.u8("a section id");
            if (id >= SECTION_NAMES.length) {
                throw r.error(at, "unknown component section id " + id);
            }
            String name = SECTION_NAMES[id] + " section";
            int sizeAt = r.pos();
            long size = r.u32("the size of the " + name);
            ByteReader s = r.sub(size, sizeAt, name, "the " + name + " at offset " + hex(at));
            switch (id) {
                case 0 -> s.name("the custom section name");
                case 1 -> coreModule.accept(s);
                case 4 -> {
                    if (depth + 1 > MAX_NESTING) {
                        throw r.error(at, "components nested more than " + MAX_NESTING + " deep");
                    }
                    component(s, depth + 1);
                }
                default -> {
                    // Framing only, for now.
                }
            }
        }
    }

    private static void preamble(ByteReader r) {
        int at = r.pos();
        if (r.remaining() < 8) {
            throw r.error(at, "the component is truncated: " + r.remaining() + " bytes, less than the 8-byte header");
        }
        byte[] b = r.bytes();
        if (b[at] != 0 || b[at + 1] != 'a' || b[at + 2] != 's' || b[at + 3] != 'm') {
            throw r.error(at, "no WebAssembly header (\\0asm)");
        }
        if (b[at + 4] != 0x0d || b[at + 5] != 0 || b[at + 6] != 1 || b[at + 7] != 0) {
            throw r.error(at + 4, String.format("unknown component version/layer %02x %02x %02x %02x (expected 0d 00 01 00)",
                    b[at + 4], b[at + 5], b[at + 6], b[at + 7]));
        }
        r.skip(8, "the header");
    }

    static String hex(long offset) {
        return "0x" + Long.toHexString(offset);
    }
}
