package ai.wippy.runtime.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Works around a Chicory 1.7.5 parser quirk: it refuses a function import whose module and field
 * names are both empty ({@code (import "" "" (func))}, "malformed import kind"), which core
 * WebAssembly allows and wit-component emits for every reactor (its start shim imports
 * {@code _initialize} that way). Such imports are renamed to {@link #FIELD} in the import section
 * before Chicory sees the module; the component runtime links them under that name. Nothing else of
 * the module changes.
 */
public final class EmptyImportNames {

    /** The field name an empty-named function import gets; no real import is named so (it holds a NUL). */
    static final String FIELD = "\u0000";

    private EmptyImportNames() {
    }

    /** The field name Chicory sees for an import the component plan names {@code module}/{@code name}. */
    static String linkedName(String module, String name) {
        return module.isEmpty() && name.isEmpty() ? FIELD : name;
    }

    /** The module with empty-named function imports renamed, or the same array when it has none. */
    public static byte[] patch(byte[] module) {
        try {
            return patchOrNull(module);
        } catch (RuntimeException e) {
            return module; // malformed: let Chicory report it
        }
    }

    private static byte[] patchOrNull(byte[] m) {
        int pos = 8;
        while (pos < m.length) {
            int id = m[pos] & 0xFF;
            int[] size = leb(m, pos + 1);
            int payload = size[1];
            int end = payload + size[0];
            if (id == 2) {
                byte[] section = rewriteImports(m, payload, end);
                if (section == null) {
                    return m;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(m.length + 8);
                out.write(m, 0, pos + 1);
                ai.wippy.runtime.wasm.Leb128.writeUnsigned(out, section.length);
                out.write(section, 0, section.length);
                out.write(m, end, m.length - end);
                return out.toByteArray();
            }
            pos = end;
        }
        return m;
    }

    /** The import section payload with the renames, or null when there is nothing to rename. */
    private static byte[] rewriteImports(byte[] m, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start + 8);
        int[] count = leb(m, start);
        ai.wippy.runtime.wasm.Leb128.writeUnsigned(out, count[0]);
        int pos = count[1];
        boolean changed = false;
        for (int i = 0; i < count[0]; i++) {
            int[] moduleLen = leb(m, pos);
            int moduleEnd = moduleLen[1] + moduleLen[0];
            int[] nameLen = leb(m, moduleEnd);
            int nameEnd = nameLen[1] + nameLen[0];
            int kind = m[nameEnd] & 0xFF;
            if (moduleLen[0] == 0 && nameLen[0] == 0 && kind == 0x00) {
                out.write(0); // empty module name
                byte[] field = FIELD.getBytes(StandardCharsets.UTF_8);
                ai.wippy.runtime.wasm.Leb128.writeUnsigned(out, field.length);
                out.write(field, 0, field.length);
                changed = true;
            } else {
                out.write(m, pos, nameEnd - pos);
            }
            int descEnd = descriptorEnd(m, nameEnd);
            out.write(m, nameEnd, descEnd - nameEnd);
            pos = descEnd;
        }
        if (!changed || pos != end) {
            return null;
        }
        return out.toByteArray();
    }

    /** Where an import descriptor starting with its kind byte at {@code at} ends. */
    private static int descriptorEnd(byte[] m, int at) {
        int kind = m[at] & 0xFF;
        int pos = at + 1;
        switch (kind) {
            case 0x00 -> pos = leb(m, pos)[1];                      // func: type index
            case 0x01 -> {                                          // table: reftype limits
                pos = refType(m, pos);
                pos = limits(m, pos);
            }
            case 0x02 -> pos = limits(m, pos);                      // memory: limits
            case 0x03 -> pos = valType(m, pos) + 1;                 // global: valtype mut
            case 0x04 -> pos = leb(m, pos + 1)[1];                  // tag: attribute type index
            default -> throw new IllegalArgumentException("import kind " + kind);
        }
        return pos;
    }

    private static int refType(byte[] m, int pos) {
        int b = m[pos] & 0xFF;
        if (b == 0x63 || b == 0x64) { // (ref null? heaptype)
            return skipS33(m, pos + 1);
        }
        return pos + 1;
    }

    private static int valType(byte[] m, int pos) {
        return refType(m, pos);
    }

    private static int limits(byte[] m, int pos) {
        int flags = m[pos] & 0xFF;
        pos = leb64End(m, pos + 1);
        if ((flags & 1) != 0) {
            pos = leb64End(m, pos);
        }
        return pos;
    }

    private static int skipS33(byte[] m, int pos) {
        while ((m[pos] & 0x80) != 0) {
            pos++;
        }
        return pos + 1;
    }

    private static int leb64End(byte[] m, int pos) {
        while ((m[pos] & 0x80) != 0) {
            pos++;
        }
        return pos + 1;
    }

    /** {value, position after it}. */
    private static int[] leb(byte[] m, int pos) {
        int result = 0;
        int shift = 0;
        while (true) {
            int b = m[pos++] & 0xFF;
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return new int[] {result, pos};
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("leb");
            }
        }
    }
}
