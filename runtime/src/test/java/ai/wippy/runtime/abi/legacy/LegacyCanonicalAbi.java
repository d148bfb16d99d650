package ai.wippy.runtime.abi.legacy;

import ai.wippy.runtime.abi.*;

import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A frozen copy of the canonical ABI as it was before lift/lower plans (commit a187385), kept as the
 * reference the differential test compares the plans with. Not used by the runtime.
 *
 * <p>The synchronous canonical ABI of the Component Model (CanonicalABI.md) for 32-bit memories:
 * layout, flattening, and lifting/lowering of every WIT value type between the Java value model
 * (see {@link WitType}) and a guest's core values and linear memory.
 *
 * <p>Core values are {@code long}s in Chicory's raw encoding: i32 as an int sign-extended to
 * long, f32 as {@link Float#floatToRawIntBits}, f64 as {@link Double#doubleToRawLongBits}.
 * Methods without a {@link StringEncoding} use UTF-8. Any rule the guest breaks (bad pointer,
 * invalid UTF-8, bad discriminant, ...) and any host value that does not fit its type raise
 * {@link CanonicalAbiException}.
 *
 * <p>Resource handles ({@code own}/{@code borrow}) pass through as their i32 table index; the
 * handle tables belong to the component host that calls this class.
 */
public final class LegacyCanonicalAbi {

    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_RESULTS = 1;
    public static final int MAX_STRING_BYTE_LENGTH = (1 << 28) - 1;
    public static final int MAX_LIST_BYTE_LENGTH = (1 << 28) - 1;

    private LegacyCanonicalAbi() {
    }

    public static int size(WitType t) {
        return LegacyTypeLayout.size(t);
    }

    public static int alignment(WitType t) {
        return LegacyTypeLayout.alignment(t);
    }

    public static List<CoreType> flatten(WitType t) {
        return List.copyOf(LegacyFlattening.flatten(t));
    }

    public static FlatSignature flattenFunction(WitFunction f, Direction direction) {
        return LegacyFlattening.flattenFunction(f, direction);
    }

    // ---- host calls a guest export (canon lift) -------------------------------------------

    /** The core arguments for calling the guest export {@code f} with {@code args} (already coerced). */
    public static long[] lowerArguments(WitFunction f, List<Object> args, GuestMemory memory, GuestAllocator allocator) {
        return lowerArguments(f, args, memory, allocator, StringEncoding.UTF8);
    }

    public static long[] lowerArguments(WitFunction f, List<Object> args, GuestMemory memory, GuestAllocator allocator,
                                        StringEncoding encoding) {
        return lowerArguments(f, args, memory, allocator, encoding, null);
    }

    public static long[] lowerArguments(WitFunction f, List<Object> args, GuestMemory memory, GuestAllocator allocator,
                                        StringEncoding encoding, ResourceHandles handles) {
        checkCount("arguments", f.params().size(), args.size());
        LegacyAbiContext cx = new LegacyAbiContext(memory, allocator, encoding, handles);
        List<WitType> types = f.paramTypes();
        if (LegacyFlattening.flattenAll(types).size() > MAX_FLAT_PARAMS) {
            WitType.TupleType tuple = new WitType.TupleType(types);
            long ptr = cx.allocate(LegacyTypeLayout.alignment(tuple), LegacyTypeLayout.size(tuple), "the arguments of " + f.name());
            LegacyMemoryCodec.store(cx, tuple, args, ptr);
            return new long[] {(int) ptr};
        }
        List<Long> flat = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            LegacyFlatCodec.lower(cx, types.get(i), args.get(i), flat);
        }
        return toArray(flat);
    }

    /** The results of the guest export {@code f} from its core results: null, one value, or a List. */
    public static Object liftResults(WitFunction f, long[] coreResults, GuestMemory memory) {
        return liftResults(f, coreResults, memory, StringEncoding.UTF8);
    }

    public static Object liftResults(WitFunction f, long[] coreResults, GuestMemory memory, StringEncoding encoding) {
        return liftResults(f, coreResults, memory, encoding, null);
    }

    public static Object liftResults(WitFunction f, long[] coreResults, GuestMemory memory, StringEncoding encoding,
                                     ResourceHandles handles) {
        FlatSignature sig = flattenFunction(f, Direction.LIFT);
        checkCount("core results", sig.results().size(), coreResults.length);
        List<Object> values = liftValues(new LegacyAbiContext(memory, null, encoding, handles), f.results(), coreResults,
                sig.resultsInMemory(), "results");
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : values;
    }

    // ---- guest calls a host import (canon lower) ------------------------------------------

    /** The arguments of the host import {@code f} from the guest's core arguments (the retptr, if any, is ignored). */
    public static List<Object> liftArguments(WitFunction f, long[] coreArgs, GuestMemory memory) {
        return liftArguments(f, coreArgs, memory, StringEncoding.UTF8);
    }

    public static List<Object> liftArguments(WitFunction f, long[] coreArgs, GuestMemory memory, StringEncoding encoding) {
        return liftArguments(f, coreArgs, memory, encoding, null);
    }

    public static List<Object> liftArguments(WitFunction f, long[] coreArgs, GuestMemory memory, StringEncoding encoding,
                                             ResourceHandles handles) {
        FlatSignature sig = flattenFunction(f, Direction.LOWER);
        checkCount("core arguments", sig.params().size(), coreArgs.length);
        return liftValues(new LegacyAbiContext(memory, null, encoding, handles), f.paramTypes(), coreArgs,
                sig.paramsInMemory(), "arguments");
    }

    /**
     * The core results of the host import {@code f} returning {@code results} (one value per WIT
     * result). When {@code flattenFunction(f, LOWER).resultsInMemory()}, they are stored at
     * {@code retptr} (the guest's last core argument) and the returned array is empty; otherwise
     * {@code retptr} is ignored. Strings and lists are allocated with the guest's allocator.
     */
    public static long[] lowerResults(WitFunction f, List<Object> results, GuestMemory memory, GuestAllocator allocator,
                                      int retptr) {
        return lowerResults(f, results, memory, allocator, retptr, StringEncoding.UTF8);
    }

    public static long[] lowerResults(WitFunction f, List<Object> results, GuestMemory memory, GuestAllocator allocator,
                                      int retptr, StringEncoding encoding) {
        return lowerResults(f, results, memory, allocator, retptr, encoding, null);
    }

    public static long[] lowerResults(WitFunction f, List<Object> results, GuestMemory memory, GuestAllocator allocator,
                                      int retptr, StringEncoding encoding, ResourceHandles handles) {
        checkCount("results", f.results().size(), results.size());
        LegacyAbiContext cx = new LegacyAbiContext(memory, allocator, encoding, handles);
        if (LegacyFlattening.flattenAll(f.results()).size() > MAX_FLAT_RESULTS) {
            WitType.TupleType tuple = new WitType.TupleType(f.results());
            long ptr = LegacyAbiContext.unsigned(retptr);
            checkTupleRange(cx, tuple, ptr, "results");
            LegacyMemoryCodec.store(cx, tuple, results, ptr);
            return new long[0];
        }
        List<Long> flat = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            LegacyFlatCodec.lower(cx, f.results().get(i), results.get(i), flat);
        }
        return toArray(flat);
    }

    // ---- single values ----------------------------------------------------------------------

    /** The value of type {@code t} stored at {@code ptr}. */
    public static Object load(WitType t, GuestMemory memory, int ptr) {
        return load(t, memory, ptr, StringEncoding.UTF8);
    }

    public static Object load(WitType t, GuestMemory memory, int ptr, StringEncoding encoding) {
        LegacyAbiContext cx = new LegacyAbiContext(memory, null, encoding);
        long p = LegacyAbiContext.unsigned(ptr);
        checkTupleRange(cx, t, p, t.toString());
        return LegacyMemoryCodec.load(cx, t, p);
    }

    /** Stores {@code value} of type {@code t} at {@code ptr}; strings and lists go to fresh allocations. */
    public static void store(WitType t, Object value, GuestMemory memory, int ptr, GuestAllocator allocator) {
        store(t, value, memory, ptr, allocator, StringEncoding.UTF8);
    }

    public static void store(WitType t, Object value, GuestMemory memory, int ptr, GuestAllocator allocator,
                             StringEncoding encoding) {
        LegacyAbiContext cx = new LegacyAbiContext(memory, allocator, encoding);
        long p = LegacyAbiContext.unsigned(ptr);
        checkTupleRange(cx, t, p, t.toString());
        LegacyMemoryCodec.store(cx, t, value, p);
    }

    /** The value of type {@code t} from exactly {@code flatten(t).size()} core values. */
    public static Object liftFlat(WitType t, long[] coreValues, GuestMemory memory, StringEncoding encoding) {
        checkCount("core values", LegacyFlattening.flatten(t).size(), coreValues.length);
        return LegacyFlatCodec.lift(new LegacyAbiContext(memory, null, encoding), new LegacyFlatCodec.ArrayReader(coreValues), t);
    }

    /** The {@code flatten(t).size()} core values of {@code value}. */
    public static long[] lowerFlat(WitType t, Object value, GuestMemory memory, GuestAllocator allocator,
                                   StringEncoding encoding) {
        List<Long> flat = new ArrayList<>();
        LegacyFlatCodec.lower(new LegacyAbiContext(memory, allocator, encoding), t, value, flat);
        return toArray(flat);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static List<Object> liftValues(LegacyAbiContext cx, List<WitType> types, long[] core, boolean inMemory, String what) {
        if (inMemory) {
            WitType.TupleType tuple = new WitType.TupleType(types);
            long ptr = LegacyAbiContext.unsigned(core[0]);
            checkTupleRange(cx, tuple, ptr, what);
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) LegacyMemoryCodec.load(cx, tuple, ptr);
            return values;
        }
        LegacyFlatCodec.ArrayReader reader = new LegacyFlatCodec.ArrayReader(core);
        List<Object> values = new ArrayList<>(types.size());
        for (WitType t : types) {
            values.add(LegacyFlatCodec.lift(cx, reader, t));
        }
        return Collections.unmodifiableList(values);
    }

    private static void checkTupleRange(LegacyAbiContext cx, WitType t, long ptr, String what) {
        cx.checkAligned(ptr, LegacyTypeLayout.alignment(t), what);
        cx.checkInBounds(ptr, LegacyTypeLayout.size(t), what);
    }

    private static void checkCount(String what, int expected, int actual) {
        if (expected != actual) {
            throw new CanonicalAbiException("expected " + expected + " " + what + ", got " + actual);
        }
    }

    private static long[] toArray(List<Long> flat) {
        long[] out = new long[flat.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat.get(i);
        }
        return out;
    }
}
