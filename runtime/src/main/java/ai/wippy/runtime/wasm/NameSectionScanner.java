package ai.wippy.runtime.wasm;

/**
 * The {@code name} custom section. The WebAssembly spec lets an engine ignore a broken custom
 * section, but the runtime's parser (Chicory) decodes this one when it loads the module, and
 * fails on it or, for names out of index order, spends time quadratic in their number (it inserts
 * each name into a sorted list). So its framing and name lengths are checked like a section's, and
 * out-of-order names are priced against the {@link WorkBudget}. Where the function names are is
 * kept for messages.
 */
public final class NameSectionScanner {

    private final ByteReader s;
    private final WorkBudget budget;
    private FunctionNames functionNames = FunctionNames.NONE;

    public NameSectionScanner(ByteReader s, WorkBudget budget) {
        this.s = s;
        this.budget = budget;
    }

    /** Checks the section; returns where its function names are. */
    public FunctionNames scan() {
        while (s.more()) {
            int id = s.u8("a name subsection id");
            int sizeAt = s.pos();
            long size = s.u32("the size of name subsection " + id);
            ByteReader sub = s.sub(size, sizeAt, "name subsection " + id, "name subsection " + id);
            String what = "name subsection " + id;
            switch (id) {
                case 0 -> sub.name("the module name in the name section");
                case 1 -> {
                    functionNames = new FunctionNames(sub.bytes(), sub.pos(), sub.end());
                    nameMap(sub, what);
                }
                case 2, 3 -> indirectNameMap(sub, what);
                case 5, 6, 7, 8, 9, 11 -> nameMap(sub, what);
                default -> {
                    // Chicory ignores the other subsections.
                }
            }
        }
        return functionNames;
    }

    private void nameMap(ByteReader sub, String what) {
        long n = sub.count("names in " + what, 2);
        long last = -1;
        for (long i = 0; i < n; i++) {
            int at = sub.pos();
            long index = sub.u32("an index in " + what);
            sub.name("a name in " + what);
            if (index < last) {
                // Inserted before the names already read: the parser moves them all.
                budget.spend(i, at, "the name section");
            }
            last = Math.max(last, index);
        }
    }

    private void indirectNameMap(ByteReader sub, String what) {
        long n = sub.count("groups in " + what, 2);
        long last = -1;
        for (long i = 0; i < n; i++) {
            int at = sub.pos();
            long group = sub.u32("a group index in " + what);
            if (group < last) {
                budget.spend(i, at, "the name section");
            }
            last = Math.max(last, group);
            nameMap(sub, what);
        }
    }
}
