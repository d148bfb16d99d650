package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.util.List;

/**
 * The synchronous canonical ABI of the Component Model (CanonicalABI.md) for 32-bit memories:
 * layout, flattening, and lifting/lowering of every WIT value type between the Java value model
 * (see {@link WitType}) and a guest's core values and linear memory.
 *
 * <p>Core values are {@code long}s in Chicory's raw encoding: i32 as an int sign-extended to
 * long, f32 as {@link Float#floatToRawIntBits}, f64 as {@link Double#doubleToRawLongBits}.
 * Methods without a {@link StringEncoding} use UTF-8. Any rule the guest breaks (bad pointer,
 * invalid UTF-8, bad discriminant, ...) and any host value that does not fit its type raise
 * {@link CanonicalAbiException}.
 *
 * <p>Resource handles ({@code own}/{@code borrow}) pass through as their i32 table index unless a
 * {@link ResourceHandles} is given; the handle tables belong to the component host that calls this
 * class.
 *
 * <p>Every method here runs a {@link FunctionPlan} (or a single type's compiled codec): the type tree
 * is walked once when the plan is compiled, not on every call. Callers that call one function many
 * times hold its plan ({@link #plan}, {@link FunctionPlan#compile}).
 */
public final class CanonicalAbi {

    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_RESULTS = 1;
    public static final int MAX_STRING_BYTE_LENGTH = (1 << 28) - 1;
    public static final int MAX_LIST_BYTE_LENGTH = (1 << 28) - 1;

    private CanonicalAbi() {
    }

    public static int size(WitType t) {
        return Codec.of(t, StringEncoding.UTF8).size();
    }

    public static int alignment(WitType t) {
        return Codec.of(t, StringEncoding.UTF8).alignment();
    }

    public static List<CoreType> flatten(WitType t) {
        return List.of(Codec.of(t, StringEncoding.UTF8).flat());
    }

    public static FlatSignature flattenFunction(WitFunction f, Direction direction) {
        return FunctionPlan.of(f, StringEncoding.UTF8, direction).signature();
    }

    /**
     * The compiled plan of {@code f} for calls in {@code direction} with {@code encoding}, cached
     * per WitFunction object: callers that make many calls of one function hold it (see
     * {@link FunctionPlan}); the methods below look it up on every call.
     */
    public static FunctionPlan plan(WitFunction f, StringEncoding encoding, Direction direction) {
        return FunctionPlan.of(f, encoding, direction);
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
        return plan(f, encoding, Direction.LIFT).lowerArguments(args, memory, allocator, handles);
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
        return plan(f, encoding, Direction.LIFT).liftResults(coreResults, memory, handles);
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
        return plan(f, encoding, Direction.LOWER).liftArguments(coreArgs, memory, handles);
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
        return plan(f, encoding, Direction.LOWER).lowerResults(results, memory, allocator, retptr, handles);
    }

    // ---- single values ----------------------------------------------------------------------

    /** The value of type {@code t} stored at {@code ptr}. */
    public static Object load(WitType t, GuestMemory memory, int ptr) {
        return load(t, memory, ptr, StringEncoding.UTF8);
    }

    public static Object load(WitType t, GuestMemory memory, int ptr, StringEncoding encoding) {
        AbiContext cx = new AbiContext(memory, null, null);
        Codec c = Codec.of(t, encoding);
        long p = AbiContext.unsigned(ptr);
        FunctionPlan.checkRange(cx, c, p, t.toString());
        return c.load(cx, p);
    }

    /** Stores {@code value} of type {@code t} at {@code ptr}; strings and lists go to fresh allocations. */
    public static void store(WitType t, Object value, GuestMemory memory, int ptr, GuestAllocator allocator) {
        store(t, value, memory, ptr, allocator, StringEncoding.UTF8);
    }

    public static void store(WitType t, Object value, GuestMemory memory, int ptr, GuestAllocator allocator,
                             StringEncoding encoding) {
        AbiContext cx = new AbiContext(memory, allocator, null);
        Codec c = Codec.of(t, encoding);
        long p = AbiContext.unsigned(ptr);
        FunctionPlan.checkRange(cx, c, p, t.toString());
        c.store(cx, p, value);
    }

    /** The value of type {@code t} from exactly {@code flatten(t).size()} core values. */
    public static Object liftFlat(WitType t, long[] coreValues, GuestMemory memory, StringEncoding encoding) {
        Codec c = Codec.of(t, encoding);
        FunctionPlan.checkCount("core values", c.flatCount(), coreValues.length);
        return c.lift(new AbiContext(memory, null, null), coreValues, 0);
    }

    /** The {@code flatten(t).size()} core values of {@code value}. */
    public static long[] lowerFlat(WitType t, Object value, GuestMemory memory, GuestAllocator allocator,
                                   StringEncoding encoding) {
        Codec c = Codec.of(t, encoding);
        long[] out = new long[c.flatCount()];
        c.lower(new AbiContext(memory, allocator, null), value, out, 0);
        return out;
    }
}
