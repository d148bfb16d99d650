package ai.wippy.runtime.wasm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the core modules of one component a single, shared type section, so that a type index
 * means the same function type in every module.
 *
 * <p>Why: Chicory 1.7.5 checks {@code call_indirect} by type <em>index</em>, across instances. When
 * the table entry is a function of another instance, it compares the caller's type index with the
 * callee module's index of the function's type, and reads the caller's index in the callee's type
 * section (InterpreterMachine.CALL_INDIRECT, the compiler's Shaded.callIndirect). Components share
 * funcref tables between core instances all the time (wit-component's shim and fixup modules, a
 * resource destructor reached through a table), so equal types at different indices trap with
 * "indirect call type mismatch". With one type section {@code G} everywhere, the callee's section is
 * the caller's, and its check (index equality, else structural equivalence within the section)
 * becomes the structural check the spec asks for.
 *
 * <p>How: {@code G} starts with the type section of the largest module, unchanged (so that module's
 * code keeps its indices and only its type section grows), followed by every other function type of
 * the other modules. Each other module gets {@code G} and its type indices renumbered to a type of
 * the same structure ({@link TypeIndexRewriter}); one whose types already are a prefix of {@code G}
 * only gets the longer section. Types are never removed or reordered where a module uses them, so
 * every module keeps its meaning. An appended type never sits at an index the runtime would misread
 * as a block's value type (64, or a value type code such as 0x7f): Chicory reads block types as a u32
 * and takes such indices for value types.
 *
 * <p>It is done only when some module imports a table (otherwise no function of one instance can
 * reach a {@code call_indirect} of another), and never for modules with GC types or typed references
 * (their type indices hide in value types; they are left as they are), nor for a module it cannot
 * read (the runtime then reports on the original).
 */
public final class FunctionTypeHarmonizer {

    private FunctionTypeHarmonizer() {
    }

    /** A function type's encoding ({@code 0x60 params results}), compared by its bytes. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** What the harmonization needs of one module: its function types, and whether it imports a table. */
    private record Info(List<Key> types, boolean importsTable) {
    }

    /** The shared sections may add this much beyond twice the modules' size; past that, nothing is done. */
    static final long MAX_GROWTH = 1 << 20;

    private static final Key FILLER = new Key(new byte[] {0x60, 0x00, 0x00});

    /**
     * The modules (in the same order), each either the same array or a rewritten one with the shared
     * type section; the same list when nothing needs doing.
     */
    public static List<byte[]> harmonize(List<byte[]> modules) {
        if (modules.size() < 2) {
            return modules;
        }
        List<Info> infos = new ArrayList<>();
        boolean tableImported = false;
        int largest = -1;
        for (byte[] m : modules) {
            Info info = read(m);
            infos.add(info);
            if (info != null) {
                tableImported |= info.importsTable();
                if (largest < 0 || m.length > modules.get(largest).length) {
                    largest = infos.size() - 1;
                }
            }
        }
        if (!tableImported || largest < 0) {
            return modules;
        }
        Shared g = new Shared(infos.get(largest).types());
        for (Info info : infos) {
            if (info != null) {
                info.types().forEach(g::add);
            }
        }
        List<int[]> maps = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            Info info = infos.get(i);
            maps.add(info == null || i == largest ? null : g.map(info.types()));
        }
        byte[] section = g.section();
        long input = 0;
        int sharing = 0;
        for (int i = 0; i < modules.size(); i++) {
            input += modules.get(i).length;
            sharing += infos.get(i) == null ? 0 : 1;
        }
        if ((long) section.length * sharing > 2 * input + MAX_GROWTH) {
            // every module gets a copy of the shared section: many modules with many types of their
            // own would multiply the component's size (a hostile one, by its number of modules)
            return modules;
        }
        List<byte[]> out = new ArrayList<>(modules.size());
        for (int i = 0; i < modules.size(); i++) {
            byte[] m = modules.get(i);
            Info info = infos.get(i);
            boolean unchanged = info == null || (maps.get(i) == null && g.types.equals(info.types()));
            byte[] rewritten = unchanged ? null : TypeIndexRewriter.rewrite(m, section, maps.get(i));
            out.add(rewritten == null ? m : rewritten);
        }
        return out;
    }

    /** The shared type list: the largest module's types first, then the others' new ones. */
    private static final class Shared {
        private final List<Key> types = new ArrayList<>();
        private final Map<Key, List<Integer>> at = new HashMap<>();
        private final Map<Key, Integer> chosen = new HashMap<>();

        Shared(List<Key> base) {
            base.forEach(this::append);
        }

        private int append(Key k) {
            int i = types.size();
            types.add(k);
            at.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            return i;
        }

        void add(Key k) {
            if (!at.containsKey(k)) {
                padAndAppend(k);
            }
        }

        private int padAndAppend(Key k) {
            while (misreadAsBlockType(types.size())) {
                append(FILLER);
            }
            return append(k);
        }

        /** The index a renumbered module uses for {@code k}: one the runtime reads right in a block type. */
        private int index(Key k) {
            return chosen.computeIfAbsent(k, x -> {
                for (int i : at.get(x)) {
                    if (!misreadAsBlockType(i)) {
                        return i;
                    }
                }
                return padAndAppend(x);
            });
        }

        /** Old index to new for a module with {@code own} types; null when its types are already G's prefix. */
        int[] map(List<Key> own) {
            boolean prefix = own.size() <= types.size();
            for (int i = 0; prefix && i < own.size(); i++) {
                prefix = own.get(i).equals(types.get(i));
            }
            if (prefix) {
                return null;
            }
            int[] map = new int[own.size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = index(own.get(i));
            }
            return map;
        }

        byte[] section() {
            TypeIndexRewriter.Out o = new TypeIndexRewriter.Out(types.size() * 8);
            o.u32(types.size());
            for (Key k : types) {
                o.copy(k.bytes(), 0, k.bytes().length);
            }
            return o.bytes();
        }
    }

    /** Chicory takes a block type of 0x40 for "no values" and of a value type code for that type. */
    static boolean misreadAsBlockType(long index) {
        return index == 0x40 || ValueTypes.isValueTypeCode(index);
    }

    /** The function types and table imports of a module; null when it has other types or cannot be read. */
    private static Info read(byte[] m) {
        try {
            ByteReader r = new ByteReader(m, 0, m.length, "the module");
            if (m.length < 8 || m[0] != 0 || m[1] != 'a' || m[2] != 's' || m[3] != 'm' || m[4] != 1) {
                return null;
            }
            r.skip(8, "the header");
            List<Key> types = new ArrayList<>();
            boolean importsTable = false;
            while (r.more()) {
                int id = r.u8("a section id");
                int sizeAt = r.pos();
                ByteReader s = r.sub(r.u32("a section size"), sizeAt, "section", "a section");
                if (id == 1) {
                    if (!types.isEmpty() || !functionTypes(s, types)) {
                        return null;
                    }
                } else if (id == 2) {
                    importsTable = importsTable(s);
                }
            }
            return new Info(List.copyOf(types), importsTable);
        } catch (MalformedBinaryException | TypeIndexRewriter.Refused e) {
            return null;
        }
    }

    /** Reads plain function types (no GC forms, no typed references); false when there are others. */
    private static boolean functionTypes(ByteReader s, List<Key> types) {
        long n = s.count("type", 1);
        for (long i = 0; i < n; i++) {
            int start = s.pos();
            if (s.u8("a type form") != 0x60) {
                return false;
            }
            for (int part = 0; part < 2; part++) {
                long count = s.count("value type", 1);
                for (long k = 0; k < count; k++) {
                    long code = s.u32("a value type");
                    if (code == ValueTypes.REF || code == ValueTypes.REF_NULL || !ValueTypes.isValueTypeCode(code)) {
                        return false;
                    }
                }
            }
            types.add(new Key(Arrays.copyOfRange(s.bytes(), start, s.pos())));
        }
        return !s.more();
    }

    private static boolean importsTable(ByteReader s) {
        long n = s.count("import", 4);
        for (long i = 0; i < n; i++) {
            s.name("a module name");
            s.name("a field name");
            int kind = s.u8("an import kind");
            switch (kind) {
                case 0 -> s.u32("a function type");
                case 1 -> {
                    return true;
                }
                case 2 -> {
                    int flags = s.u8("limits");
                    skipLeb(s);
                    if ((flags & 1) != 0) {
                        skipLeb(s);
                    }
                }
                case 3 -> {
                    ValueTypes.read(s, "a global type");
                    s.u8("a mutability");
                }
                case 4 -> {
                    s.u8("a tag attribute");
                    s.u32("a tag type");
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private static void skipLeb(ByteReader s) {
        for (int i = 0; i < 10; i++) {
            if ((s.u8("an integer") & 0x80) == 0) {
                return;
            }
        }
        throw new MalformedBinaryException(s.pos(), "an integer too long");
    }
}
