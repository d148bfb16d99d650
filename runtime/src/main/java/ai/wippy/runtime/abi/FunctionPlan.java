package ai.wippy.runtime.abi;

import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The canonical ABI of one function type, compiled once: a codec per parameter and result, each
 * one's first flat slot, the flat core signature for its direction, and whether parameters or
 * results spill to memory (past {@link CanonicalAbi#MAX_FLAT_PARAMS} /
 * {@link CanonicalAbi#MAX_FLAT_RESULTS}) with the tuple codec for the spilled values. Immutable and
 * thread-safe: hold one per lifted export or {@code canon lower} and call it for every call.
 *
 * <p>A guest export the host calls ({@code canon lift}): {@link #lowerArguments} then
 * {@link #liftResults}, whose core results are those of {@link Direction#LIFT}. A host import the
 * guest calls ({@code canon lower}): {@link #liftArguments} then {@link #lowerResults}, whose core
 * arguments are those of {@link Direction#LOWER} (a trailing out-pointer when results spill). The
 * direction of the plan only chooses which of the two {@link #signature()} gives. The values, traps and messages are those of
 * {@link CanonicalAbi}'s static methods, which delegate here.
 */
public final class FunctionPlan {

    private static final IdentityCache<WitFunction, FunctionPlan[]> CACHE = new IdentityCache<>(4096);

    private final String spilledArguments; // "the arguments of <name>"
    private final Direction direction;
    private final StringEncoding encoding;
    private final Codec[] params;
    private final Codec[] results;
    private final int[] paramSlots;
    private final int[] resultSlots;
    private final int flatParams;
    private final int flatResults;
    private final boolean paramsInMemory;
    private final boolean resultsInMemory;
    private final RecordCodec paramTuple;  // when paramsInMemory
    private final RecordCodec resultTuple; // when resultsInMemory
    private final FlatSignature signature;

    private FunctionPlan(WitFunction f, StringEncoding encoding, Direction direction) {
        this.spilledArguments = "the arguments of " + f.name();
        this.direction = direction;
        this.encoding = encoding == null ? StringEncoding.UTF8 : encoding;
        Codec.Builder builder = new Codec.Builder(this.encoding);
        List<WitType> paramTypes = f.paramTypes();
        this.params = codecs(builder, paramTypes);
        this.results = codecs(builder, f.results());
        this.paramSlots = slots(params);
        this.resultSlots = slots(results);
        this.flatParams = count(params);
        this.flatResults = count(results);
        this.paramsInMemory = flatParams > CanonicalAbi.MAX_FLAT_PARAMS;
        this.resultsInMemory = flatResults > CanonicalAbi.MAX_FLAT_RESULTS;
        this.paramTuple = paramsInMemory ? tuple(paramTypes, params) : null;
        this.resultTuple = resultsInMemory ? tuple(f.results(), results) : null;
        List<CoreType> coreParams = new ArrayList<>();
        List<CoreType> coreResults = new ArrayList<>();
        if (paramsInMemory) {
            coreParams.add(CoreType.I32);
        } else {
            for (Codec c : params) {
                coreParams.addAll(Arrays.asList(c.flat()));
            }
        }
        if (resultsInMemory) {
            if (direction == Direction.LIFT) {
                coreResults.add(CoreType.I32);
            } else {
                coreParams.add(CoreType.I32);
            }
        } else {
            for (Codec c : results) {
                coreResults.addAll(Arrays.asList(c.flat()));
            }
        }
        this.signature = new FlatSignature(coreParams, coreResults, paramsInMemory, resultsInMemory);
    }

    /** The plan of {@code f}, compiled once per WitFunction object (cached by identity) and direction. */
    public static FunctionPlan of(WitFunction f, StringEncoding encoding, Direction direction) {
        StringEncoding e = encoding == null ? StringEncoding.UTF8 : encoding;
        FunctionPlan[] plans = CACHE.get(f, k -> new FunctionPlan[StringEncoding.values().length * 2]);
        int slot = e.ordinal() * 2 + direction.ordinal();
        FunctionPlan p = plans[slot];
        if (p == null) {
            p = new FunctionPlan(f, e, direction);
            plans[slot] = p; // a racing thread may compile its own: equal, immutable
        }
        return p;
    }

    /** A fresh plan (for callers that keep their plans themselves). */
    public static FunctionPlan compile(WitFunction f, StringEncoding encoding, Direction direction) {
        return new FunctionPlan(f, encoding, direction);
    }

    private static Codec[] codecs(Codec.Builder builder, List<WitType> types) {
        Codec[] out = new Codec[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = builder.codec(types.get(i));
        }
        return out;
    }

    private static int[] slots(Codec[] codecs) {
        int[] out = new int[codecs.length];
        int at = 0;
        for (int i = 0; i < codecs.length; i++) {
            out[i] = at;
            at += codecs[i].flatCount();
        }
        return out;
    }

    private static int count(Codec[] codecs) {
        int n = 0;
        for (Codec c : codecs) {
            n += c.flatCount();
        }
        return n;
    }

    private static RecordCodec tuple(List<WitType> types, Codec[] codecs) {
        return new RecordCodec(new WitType.TupleType(types), Arrays.asList(codecs));
    }

    public FlatSignature signature() {
        return signature;
    }

    public Direction direction() {
        return direction;
    }

    public StringEncoding encoding() {
        return encoding;
    }

    // ---- host calls a guest export (canon lift) -------------------------------------------

    /** The core arguments for calling the guest export with {@code args} (already of the parameter types). */
    public long[] lowerArguments(List<Object> args, GuestMemory memory, GuestAllocator allocator, ResourceHandles handles) {
        checkCount("arguments", params.length, args.size());
        AbiContext cx = new AbiContext(memory, allocator, handles);
        if (paramsInMemory) {
            long ptr = cx.allocate(paramTuple.alignment(), paramTuple.size(), spilledArguments);
            paramTuple.storeValues(cx, ptr, args);
            return new long[] {(int) ptr};
        }
        long[] out = new long[flatParams];
        for (int i = 0; i < params.length; i++) {
            params[i].lower(cx, args.get(i), out, paramSlots[i]);
        }
        return out;
    }

    /** The results of the guest export from its core results: null, one value, or a List. */
    public Object liftResults(long[] coreResults, GuestMemory memory, ResourceHandles handles) {
        checkCount("core results", resultsInMemory ? 1 : flatResults, coreResults.length);
        List<Object> values = liftValues(new AbiContext(memory, null, handles), results, resultSlots, resultTuple,
                coreResults, resultsInMemory, "results");
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : values;
    }

    // ---- guest calls a host import (canon lower) ------------------------------------------

    /** The arguments of the host import from the guest's core arguments (the retptr, if any, is ignored). */
    public List<Object> liftArguments(long[] coreArgs, GuestMemory memory, ResourceHandles handles) {
        checkCount("core arguments", (paramsInMemory ? 1 : flatParams) + (resultsInMemory ? 1 : 0), coreArgs.length);
        return liftValues(new AbiContext(memory, null, handles), params, paramSlots, paramTuple, coreArgs,
                paramsInMemory, "arguments");
    }

    /**
     * The core results of the host import returning {@code results} (one value per WIT result).
     * When the results spill ({@code signature().resultsInMemory()}) they are stored at
     * {@code retptr} (the guest's last core argument) and the returned array is empty; otherwise
     * {@code retptr} is ignored. Strings and lists are allocated with the guest's allocator.
     */
    public long[] lowerResults(List<Object> results, GuestMemory memory, GuestAllocator allocator, int retptr,
                               ResourceHandles handles) {
        checkCount("results", this.results.length, results.size());
        AbiContext cx = new AbiContext(memory, allocator, handles);
        if (resultsInMemory) {
            long ptr = AbiContext.unsigned(retptr);
            checkRange(cx, resultTuple, ptr, "results");
            resultTuple.storeValues(cx, ptr, results);
            return new long[0];
        }
        long[] out = new long[flatResults];
        for (int i = 0; i < this.results.length; i++) {
            this.results[i].lower(cx, results.get(i), out, resultSlots[i]);
        }
        return out;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static List<Object> liftValues(AbiContext cx, Codec[] codecs, int[] slots, RecordCodec tuple, long[] core,
                                           boolean inMemory, String what) {
        if (inMemory) {
            long ptr = AbiContext.unsigned(core[0]);
            checkRange(cx, tuple, ptr, what);
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) tuple.load(cx, ptr);
            return values;
        }
        Object[] values = new Object[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
            values[i] = codecs[i].lift(cx, core, slots[i]);
        }
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** Alignment, then size and bounds, of a value of {@code c} at {@code ptr}: checked before anything is read or written. */
    static void checkRange(AbiContext cx, Codec c, long ptr, String what) {
        cx.checkAligned(ptr, c.alignment(), what);
        cx.checkInBounds(ptr, c.size(), what);
    }

    static void checkCount(String what, int expected, int actual) {
        if (expected != actual) {
            throw new CanonicalAbiException("expected " + expected + " " + what + ", got " + actual);
        }
    }
}
