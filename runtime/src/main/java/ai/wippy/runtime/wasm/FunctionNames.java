package ai.wippy.runtime.wasm;



/**
 * The function names of a module's name section, looked up only when a message needs one: the
 * name map is kept as a span of the file (already checked by {@link NameSectionScanner}), not as a
 * map of perhaps a million names.
 */
public final class FunctionNames {

    public static final FunctionNames NONE = new FunctionNames(null, 0, 0);

    private final byte[] bytes;
    private final int start;
    private final int end;

    public FunctionNames(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
    }

    /** The name of function {@code index}, or null (the last one given wins, as in Chicory). */
    public String find(int index) {
        if (bytes == null) {
            return null;
        }
        ByteReader r = new ByteReader(bytes, start, end, "the function names");
        String found = null;
        long n = r.count("names", 2);
        for (long i = 0; i < n; i++) {
            long at = r.u32("an index");
            String name = r.name("a name");
            if (at == index) {
                found = name;
            }
        }
        return found;
    }
}
