package ai.wippy.runtime.abi;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.abi.legacy.LegacyCanonicalAbi;
import ai.wippy.runtime.wit.ResourceType;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitResult;
import ai.wippy.runtime.wit.WitType;
import ai.wippy.runtime.wit.WitVariant;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Differential test of the compiled plans against the canonical ABI as it was before them
 * ({@code legacy/}, a frozen copy that walked the type tree on every call): random WIT types,
 * functions and values (valid and not), random guest memories and core values, every entry point
 * and string encoding. Each run of an operation must agree exactly: the value returned (with the
 * same Java classes), or the exception class and message; the bytes of guest memory afterwards;
 * every realloc call and every handle lifted or lowered, in order.
 */
class PlanEquivalenceTest {

    private static final int MEMORY = 1 << 16;
    private static final ResourceType R1 = new ResourceType("r1");
    private static final ResourceType R2 = new ResourceType("r2");

    private final Random random = new Random(20261201);
    /** Operations that returned a value, and that failed: both must be well exercised. */
    private int values;
    private int traps;

    private void assertExercised(int each) {
        assertThat(values).as("operations that returned a value").isGreaterThan(each);
        assertThat(traps).as("operations that failed").isGreaterThan(each);
    }

    // ---- random types ---------------------------------------------------------------------------

