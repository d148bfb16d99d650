package ai.wippy.runtime.wasm;

import java.util.ArrayList;
import java.util.List;

/**
 * The pre-pass over a core module: decodes its whole structure (every section, vector, name,
 * type, limit, constant expression, function body and instruction) with every size and count
 * checked against the bytes that are really there, before the runtime's parser sees it.
 *
 * <p>Chicory 1.7.5's parser trusts declared sizes: it sizes arrays and lists by declared counts and
 * lengths before reading them, casts a section size of 2^32-1 to -1, adds every declared local
 * one by one, walks {@code N} blocks for each {@code br N}, keeps one exception per type error of a
 * function. A tiny hostile file can thus cost it gigabytes or minutes. After this pass, everything
 * it allocates or loops over is bounded by the bytes of the file, and the work of its validator by
 * {@link WorkBudget}. The pass also gives the malformations it finds an exact offset.
 */
public final class CoreModuleScanner {

    /** Declared locals of one function, at most (the limit of V8, SpiderMonkey and Chicory). */
    public static final int MAX_LOCALS = 50_000;

    /** Section ids in the order the binary format requires (custom sections may go anywhere). */
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

    private final byte[] bytes;
    private final int start;
    private final int end;
    private final ModuleShape shape = new ModuleShape();
    private final List<CoreModuleLayout.Section> sections = new ArrayList<>();
    private final List<CoreModuleLayout.Body> bodies = new ArrayList<>();
    private FunctionNames functionNames = FunctionNames.NONE;
    private final String region;
    private WorkBudget budget;
    private long dataCount = -1;
    private int dataCountAt;
    private long dataSegments;
    private boolean sawFunctionSection;
    private int functionSectionAt;

