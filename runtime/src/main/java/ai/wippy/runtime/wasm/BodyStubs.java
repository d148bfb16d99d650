package ai.wippy.runtime.wasm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Copies of a core module in which chosen function bodies are replaced by a stub,
 * {@code (locals 0) unreachable end}: valid whatever the function's type, and a trap if it ever runs.
 * The runtime parses such a copy when the real bodies are not needed (their compiled code is
 * cached, or {@code check} bisects for the body the validator refuses); everything else of the
 * module (types, imports, data, custom sections) stays byte for byte as it was.
 */
public final class BodyStubs {

    /** The stub with its size: 3 bytes of body. */
    private static final byte[] STUB_BODY = {0x03, 0x00, 0x00, 0x0b};

    private BodyStubs() {
    }

    /** Where the code section of a module and its function bodies are (section null: no code section). */
    public record Code(CoreModuleLayout.Section section, List<CoreModuleLayout.Body> bodies) {
    }

    /**
     * Where a module's sections are, its code section's bodies, and the type index of each defined
     * function (from the function section).
     */
    public record Layout(List<CoreModuleLayout.Section> sections, Code code, long[] functionTypes) {

        public java.util.Optional<CoreModuleLayout.Section> section(int id) {
            return sections.stream().filter(s -> s.id() == id).findFirst();
        }
    }

    /**
     * Finds the sections, and the bodies of the code section, by section and body sizes alone,
     * without reading an instruction (the full check is {@link CoreModuleScanner}).
     *
     * @throws MalformedBinaryException when a size runs past the module
     */
    public static Layout locate(byte[] module) {
        ByteReader r = new ByteReader(module, 0, module.length, "the module");
        r.skip(8, "the header");
        List<CoreModuleLayout.Section> sections = new ArrayList<>();
        Code code = new Code(null, List.of());
        long[] functionTypes = new long[0];
        while (r.more()) {
            int at = r.pos();
            int id = r.u8("a section id");
            int sizeAt = r.pos();
            long size = r.u32("a section size");
            ByteReader s = r.sub(size, sizeAt, "section", "the section");
            CoreModuleLayout.Section section = new CoreModuleLayout.Section(id, at, s.pos(), s.end());
            sections.add(section);
            if (id == 10) {
                long n = s.count("function body", 2);
                List<CoreModuleLayout.Body> bodies = new ArrayList<>((int) n);
                for (long i = 0; i < n; i++) {
                    int bodyAt = s.pos();
                    long bodySize = s.u32("a body size");
                    ByteReader body = s.sub(bodySize, bodyAt, "function body", "the function body");
                    bodies.add(new CoreModuleLayout.Body(bodyAt, body.pos(), body.end()));
                }
                code = new Code(section, List.copyOf(bodies));
            } else if (id == 3) {
                functionTypes = new long[(int) s.count("function", 1)];
                for (int i = 0; i < functionTypes.length; i++) {
                    functionTypes[i] = s.u32("a function's type index");
                }
            } else {
                s.skip(s.remaining(), "the section");
            }
        }
        return new Layout(List.copyOf(sections), code, functionTypes);
    }

    /**
     * A module of just the type section of {@code module} and the defined functions {@code bodies}
     * with their types: what a parser needs to decode those bodies on their own. Not valid as a
     * module (calls name functions it lacks); only for parsing.
     */
    public static byte[] bodiesAlone(byte[] module, Layout layout, int[] bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(module, 0, 8);
        layout.section(1).ifPresent(t -> out.write(module, t.at(), t.end() - t.at()));
        ByteArrayOutputStream functions = new ByteArrayOutputStream();
        Leb128.writeUnsigned(functions, bodies.length);
        for (int f : bodies) {
            Leb128.writeUnsigned(functions, layout.functionTypes()[f]);
        }
        section(out, 3, functions);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        Leb128.writeUnsigned(code, bodies.length);
        for (int f : bodies) {
            CoreModuleLayout.Body b = layout.code().bodies().get(f);
            code.write(module, b.at(), b.end() - b.at());
        }
        section(out, 10, code);
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, ByteArrayOutputStream content) {
        out.write(id);
        Leb128.writeUnsigned(out, content.size());
        out.writeBytes(content.toByteArray());
    }

    /**
     * {@code module} (offsets in {@code code} are relative to {@code base}) with the bodies of the
     * defined functions {@code stubbed} accepts replaced by the stub.
     */
    public static byte[] stub(byte[] module, int base, Code code, IntPredicate stubbed) {
        if (code.section() == null) {
            return module;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int contentStart = code.section().contentStart() - base;
        int firstBody = code.bodies().isEmpty() ? code.section().end() - base : code.bodies().get(0).at() - base;
        content.write(module, contentStart, firstBody - contentStart); // the body count
        for (int i = 0; i < code.bodies().size(); i++) {
            CoreModuleLayout.Body b = code.bodies().get(i);
            if (stubbed.test(i)) {
                content.writeBytes(STUB_BODY);
            } else {
                content.write(module, b.at() - base, b.end() - b.at());
            }
        }
        int sectionAt = code.section().at() - base;
        int sectionEnd = code.section().end() - base;
        ByteArrayOutputStream out = new ByteArrayOutputStream(sectionAt + content.size() + 8
                + (module.length - sectionEnd));
        out.write(module, 0, sectionAt);
        out.write(10);
        Leb128.writeUnsigned(out, content.size());
        out.writeBytes(content.toByteArray());
        out.write(module, sectionEnd, module.length - sectionEnd);
        return out.toByteArray();
    }
}