    WitType type(int depth) {
        int n = depth <= 0 ? 14 : 24;
        switch (random.nextInt(n)) {
            case 0: return WitType.BOOL;
            case 1: return WitType.S8;
            case 2: return WitType.U8;
            case 3: return WitType.S16;
            case 4: return WitType.U16;
            case 5: return WitType.S32;
            case 6: return WitType.U32;
            case 7: return WitType.S64;
            case 8: return WitType.U64;
            case 9: return WitType.F32;
            case 10: return WitType.F64;
            case 11: return WitType.CHAR;
            case 12: return WitType.STRING;
            case 13: return flags();
            case 14: return random.nextBoolean() ? new WitType.Own(R1) : new WitType.Borrow(random.nextBoolean() ? R1 : R2);
            case 15:
            case 16: return new WitType.ListType(type(depth - 1));
            case 17: {
                List<WitType.Field> fields = new ArrayList<>();
                int k = 1 + random.nextInt(4);
                for (int i = 0; i < k; i++) {
                    fields.add(new WitType.Field("f" + i, type(depth - 1)));
                }
                return new WitType.RecordType(fields);
            }
            case 18: {
                int k = random.nextInt(4);
                List<WitType> types = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    types.add(type(depth - 1));
                }
                return new WitType.TupleType(types);
            }
            case 19: {
                List<WitType.Case> cases = new ArrayList<>();
                int k = 1 + random.nextInt(4);
                for (int i = 0; i < k; i++) {
                    cases.add(new WitType.Case("c" + i, random.nextInt(3) == 0 ? null : type(depth - 1)));
                }
                return new WitType.VariantType(cases);
            }
            case 20: {
                int k = random.nextInt(10) == 0 ? 250 + random.nextInt(20) : 1 + random.nextInt(5);
                return new WitType.EnumType(IntStream.range(0, k).mapToObj(i -> "e" + i).toList());
            }
            case 21: return new WitType.OptionType(type(depth - 1));
            case 22: return new WitType.ResultType(random.nextInt(3) == 0 ? null : type(depth - 1),
                    random.nextInt(3) == 0 ? null : type(depth - 1));
            default: return flags();
        }
    }

    WitType.FlagsType flags() {
        int[] sizes = {1, 3, 8, 9, 16, 17, 32, 33, 40, 70};
        int k = sizes[random.nextInt(sizes.length)];
        return new WitType.FlagsType(IntStream.range(0, k).mapToObj(i -> "b" + i).toList());
    }

    // ---- random values (mostly valid, sometimes not) ------------------------------------------

    Object value(WitType t, int badOdds) {
        if (badOdds > 0 && random.nextInt(badOdds) == 0) {
            return bad(t);
        }
        if (t instanceof WitType.Bool) {
            return random.nextBoolean();
        }
        if (t instanceof WitType.S8) {
            return random.nextBoolean() ? (Object) (random.nextInt(256) - 128) : (Object) (byte) random.nextInt();
        }
        if (t instanceof WitType.U8) {
            return random.nextInt(256);
        }
        if (t instanceof WitType.S16) {
            return random.nextBoolean() ? (Object) (random.nextInt(65536) - 32768) : (Object) (short) random.nextInt();
        }
        if (t instanceof WitType.U16) {
            return random.nextInt(65536);
        }
        if (t instanceof WitType.S32) {
            return random.nextInt(4) == 0 ? (Object) (long) random.nextInt() : (Object) random.nextInt();
        }
        if (t instanceof WitType.U32) {
            return random.nextInt(4) == 0 ? (Object) random.nextInt(Integer.MAX_VALUE) : (Object) (random.nextInt() & 0xffffffffL);
        }
        if (t instanceof WitType.S64) {
            return random.nextInt(5) == 0 ? (Object) BigInteger.valueOf(random.nextLong()) : (Object) random.nextLong();
        }
        if (t instanceof WitType.U64) {
            long x = random.nextLong();
            return x < 0 ? new BigInteger(Long.toUnsignedString(x)) : random.nextBoolean() ? (Object) x : BigInteger.valueOf(x);
        }
        if (t instanceof WitType.F32) {
            float[] special = {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.intBitsToFloat(0x7fa00001)};
            float f = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : Float.intBitsToFloat(random.nextInt());
            return random.nextInt(4) == 0 ? (Object) (double) f : (Object) f;
        }
        if (t instanceof WitType.F64) {
            double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.longBitsToDouble(0x7ff0000000000123L)};
            double d = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : Double.longBitsToDouble(random.nextLong());
            return random.nextInt(8) == 0 ? (Object) (float) d : (Object) d;
        }
        if (t instanceof WitType.Char) {
            int cp;
            do {
                cp = random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x110000);
            } while (cp >= 0xd800 && cp <= 0xdfff);
            return random.nextInt(6) == 0 && cp < 0x10000 ? (Object) (char) cp : new String(Character.toChars(cp));
        }
        if (t instanceof WitType.StringType) {
            return string(false);
        }
        if (t instanceof WitType.ListType l) {
            int k = random.nextInt(6) == 0 ? random.nextInt(40) : random.nextInt(4);
            List<Object> out = random.nextInt(8) == 0 ? new LinkedList<>() : new ArrayList<>();
            for (int i = 0; i < k; i++) {
                out.add(value(l.element(), badOdds == 0 ? 0 : badOdds * 4));
            }
            if ((l.element() instanceof WitType.U8 || l.element() instanceof WitType.S8) && random.nextInt(3) == 0) {
                byte[] bytes = new byte[k];
                random.nextBytes(bytes);
                return random.nextBoolean() ? bytes : new ByteList(bytes, l.element() instanceof WitType.U8);
            }
            return out;
        }
        if (t instanceof WitType.RecordType r) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (WitType.Field f : r.fields()) {
                m.put(f.name(), value(f.type(), badOdds));
            }
            if (random.nextInt(10) == 0) {
                m.put("extra", 1);
            }
            return m;
        }
        if (t instanceof WitType.TupleType tu) {
            List<Object> out = new ArrayList<>();
            for (WitType e : tu.types()) {
                out.add(value(e, badOdds));
            }
            return out;
        }
        if (t instanceof WitType.VariantType v) {
            WitType.Case c = v.cases().get(random.nextInt(v.cases().size()));
            return new WitVariant(c.name(), c.type() == null ? null : value(c.type(), badOdds));
        }
        if (t instanceof WitType.EnumType e) {
            return e.cases().get(random.nextInt(e.cases().size()));
        }
        if (t instanceof WitType.OptionType o) {
            if (random.nextInt(3) == 0) {
                return null;
            }
            if (o.type() instanceof WitType.OptionType inner) {
                return random.nextBoolean() ? new WitVariant("none", null) : new WitVariant("some", nonNull(inner, badOdds));
            }
            return value(o.type(), badOdds);
        }
        if (t instanceof WitType.ResultType r) {
            boolean ok = random.nextBoolean();
            WitType side = ok ? r.ok() : r.err();
            return new WitResult(ok, side == null ? null : value(side, badOdds));
        }
        if (t instanceof WitType.FlagsType f) {
            List<String> labels = new ArrayList<>();
            for (String l : f.labels()) {
                if (random.nextInt(3) == 0) {
                    labels.add(l);
                }
            }
            return switch (random.nextInt(3)) {
                case 0 -> new LinkedHashSet<>(labels);
                case 1 -> new HashSet<>(labels);
                default -> labels;
            };
        }
        // own, borrow: a handle index (without ResourceHandles) or anything (with the recording handles)
        return random.nextInt(20) == 0 ? (Object) (-1 - random.nextInt(5)) : (Object) random.nextInt(100);
    }

    private Object nonNull(WitType.OptionType inner, int badOdds) {
        Object v;
        do {
            v = value(inner, badOdds);
        } while (v == null);
        return v;
    }

    Object bad(WitType t) {
        Object[] wrong = {null, "x", 300, -1, 1L << 40, new BigInteger("18446744073709551616"), 1.5, true,
                new WitVariant("nope", null), new WitResult(true, 5), List.of(), Map.of(), new byte[3], 'c', "\ud800",
                Set_of("zz"), new WitVariant("c0", 7), (short) -3, (byte) -3};
        return wrong[random.nextInt(wrong.length)];
    }

    private static Object Set_of(String s) {
        return new LinkedHashSet<>(List.of(s));
    }

    String string(boolean allowBad) {
        int k = random.nextInt(5) == 0 ? random.nextInt(300) : random.nextInt(12);
        StringBuilder b = new StringBuilder();
        int mode = random.nextInt(5);
        for (int i = 0; i < k; i++) {
            int cp = switch (mode) {
                case 0 -> random.nextInt(0x80);
                case 1 -> random.nextInt(0x100);
                case 2 -> random.nextInt(0x800);
                case 3 -> random.nextInt(0x10000);
                default -> random.nextInt(0x110000);
            };
            if (cp >= 0xd800 && cp <= 0xdfff && !(allowBad || random.nextInt(50) == 0)) {
                cp = 'a';
            }
            b.appendCodePoint(cp);
        }
        if (random.nextInt(40) == 0) {
            b.append(random.nextBoolean() ? '\ud801' : '\udc01'); // a lone surrogate: cannot be lowered
        }
        return b.toString();
    }

    // ---- the environment both implementations get an identical copy of -----------------------

    /** A memory, an allocator that is mostly well-behaved, and handles that record what they see. */
    final class World {
        final ByteArrayMemory memory = new ByteArrayMemory(MEMORY);
        final List<String> log = new ArrayList<>();
        final long seed;
        private final Random r;
        private int next = 1024;

        World(long seed, byte[] contents) {
            this.seed = seed;
            this.r = new Random(seed);
            System.arraycopy(contents, 0, memory.bytes, 0, MEMORY);
        }

        final GuestAllocator allocator = (oldPtr, oldSize, align, newSize) -> {
            int ptr;
            int pick = World.this.r.nextInt(60);
            if (pick == 0) {
                ptr = 3; // misaligned (for align > 1)
            } else if (pick == 1) {
                ptr = MEMORY - 2; // out of bounds for most sizes
            } else if (pick == 2) {
                ptr = -1;
            } else {
                ptr = (next + align - 1) / align * align;
                next = ptr + newSize;
                if (next > MEMORY - 4096) {
                    next = 1024;
                }
            }
            log.add("realloc(" + oldPtr + ", " + oldSize + ", " + align + ", " + newSize + ") = " + ptr);
            return ptr;
        };

        final ResourceHandles handles = new ResourceHandles() {
            @Override
            public Object lift(WitType t, int index) {
                log.add("lift " + t + " " + index);
                if (index > 1000) {
                    throw new CanonicalAbiException("unknown handle index " + index);
                }
                return "handle-" + index;
            }

            @Override
            public int lower(WitType t, Object value) {
                log.add("lower " + t + " " + value);
                if (value instanceof Integer i) {
                    return i * 3;
                }
                throw new CanonicalAbiException("cannot pass " + value + " as " + t);
            }
        };
    }

    /** What an operation did: its value or exception, and the memory and calls it left behind. */
    record Outcome(String result, byte[] memory, List<String> log) {
        void assertSame(Outcome legacy, Supplier<String> what) {
            assertThat(result).as("result of %s", what.get()).isEqualTo(legacy.result);
            assertThat(log).as("realloc and handle calls of %s", what.get()).isEqualTo(legacy.log);
            if (!Arrays.equals(memory, legacy.memory)) {
                int at = Arrays.mismatch(memory, legacy.memory);
                throw new AssertionError("memory differs at " + at + " after " + what.get() + ": " + memory[at]
                        + " vs legacy " + legacy.memory[at]);
            }
        }
    }

    interface Op {
        Object run(World w);
    }

    Outcome run(World w, Op op) {
        String result;
        try {
            result = describe(op.run(w));
        } catch (RuntimeException e) {
            result = "throws " + e.getClass().getName() + ": " + e.getMessage();
        }
        return new Outcome(result, w.memory.bytes.clone(), w.log);
    }

    /** The value with the Java class of every part, so Integer 1 and Long 1 differ (List kinds may). */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof long[] a) {
            return "long" + Arrays.toString(a);
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object e : l) {
                b.append(describe(e)).append(", ");
            }
            return b.append("]").toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder(v.getClass().getSimpleName()).append("{");
            m.forEach((k, x) -> b.append(k).append('=').append(describe(x)).append(", "));
            return b.append("}").toString();
        }
        if (v instanceof java.util.Set<?> s) {
            return v.getClass().getSimpleName() + s;
        }
        if (v instanceof WitVariant wv) {
            return "variant(" + wv.caseName() + ", " + describe(wv.value()) + ")";
        }
        if (v instanceof WitResult r) {
            return "result(" + r.isOk() + ", " + describe(r.value()) + ")";
        }
        if (v instanceof Float f) {
            return "f32:" + Integer.toHexString(Float.floatToRawIntBits(f));
        }
        if (v instanceof Double d) {
            return "f64:" + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    void compare(byte[] contents, String what, Op legacy, Op plan) {
        long seed = random.nextLong();
        Outcome expected = run(new World(seed, contents), legacy);
        Outcome actual = run(new World(seed, contents), plan);
        actual.assertSame(expected, () -> what);
        if (expected.result.startsWith("throws")) {
            traps++;
        } else {
            values++;
        }
    }

    byte[] garbage() {
        byte[] b = new byte[MEMORY];
        int mode = random.nextInt(3);
        for (int i = 0; i < MEMORY; i++) {
            b[i] = switch (mode) {
                case 0 -> (byte) random.nextInt(4); // small numbers: valid discriminants, short lists
                case 1 -> (byte) ('a' + random.nextInt(26));
                default -> (byte) random.nextInt();
            };
        }
        return b;
    }

    /** Core values of the given flat types: pointers mostly inside memory, lengths mostly small. */
    long[] core(List<CoreType> types) {
        long[] out = new long[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (types.get(i)) {
                case I32 -> switch (random.nextInt(6)) {
                    case 0 -> random.nextInt();
                    case 1, 2 -> random.nextInt(8);
                    default -> random.nextInt(MEMORY) & ~(random.nextBoolean() ? 7 : 0);
                };
                case I64 -> random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(8);
                case F32 -> Float.floatToRawIntBits(random.nextFloat());
                case F64 -> random.nextLong();
            };
        }
        return out;
    }

    WitFunction function(int maxParams, int maxResults) {
        List<WitFunction.Param> params = new ArrayList<>();
        int k = random.nextInt(maxParams + 1);
        for (int i = 0; i < k; i++) {
            params.add(new WitFunction.Param("p" + i, type(random.nextInt(4))));
        }
        List<WitType> results = new ArrayList<>();
        int r = random.nextInt(maxResults + 1);
        for (int i = 0; i < r; i++) {
            results.add(type(random.nextInt(4)));
        }
        return new WitFunction("f" + random.nextInt(100), params, results);
    }

    List<Object> values(List<WitType> types, int badOdds) {
        List<Object> out = new ArrayList<>();
        for (WitType t : types) {
            out.add(value(t, badOdds));
        }
        return out;
    }

    // ---- the tests -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(StringEncoding.class)
    void functionsAgreeWithTheTreeWalkingAbi(StringEncoding encoding) {
        for (int round = 0; round < 3000; round++) {
            WitFunction f = function(random.nextInt(5) == 0 ? 12 : 3, random.nextInt(4) == 0 ? 3 : 1);
            boolean withHandles = random.nextBoolean();
            String fn = f + " (" + encoding + (withHandles ? ", handles" : "") + ")";
            byte[] contents = garbage();
            FunctionPlan lift = FunctionPlan.compile(f, encoding, Direction.LIFT);
            FunctionPlan lower = FunctionPlan.compile(f, encoding, Direction.LOWER);

            // lowering arguments and results, values mostly valid
            List<Object> args = values(f.paramTypes(), 25);
            compare(contents, "lowerArguments " + fn + " " + describe(args),
                    w -> LegacyCanonicalAbi.lowerArguments(f, args, w.memory, w.allocator, encoding, withHandles ? w.handles : null),
                    w -> lift.lowerArguments(args, w.memory, w.allocator, withHandles ? w.handles : null));
            List<Object> results = values(f.results(), 25);
            int retptr = random.nextInt(10) == 0 ? random.nextInt() : random.nextInt(MEMORY) & ~7;
            compare(contents, "lowerResults " + fn + " " + describe(results) + " at " + retptr,
                    w -> LegacyCanonicalAbi.lowerResults(f, results, w.memory, w.allocator, retptr, encoding,
                            withHandles ? w.handles : null),
                    w -> lower.lowerResults(results, w.memory, w.allocator, retptr, withHandles ? w.handles : null));

            // lifting from garbage
            long[] coreResults = core(LegacyCanonicalAbi.flattenFunction(f, Direction.LIFT).results());
            compare(contents, "liftResults " + fn + " " + Arrays.toString(coreResults),
                    w -> LegacyCanonicalAbi.liftResults(f, coreResults, w.memory, encoding, withHandles ? w.handles : null),
                    w -> lift.liftResults(coreResults, w.memory, withHandles ? w.handles : null));
            long[] coreArgs = core(LegacyCanonicalAbi.flattenFunction(f, Direction.LOWER).params());
            compare(contents, "liftArguments " + fn + " " + Arrays.toString(coreArgs),
                    w -> LegacyCanonicalAbi.liftArguments(f, coreArgs, w.memory, encoding, withHandles ? w.handles : null),
                    w -> lower.liftArguments(coreArgs, w.memory, withHandles ? w.handles : null));

            // lifting what the legacy ABI lowered: the values come back
            roundTrip(f, encoding, lift, lower, withHandles);
        }
        assertExercised(2000);
    }

    /** Lowers valid values with the legacy ABI, then lifts them with both. */
    private void roundTrip(WitFunction f, StringEncoding encoding, FunctionPlan lift, FunctionPlan lower, boolean withHandles) {
        byte[] contents = garbage();
        World w = new World(random.nextLong(), contents);
        List<Object> args = values(f.paramTypes(), 0);
        long[] core;
        try {
            core = LegacyCanonicalAbi.lowerArguments(f, args, w.memory, w.allocator, encoding, null);
        } catch (CanonicalAbiException e) {
            return; // an allocator failure or a lone surrogate: nothing to lift
        }
        FlatSignature sig = LegacyCanonicalAbi.flattenFunction(f, Direction.LOWER);
        long[] coreArgs = Arrays.copyOf(core, sig.params().size());
        byte[] lowered = w.memory.bytes.clone();
        compare(lowered, "liftArguments (lowered) " + f + " " + describe(args),
                x -> LegacyCanonicalAbi.liftArguments(f, coreArgs, x.memory, encoding, withHandles ? x.handles : null),
                x -> lower.liftArguments(coreArgs, x.memory, withHandles ? x.handles : null));

        List<Object> results = values(f.results(), 0);
        World r = new World(random.nextLong(), contents);
        int retptr = 8;
        long[] flat;
        try {
            flat = LegacyCanonicalAbi.lowerResults(f, results, r.memory, r.allocator, retptr, encoding, null);
        } catch (CanonicalAbiException e) {
            return;
        }
        long[] coreResults = sig.resultsInMemory() ? new long[] {retptr} : flat;
        byte[] stored = r.memory.bytes.clone();
        compare(stored, "liftResults (lowered) " + f + " " + describe(results),
                x -> LegacyCanonicalAbi.liftResults(f, coreResults, x.memory, encoding, withHandles ? x.handles : null),
                x -> lift.liftResults(coreResults, x.memory, withHandles ? x.handles : null));
    }

    @ParameterizedTest
    @EnumSource(StringEncoding.class)
    void singleValuesAgreeWithTheTreeWalkingAbi(StringEncoding encoding) {
        for (int round = 0; round < 3000; round++) {
            WitType t = type(random.nextInt(5));
            byte[] contents = garbage();
            int ptr = random.nextInt(8) == 0 ? random.nextInt() : random.nextInt(MEMORY);
            compare(contents, "load " + t + " at " + ptr,
                    w -> LegacyCanonicalAbi.load(t, w.memory, ptr, encoding),
                    w -> CanonicalAbi.load(t, w.memory, ptr, encoding));
            Object v = value(t, 20);
            compare(contents, "store " + t + " " + describe(v) + " at " + ptr,
                    w -> {
                        LegacyCanonicalAbi.store(t, v, w.memory, ptr, w.allocator, encoding);
                        return "stored";
                    },
                    w -> {
                        CanonicalAbi.store(t, v, w.memory, ptr, w.allocator, encoding);
                        return "stored";
                    });
            long[] flat = core(LegacyCanonicalAbi.flatten(t));
            compare(contents, "liftFlat " + t + " " + Arrays.toString(flat),
                    w -> LegacyCanonicalAbi.liftFlat(t, flat, w.memory, encoding),
                    w -> CanonicalAbi.liftFlat(t, flat, w.memory, encoding));
            compare(contents, "lowerFlat " + t + " " + describe(v),
                    w -> LegacyCanonicalAbi.lowerFlat(t, v, w.memory, w.allocator, encoding),
                    w -> CanonicalAbi.lowerFlat(t, v, w.memory, w.allocator, encoding));
            assertThat(CanonicalAbi.size(t)).as("size of %s", t).isEqualTo(LegacyCanonicalAbi.size(t));
            assertThat(CanonicalAbi.alignment(t)).as("alignment of %s", t).isEqualTo(LegacyCanonicalAbi.alignment(t));
            assertThat(CanonicalAbi.flatten(t)).as("flatten %s", t).isEqualTo(LegacyCanonicalAbi.flatten(t));
        }
        assertExercised(2000);
    }

    @Test
    void flatSignaturesAgree() {
        for (int round = 0; round < 3000; round++) {
            WitFunction f = function(random.nextInt(4) == 0 ? 14 : 4, 3);
            for (Direction d : Direction.values()) {
                assertThat(CanonicalAbi.flattenFunction(f, d)).as("%s %s", f, d)
                        .isEqualTo(LegacyCanonicalAbi.flattenFunction(f, d));
            }
        }
    }

    @Test
    void sharedSubtreesAreCompiledOnce() {
        // a DAG of 2^18 leaves but 19 nodes: laid out like the tree it stands for
        WitType t = WitType.U16;
        for (int i = 0; i < 18; i++) {
            t = new WitType.TupleType(List.of(t, new WitType.RecordType(List.of(new WitType.Field("a", WitType.U8))), t));
        }
        assertThat(CanonicalAbi.size(t)).isEqualTo(LegacyCanonicalAbi.size(t));
        assertThat(CanonicalAbi.alignment(t)).isEqualTo(LegacyCanonicalAbi.alignment(t));
        WitType list = new WitType.ListType(t);
        WitFunction f = new WitFunction("f", List.of(new WitFunction.Param("l", list)), List.of(WitType.U32));
        byte[] contents = garbage();
        compare(contents, "lift a list of a big type",
                w -> LegacyCanonicalAbi.liftArguments(f, new long[] {16, 70000}, w.memory, StringEncoding.UTF8),
                w -> FunctionPlan.compile(f, StringEncoding.UTF8, Direction.LOWER).liftArguments(new long[] {16, 70000}, w.memory, null));
    }

    @Test
    void utf8ValidationMatchesTheStrictJdkDecoder() {
        // every sequence of one, two and three bytes, and random longer ones
        byte[] b1 = new byte[1];
        for (int a = 0; a < 256; a++) {
            b1[0] = (byte) a;
            checkUtf8(b1);
        }
        byte[] b2 = new byte[2];
        byte[] b3 = new byte[3];
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                b2[0] = (byte) a;
                b2[1] = (byte) b;
                checkUtf8(b2);
                if (a >= 0xc0) {
                    for (int c = 0; c < 256; c++) {
                        b3[0] = (byte) a;
                        b3[1] = (byte) b;
                        b3[2] = (byte) c;
                        checkUtf8(b3);
                    }
                }
            }
        }
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[4 + random.nextInt(12)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (random.nextInt(3) == 0 ? random.nextInt(0x80) : 0x80 + random.nextInt(0x80));
            }
            if (random.nextBoolean()) {
                b[0] = (byte) (0xf0 + random.nextInt(8));
            }
            checkUtf8(b);
        }
        byte[] ascii = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < ascii.length; i++) {
            byte[] withHigh = ascii.clone();
            withHigh[i] = (byte) 0xe9; // one non-ASCII byte at each position of the 8-byte blocks
            checkUtf8(withHigh);
        }
    }

    private static void checkUtf8(byte[] b) {
        String strict = StringCodec.strictDecode(b, java.nio.charset.StandardCharsets.UTF_8);
        String fast = StringCodec.decodeUtf8(b);
        if (!Objects.equals(strict, fast)) {
            throw new AssertionError("UTF-8 " + Arrays.toString(b) + ": strict " + strict + ", fast " + fast);
        }
    }

    @Test
    void utf16ValidationMatchesTheStrictJdkDecoder() {
        byte[] b = new byte[4];
        int[] units = {0x0041, 0x00e9, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfeff, 0xfffd, 0xffff};
        for (int x : units) {
            for (int y : units) {
                b[0] = (byte) x;
                b[1] = (byte) (x >> 8);
                b[2] = (byte) y;
                b[3] = (byte) (y >> 8);
                assertThat(StringCodec.decodeUtf16(b)).as("%x %x", x, y)
                        .isEqualTo(StringCodec.strictDecode(b, java.nio.charset.StandardCharsets.UTF_16LE));
                byte[] one = Arrays.copyOf(b, 2);
                assertThat(StringCodec.decodeUtf16(one)).as("%x", x)
                        .isEqualTo(StringCodec.strictDecode(one, java.nio.charset.StandardCharsets.UTF_16LE));
            }
        }
    }
}