    private CoreModuleScanner(byte[] bytes, int start, int end, String region) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.region = region;
    }

    /**
     * Scans the core module in {@code bytes[start, end)}, preamble included.
     *
     * @param region what bounds the module, for messages ("the file", "the core module section")
     * @throws MalformedBinaryException at the first problem
     */
    public static CoreModuleLayout scan(byte[] bytes, int start, int end, String region) {
        return new CoreModuleScanner(bytes, start, end, region).scan();
    }

    private CoreModuleLayout scan() {
        ByteReader r = new ByteReader(bytes, start, end, region);
        preamble(r);
        budget = new WorkBudget(codeSectionSize(r.pos()));
        int lastRank = 0;
        int lastId = -1;
        while (r.more()) {
            int at = r.pos();
            int id = r.u8("a section id");
            if (id > 13) {
                throw r.error(at, "unknown section id " + id);
            }
            int sizeAt = r.pos();
            long size = r.u32("the size of the " + CoreModuleLayout.sectionName(id) + " section");
            ByteReader s = r.sub(size, sizeAt, CoreModuleLayout.sectionName(id) + " section",
                    "the " + CoreModuleLayout.sectionName(id) + " section");
            if (id != 0) {
                int rank = ORDER[id];
                if (rank <= lastRank) {
                    throw r.error(at, (id == lastId ? "a second " : "the ") + CoreModuleLayout.sectionName(id)
                            + " section" + (id == lastId ? "" : " comes after the " + CoreModuleLayout.sectionName(lastId)
                            + " section, out of the order the binary format requires"));
                }
                lastRank = rank;
                lastId = id;
            }
            sections.add(new CoreModuleLayout.Section(id, at, s.pos(), s.end()));
            section(id, s);
            if (s.more()) {
                throw s.error(s.pos(), "the " + CoreModuleLayout.sectionName(id) + " section has " + s.left()
                        + " over after its content (section size mismatch)");
            }
        }
        if (sawFunctionSection && shape.definedFunctions() > 0 && sections.stream().noneMatch(x -> x.id() == 10)) {
            throw new MalformedBinaryException(functionSectionAt, "the function section declares "
                    + plural(shape.definedFunctions(), "function", "functions") + " but there is no code section");
        }
        if (dataCount >= 0 && dataCount != dataSegments) {
            throw new MalformedBinaryException(dataCountAt, "the data count section says "
                    + plural(dataCount, "data segment", "data segments") + " but the data section has " + dataSegments);
        }
        return new CoreModuleLayout(start, end, List.copyOf(sections), List.copyOf(bodies),
                shape.importedFunctions(), functionNames);
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static void preamble(ByteReader r) {
        int at = r.pos();
        if (r.remaining() < 8) {
            throw r.error(at, "the module is truncated: " + r.remaining() + " bytes, less than the 8-byte header");
        }
        byte[] b = r.bytes();
        if (b[at] != 0 || b[at + 1] != 'a' || b[at + 2] != 's' || b[at + 3] != 'm') {
            throw r.error(at, "no WebAssembly header (\\0asm)");
        }
        if (b[at + 4] != 1 || b[at + 5] != 0 || b[at + 6] != 0 || b[at + 7] != 0) {
            throw r.error(at + 4, String.format("unknown binary version %02x %02x %02x %02x (a core module has 01 00 00 00)",
                    b[at + 4], b[at + 5], b[at + 6], b[at + 7]));
        }
        r.skip(8, "the header");
    }

    /** The size of the code section, read ahead so the work budget can scale with it. */
    private long codeSectionSize(int from) {
        ByteReader r = new ByteReader(bytes, from, end, region);
        try {
            while (r.more()) {
                int id = r.u8("a section id");
                int sizeAt = r.pos();
                long size = r.u32("a section size");
                r.sub(size, sizeAt, "section", region);
                if (id == 10) {
                    return size;
                }
            }
        } catch (MalformedBinaryException e) {
            // The main pass reports it with its context.
        }
        return 0;
    }

    private void section(int id, ByteReader s) {
        switch (id) {
            case 0 -> custom(s);
            case 1 -> types(s);
            case 2 -> imports(s);
            case 3 -> functions(s);
            case 4 -> tables(s);
            case 5 -> memories(s);
            case 6 -> globals(s);
            case 7 -> exports(s);
            case 8 -> s.u32("the start function index");
            case 9 -> elements(s);
            case 10 -> code(s);
            case 11 -> data(s);
            case 12 -> {
                dataCountAt = s.pos();
                dataCount = s.u32("the data count");
            }
            case 13 -> tags(s);
            default -> throw new IllegalStateException("section " + id);
        }
    }

    // -- types -----------------------------------------------------------------------------------

    private void types(ByteReader s) {
        long n = s.count("type", 1);
        for (long i = 0; i < n; i++) {
            String what = "type " + i;
            long form = s.u32(what);
            if (form == 0x4e) {
                long subs = s.count("subtypes of the recursion group " + i, 1);
                for (long j = 0; j < subs; j++) {
                    subType(s, s.u32(what), what);
                }
            } else {
                subType(s, form, what);
            }
        }
    }

    private void subType(ByteReader s, long form, String what) {
        if (form == 0x50 || form == 0x4f) {
            long supers = s.count("supertypes of " + what, 1);
            for (long k = 0; k < supers; k++) {
                s.u32("a supertype of " + what);
            }
            form = s.u32(what);
        }
        int at = s.pos();
        if (form == 0x60) {
            long params = s.count("parameters of " + what, 1);
            for (long k = 0; k < params; k++) {
                ValueTypes.read(s, "a parameter of " + what);
            }
            long results = s.count("results of " + what, 1);
            for (long k = 0; k < results; k++) {
                ValueTypes.read(s, "a result of " + what);
            }
            shape.addFunctionType((int) params, (int) results);
        } else if (form == 0x5f) {
            long fields = s.count("fields of " + what, 2);
            for (long k = 0; k < fields; k++) {
                fieldType(s, what);
            }
            shape.addStructType((int) fields);
        } else if (form == 0x5e) {
            fieldType(s, what);
            shape.addOtherType();
        } else {
            throw s.error(at, what + ": invalid type form 0x" + Long.toHexString(form)
                    + " (expected func 0x60, struct 0x5f or array 0x5e)");
        }
    }

    private static void fieldType(ByteReader s, String what) {
        int at = s.pos();
        long storage = s.u32("a field of " + what);
        if (storage != 0x78 && storage != 0x77) {
            ValueTypes.readRest(s, storage, at, "a field of " + what);
        }
        mutability(s, "a field of " + what);
    }

    private static void mutability(ByteReader s, String what) {
        int at = s.pos();
        int m = s.u8("the mutability of " + what);
        if (m > 1) {
            throw s.error(at, "invalid mutability 0x" + Integer.toHexString(m) + " of " + what);
        }
    }

    // -- imports, functions, tables, memories, tags, globals, exports ------------------------------

    private void imports(ByteReader s) {
        long n = s.count("import", 4);
        for (long i = 0; i < n; i++) {
            String what = "import " + i;
            s.name("the module name of " + what);
            s.name("the name of " + what);
            int at = s.pos();
            long kind = s.u32("the kind of " + what);
            switch ((int) Math.min(kind, 5)) {
                case 0 -> shape.addImportedFunction(s.u32("the type of " + what));
                case 1 -> {
                    ValueTypes.read(s, "the element type of " + what);
                    limits(s, what, 0b11);
                }
                case 2 -> memoryLimits(s, what);
                case 3 -> {
                    ValueTypes.read(s, "the type of " + what);
                    mutability(s, what);
                }
                case 4 -> {
                    s.u8("the attribute of " + what);
                    shape.addTag(s.u32("the type of " + what));
                }
                default -> throw s.error(at, what + ": unknown import kind 0x" + Long.toHexString(kind));
            }
        }
    }

    private void functions(ByteReader s) {
        sawFunctionSection = true;
        functionSectionAt = s.pos();
        long n = s.count("function", 1);
        for (long i = 0; i < n; i++) {
            shape.addFunction(s.u32("the type of function " + i));
        }
    }

    private void tables(ByteReader s) {
        long n = s.count("table", 2);
        for (long i = 0; i < n; i++) {
            String what = "table " + i;
            int at = s.pos();
            long first = s.u32(what);
            if (first == 0x40) {
                int zeroAt = s.pos();
                if (s.u8(what) != 0) {
                    throw s.error(zeroAt, what + ": expected 0x00 after 0x40");
                }
                ValueTypes.read(s, "the element type of " + what);
                limits(s, what, 0b01);
                new InstructionWalker(shape, budget).constantExpression(s, "the initializer of " + what);
            } else {
                ValueTypes.readRest(s, first, at, "the element type of " + what);
                limits(s, what, 0b01);
            }
        }
    }

    /** Table limits: a flags byte (only the bits in {@code allowed}), min and, with bit 0, max. */
    private static void limits(ByteReader s, String what, int allowed) {
        int at = s.pos();
        int flags = s.u8("the limits of " + what);
        if ((flags & ~allowed) != 0) {
            throw s.error(at, what + ": unsupported limits flags 0x" + Integer.toHexString(flags));
        }
        s.u32("the minimum of " + what);
        if ((flags & 1) != 0) {
            s.u32("the maximum of " + what);
        }
    }

    private void memories(ByteReader s) {
        long n = s.count("memory", 2);
        for (long i = 0; i < n; i++) {
            memoryLimits(s, "memory " + i);
        }
    }

    /** Memory limits: 0x00 min, 0x01 min max, 0x03 shared min max; 64-bit memories are not supported. */
    private static void memoryLimits(ByteReader s, String what) {
        int at = s.pos();
        int flags = s.u8("the limits of " + what);
        if (flags == 0x02) {
            throw s.error(at, what + ": a shared memory must have a maximum");
        }
        if (flags > 0x03) {
            throw s.error(at, what + ": unsupported memory limits flags 0x" + Integer.toHexString(flags)
                    + " (64-bit memories and custom page sizes are not supported by the runtime)");
        }
        s.u32("the minimum of " + what);
        if ((flags & 1) != 0) {
            s.u32("the maximum of " + what);
        }
    }

    private void tags(ByteReader s) {
        long n = s.count("tag", 2);
        for (long i = 0; i < n; i++) {
            s.u8("the attribute of tag " + i);
            shape.addTag(s.u32("the type of tag " + i));
        }
    }

    private void globals(ByteReader s) {
        long n = s.count("global", 3);
        for (long i = 0; i < n; i++) {
            String what = "global " + i;
            ValueTypes.read(s, "the type of " + what);
            mutability(s, what);
            new InstructionWalker(shape, budget).constantExpression(s, "the initializer of " + what);
        }
    }

    private static void exports(ByteReader s) {
        long n = s.count("export", 3);
        for (long i = 0; i < n; i++) {
            String what = "export " + i;
            s.name("the name of " + what);
            int at = s.pos();
            long kind = s.u32("the kind of " + what);
            if (kind > 4) {
                throw s.error(at, what + ": unknown export kind 0x" + Long.toHexString(kind));
            }
            s.u32("the index of " + what);
        }
    }

    // -- elements and data -------------------------------------------------------------------------

    private void elements(ByteReader s) {
        long n = s.count("element segment", 1);
        for (long i = 0; i < n; i++) {
            String what = "element segment " + i;
            int at = s.pos();
            long flags = s.u32("the flags of " + what);
            if (flags > 7) {
                throw s.error(at, what + ": invalid flags " + flags + " (0 to 7)");
            }
            boolean active = (flags & 1) == 0;
            boolean explicitTable = active && (flags & 2) != 0;
            boolean alwaysFuncref = active && !explicitTable;
            boolean expressions = (flags & 4) != 0;
            if (active) {
                if (explicitTable) {
                    s.u32("the table of " + what);
                }
                new InstructionWalker(shape, budget).constantExpression(s, "the offset of " + what);
            }
            if (!alwaysFuncref) {
                if (expressions) {
                    ValueTypes.read(s, "the type of " + what);
                } else {
                    int kindAt = s.pos();
                    if (s.u32("the element kind of " + what) != 0) {
                        throw s.error(kindAt, what + ": invalid element kind (only 0x00, funcref, exists)");
                    }
                }
            }
            long count = s.count("elements of " + what, 1);
            for (long k = 0; k < count; k++) {
                if (expressions) {
                    new InstructionWalker(shape, budget).constantExpression(s, "element " + k + " of " + what);
                } else {
                    s.u32("element " + k + " of " + what);
                }
            }
        }
    }

    private void data(ByteReader s) {
        dataSegments = s.count("data segment", 1);
        for (long i = 0; i < dataSegments; i++) {
            String what = "data segment " + i;
            int at = s.pos();
            long mode = s.u32("the mode of " + what);
            if (mode == 2) {
                s.u32("the memory of " + what);
            }
            if (mode == 0 || mode == 2) {
                new InstructionWalker(shape, budget).constantExpression(s, "the offset of " + what);
            } else if (mode != 1) {
                throw s.error(at, what + ": invalid mode " + mode + " (0, 1 or 2)");
            }
            int lengthAt = s.pos();
            long length = s.u32("the length of " + what);
            if (length > s.remaining()) {
                throw s.error(lengthAt, what + ": length " + length + " exceeds the data section ("
                        + s.left() + ")");
            }
            s.skip(length, what);
        }
    }

    // -- code ----------------------------------------------------------------------------------------

    private void code(ByteReader s) {
        int countAt = s.pos();
        long n = s.count("function body", 2);
        if (n != shape.definedFunctions()) {
            throw s.error(countAt, "the code section has " + plural(n, "function body", "function bodies")
                    + " but the function section declares " + plural(shape.definedFunctions(), "function", "functions"));
        }
        InstructionWalker walker = new InstructionWalker(shape, budget);
        for (long i = 0; i < n; i++) {
            int index = shape.importedFunctions() + (int) i;
            String function = "function " + index;
            int at = s.pos();
            long size = s.u32("the size of " + function);
            ByteReader body = s.sub(size, at, function + " body", function + "'s body");
            bodies.add(new CoreModuleLayout.Body(at, body.pos(), body.end()));
            locals(body, function);
            walker.body(body, function, shape.functionType(index));
        }
    }

    private void locals(ByteReader body, String function) {
        long groups = body.count("local declaration", 2);
        long total = 0;
        for (long g = 0; g < groups; g++) {
            int at = body.pos();
            total += body.u32("a local count of " + function);
            if (total > MAX_LOCALS) {
                throw body.error(at, function + " declares too many locals: " + total
                        + (groups > 1 ? " in its first " + (g + 1) + " local declarations" : "")
                        + "; the runtime allows at most " + MAX_LOCALS + " in one function");
            }
            ValueTypes.read(body, "a local of " + function);
        }
        // Chicory adds the locals one by one when it parses and again when it validates.
        budget.spend(2 * total, body.pos(), function);
    }

    // -- custom sections -------------------------------------------------------------------------

    private void custom(ByteReader s) {
        String name = s.name("the custom section name");
        if (name.equals("name")) {
            FunctionNames names = new NameSectionScanner(s, budget).scan();
            if (names != FunctionNames.NONE) {
                functionNames = names;
            }
        }
        s.skip(s.remaining(), "the custom section");
    }
}
