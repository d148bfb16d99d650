package ai.wippy.runtime.wasm;

import java.util.Arrays;

/**
 * What the pre-pass learns about a core module's index spaces while it reads the sections: the
 * arity of each type, the type of each function and tag. The instruction walk needs it to price
 * calls, blocks and branches the way the runtime's validator will pay for them. Unknown indices
 * price as zero: the validator rejects them itself, cheaply.
 */
public final class ModuleShape {

    private final Ints typeParams = new Ints();
    private final Ints typeResults = new Ints();
    private final Ints structFields = new Ints();
    private final Ints functionTypes = new Ints();
    private final Ints tagTypes = new Ints();
    private int importedFunctions;

    public void addFunctionType(int params, int results) {
        typeParams.add(params);
        typeResults.add(results);
        structFields.add(0);
    }

    public void addStructType(int fields) {
        typeParams.add(0);
        typeResults.add(0);
        structFields.add(fields);
    }

    public void addOtherType() {
        addStructType(0);
    }

    public void addImportedFunction(long typeIndex) {
        functionTypes.add(index(typeIndex));
        importedFunctions++;
    }

    public void addFunction(long typeIndex) {
        functionTypes.add(index(typeIndex));
    }

    public void addTag(long typeIndex) {
        tagTypes.add(index(typeIndex));
    }

    public int importedFunctions() {
        return importedFunctions;
    }

    /** Functions declared in the function section (their bodies are in the code section). */
    public int definedFunctions() {
        return functionTypes.size() - importedFunctions;
    }

    public int params(long type) {
        return typeParams.get(type);
    }

    public int results(long type) {
        return typeResults.get(type);
    }

    public int fields(long type) {
        return structFields.get(type);
    }

    /** The type index of function {@code f}, or -1. */
    public int functionType(long f) {
        return f >= 0 && f < functionTypes.size() ? functionTypes.get(f) : -1;
    }

    public int tagParams(long tag) {
        return tag >= 0 && tag < tagTypes.size() ? params(tagTypes.get(tag)) : 0;
    }

    private static int index(long i) {
        return i > Integer.MAX_VALUE ? -1 : (int) i;
    }

    /** A growable int list; {@link #get} of an index out of range is 0. */
    private static final class Ints {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(long i) {
            return i >= 0 && i < size ? values[(int) i] : 0;
        }

        int size() {
            return size;
        }
    }
}
