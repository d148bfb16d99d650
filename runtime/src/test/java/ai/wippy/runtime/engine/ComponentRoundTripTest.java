package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.ResourceHandle;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property tests of the canonical ABI through the fixture components (fixtures/components/README.md):
 * seeded random values of every type, edge cases first among them, sent through every echo function of
 * {@code types.wasm} (found by name, {@code echo-*}, with the parameter type equal to the result type)
 * and must come back equal; the other functions of {@code types.wasm} whose result is easy to compute
 * (swaps, spilled parameters and return areas, sums, string functions, lifting of unchecked core
 * values: truncation, non-zero bool, flags bits beyond the labels, invalid chars, discriminants and
 * UTF-8 must trap) are checked against a Java model; so are the string functions of
 * {@code strings-utf16.wasm} and {@code strings-latin1.wasm} (both transcodings, Latin-1-only strings
 * especially), {@code greeter.wasm} and {@code nested.wasm}'s {@code shout} (strings through two
 * component instances); random sequences of resource operations on {@code resources.wasm} against a
 * model (own and borrow handles, lists of both, destructor counts). After each call of
 * {@code types.wasm} the guest's bump heap must be empty
 * again ({@code heap-used} is 0: post-return ran). In the interpreter and in compiled code.
 *
 * <p>The seed is random per run unless {@code -Dwippy.roundtrip.seed=N} is given; it is printed, and a
 * failure names it with the function and the iteration. Each function derives its own seed from it, so
 * a failure reproduces with the same seed whatever else runs. {@code -Dwippy.roundtrip.iterations=N}
 * (default 120) sets the values per function and mode.
 */
class ComponentRoundTripTest {

    static final long SEED = Long.getLong("wippy.roundtrip.seed", new SecureRandom().nextLong());
    static final int ITERATIONS = Integer.getInteger("wippy.roundtrip.iterations", 120);

    /** The value returned when the call must trap. */
    static final Object TRAP = new Object() {
        @Override
        public String toString() {
            return "a trap";
        }
    };

    private static final Map<String, Program> PROGRAMS = new ConcurrentHashMap<>();

    static Program program(String fixture, EngineMode mode) {
        return PROGRAMS.computeIfAbsent(fixture + "/" + mode, k -> {
            try {
                byte[] bytes = Files.readAllBytes(ComponentFixturesTest.DIR.resolve("wasm/" + fixture + ".wasm"));
                return WasmEngine.create(EngineOptions.builder().mode(mode).build()).load(fixture + ".wasm", bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static Execution instantiate(Program p) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return p.instantiate(new ExecutionConfig(WasiOptions.builder().stdout(sink).stderr(sink).build(), 0, Set.of()));
    }

    /**
     * A property of one function: arguments from the generator (the default: random values of the
     * parameter types), and the expected result of those arguments (null: the arguments themselves, an
     * echo; {@link #TRAP}: it must trap).
     */
    record Property(String fixture, String function, Function<Gen, List<Object>> args,
            Function<List<Object>, Object> expected) {
    }

    /** The generator with the signature it generates for. */
    static final class Gen {
        final WitGen g;
        final WitFunction sig;

        Gen(WitGen g, WitFunction sig) {
            this.g = g;
            this.sig = sig;
        }

        List<Object> randomArgs() {
            List<Object> out = new ArrayList<>();
            for (WitFunction.Param p : sig.params()) {
                out.add(g.value(p.type()));
            }
            return out;
        }
    }

    @TestFactory
    Stream<DynamicNode> properties() {
        System.out.println("[round trips] seed " + SEED + " (-Dwippy.roundtrip.seed=" + SEED + " repeats this run), "
                + ITERATIONS + " values per function and mode");
        List<Property> props = new ArrayList<>();
        RuntimeException typesFailure = null;
        try {
            props.addAll(echoes());
        } catch (RuntimeException e) {
            typesFailure = e; // reported below as a failing test; the other fixtures still run
        }
        props.addAll(computed());
        props.addAll(lifting());
        props.addAll(strings());
        assertThat(props).hasSizeGreaterThan(typesFailure == null ? 90 : 40);
        List<DynamicNode> nodes = new ArrayList<>();
        if (typesFailure != null) {
            RuntimeException e = typesFailure;
            nodes.add(DynamicTest.dynamicTest("types.wasm: finding the echo functions", () -> {
                throw new AssertionError("types.wasm does not load, so its echo functions cannot be found: " + e, e);
            }));
        }
        for (EngineMode mode : List.of(EngineMode.INTERPRETER, EngineMode.COMPILER)) {
            List<DynamicNode> tests = new ArrayList<>();
            for (Property p : props) {
                tests.add(DynamicTest.dynamicTest(p.fixture() + " " + p.function(), () -> check(p, mode)));
            }
            tests.add(DynamicTest.dynamicTest("resources: random sequences of resource operations", () -> resources(mode)));
            nodes.add(DynamicContainer.dynamicContainer(mode.toString(), tests));
        }
        return nodes.stream();
    }

    // ------------------------------------------------------------------ the properties

    /** Every echo function of types.wasm (world level and interface), found by its name and type. */
    static List<Property> echoes() {
        Program p = program("types", EngineMode.INTERPRETER);
        List<Property> out = new ArrayList<>();
        for (String name : p.exportedFunctions()) {
            String bare = name.substring(name.indexOf('#') + 1);
            if (!bare.startsWith("echo-")) {
                continue;
            }
            WitFunction sig = p.signature(name, null);
            assertThat(sig.params()).as(name).hasSize(1);
            assertThat(sig.results()).as(name).containsExactly(sig.params().get(0).type());
            out.add(new Property("types", name, Gen::randomArgs, null));
        }
        // the README's list: 21 world-level and 26 interface echo functions
        assertThat(out).hasSize(47);
        return out;
    }

    private static final String I = "test:types/compound@0.1.0#";

    static List<Property> computed() {
        List<Property> out = new ArrayList<>();
        out.add(new Property("types", "swap", Gen::randomArgs, a -> List.of(a.get(1), a.get(0))));
        out.add(new Property("types", I + "swap-pair", Gen::randomArgs, a -> {
            List<?> t = (List<?>) a.get(0);
            return List.of(t.get(1), t.get(0));
        }));
        out.add(new Property("types", "spill-echo", Gen::randomArgs, a -> a));
        out.add(new Property("types", "spill-concat", Gen::randomArgs, a -> String.join("", strings(a))));
        out.add(new Property("types", "concat", Gen::randomArgs, a -> a.get(0) + (String) a.get(1)));
        out.add(new Property("types", "join", Gen::randomArgs,
                a -> String.join((String) a.get(1), strings((List<?>) a.get(0)))));
        out.add(new Property("types", "count-chars", Gen::randomArgs,
                a -> (long) ((String) a.get(0)).codePointCount(0, ((String) a.get(0)).length())));
        out.add(new Property("types", "reverse-chars", Gen::randomArgs, a -> {
            int[] cps = ((String) a.get(0)).codePoints().toArray();
            StringBuilder sb = new StringBuilder();
            for (int i = cps.length - 1; i >= 0; i--) {
                sb.appendCodePoint(cps[i]);
            }
            return sb.toString();
        }));
        out.add(new Property("types", "not", Gen::randomArgs, a -> !(Boolean) a.get(0)));
        out.add(new Property("types", "char-to-u32", Gen::randomArgs, a -> (long) ((String) a.get(0)).codePointAt(0)));
        out.add(new Property("types", "sum-bytes", Gen::randomArgs,
                a -> ((List<?>) a.get(0)).stream().mapToLong(x -> (Integer) x).sum() & 0xffffffffL));
        out.add(new Property("types", "sum-s32s", Gen::randomArgs,
                a -> ((List<?>) a.get(0)).stream().mapToLong(x -> (Integer) x).sum()));
        out.add(new Property("types", "add-s64", Gen::randomArgs, a -> (Long) a.get(0) + (Long) a.get(1)));
        out.add(new Property("types", "mul-u64", Gen::randomArgs, a -> u64(unsigned(a.get(0)).multiply(unsigned(a.get(1))))));
        out.add(new Property("types", "mul-f32", Gen::randomArgs, a -> (Float) a.get(0) * (Float) a.get(1)));
        out.add(new Property("types", "div-f64", Gen::randomArgs, a -> (Double) a.get(0) / (Double) a.get(1)));
        out.add(new Property("types", "divide", Gen::randomArgs, a -> {
            int x = (Integer) a.get(0);
            int y = (Integer) a.get(1);
            return y == 0 || x == Integer.MIN_VALUE && y == -1 ? TRAP : (Object) (x / y);
        }));
        out.add(new Property("types", "div-mod", Gen::randomArgs, a -> {
            long x = (Long) a.get(0);
            long y = (Long) a.get(1);
            return y == 0 ? TRAP : List.of(x / y, x % y);
        }));
        out.add(new Property("types", I + "checked-div", Gen::randomArgs, a -> {
            int x = (Integer) a.get(0);
            int y = (Integer) a.get(1);
            return y == 0 ? Map.of("err", "division by zero")
                    : x == Integer.MIN_VALUE && y == -1 ? Map.of("err", "overflow") : Map.of("ok", x / y);
        }));
        out.add(new Property("types", I + "option-or", Gen::randomArgs, a -> a.get(0) == null ? a.get(1) : a.get(0)));
        out.add(new Property("types", I + "nested-lengths", Gen::randomArgs,
                a -> ((List<?>) a.get(0)).stream().map(l -> (Object) (long) ((List<?>) l).size()).toList()));
        out.add(new Property("types", I + "count-flags", Gen::randomArgs,
                a -> (long) a.stream().mapToInt(f -> ((List<?>) f).size()).sum()));
        out.add(new Property("types", I + "partition-results", Gen::randomArgs, a -> {
            List<Object> oks = new ArrayList<>();
            List<Object> errs = new ArrayList<>();
            for (Object r : (List<?>) a.get(0)) {
                Map.Entry<?, ?> e = ((Map<?, ?>) r).entrySet().iterator().next();
                (e.getKey().equals("ok") ? oks : errs).add(e.getValue());
            }
            return List.of(oks, errs);
        }));
        out.add(new Property("types", I + "next-color", Gen::randomArgs, a -> {
            List<String> colors = List.of("red", "green", "blue", "cyan", "magenta", "yellow");
            return colors.get((colors.indexOf((String) a.get(0)) + 1) % colors.size());
        }));
        return out;
    }

    /** Functions returning unchecked core values: the host's lifting decides (README "types.wasm"). */
    static List<Property> lifting() {
        List<Property> out = new ArrayList<>();
        out.add(new Property("types", "bool-from-u32", Gen::randomArgs, a -> (Long) a.get(0) != 0));
        out.add(new Property("types", "add-u8", Gen::randomArgs, a -> ((Integer) a.get(0) + (Integer) a.get(1)) & 0xff));
        out.add(new Property("types", "neg-s8", Gen::randomArgs, a -> (int) (byte) -(Integer) a.get(0)));
        out.add(new Property("types", "char-from-u32", g -> List.of(codePointish(g.g)), a -> {
            long v = (Long) a.get(0);
            return v >= 0x110000 || v >= 0xd800 && v <= 0xdfff ? TRAP : new String(Character.toChars((int) v));
        }));
        out.add(new Property("types", "next-char", g -> {
            // the scalar values just below a surrogate or the end of Unicode are the interesting ones
            int k = g.g.r.nextInt(4);
            int c = k == 0 ? 0xd7ff : k == 1 ? 0x10ffff : g.g.scalar(g.g.r.nextInt(6));
            return List.of(new String(Character.toChars(c)));
        }, a -> {
            int c = ((String) a.get(0)).codePointAt(0) + 1;
            return c >= 0x110000 || c >= 0xd800 && c <= 0xdfff ? TRAP : new String(Character.toChars(c));
        }));
        out.add(new Property("types", I + "color-from-u8", Gen::randomArgs, a -> {
            int v = (Integer) a.get(0);
            return v < 6 ? List.of("red", "green", "blue", "cyan", "magenta", "yellow").get(v) : TRAP;
        }));
        out.add(new Property("types", I + "months-from-u32", Gen::randomArgs, a -> months((Long) a.get(0))));
        out.add(new Property("types", I + "invert-months", Gen::randomArgs, a -> {
            List<String> all = months(0xfff);
            List<String> out2 = new ArrayList<>(all);
            out2.removeAll((List<?>) a.get(0));
            return out2;
        }));
        out.add(new Property("types", "string-from-bytes", g -> {
            // valid UTF-8 of a random string, or random bytes, or valid UTF-8 with one byte changed
            WitGen w = g.g;
            byte[] bytes;
            int k = w.r.nextInt(3);
            if (k == 0) {
                bytes = w.string(300).getBytes(StandardCharsets.UTF_8);
            } else if (k == 1) {
                bytes = new byte[w.length(64)];
                w.r.nextBytes(bytes);
            } else {
                bytes = w.string(40).getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 0) {
                    bytes[w.r.nextInt(bytes.length)] = (byte) (0x80 + w.r.nextInt(0x80));
                }
            }
            List<Object> l = new ArrayList<>();
            for (byte b : bytes) {
                l.add(b & 0xff);
            }
            return List.of(l);
        }, a -> {
            List<?> l = (List<?>) a.get(0);
            byte[] bytes = new byte[l.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (int) (Integer) l.get(i);
            }
            try {
                // Java's decoder is strict UTF-8: no surrogates, no overlong forms, nothing above U+10FFFF
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return TRAP;
            }
        }));
        return out;
    }

    /** The string fixtures (UTF-16 and latin1+utf16 transcoding), greeter, and nested's shout. */
    static List<Property> strings() {
        List<Property> out = new ArrayList<>();
        Function<Gen, List<Object>> oneString = g -> List.of(g.g.r.nextInt(3) == 0 ? g.g.latin1(2000) : g.g.string(2000));
        Function<Gen, List<Object>> twoStrings = g -> List.of(pickString(g.g), pickString(g.g));
        for (String f : List.of("strings-utf16", "strings-latin1")) {
            out.add(new Property(f, "echo", oneString, null));
            out.add(new Property(f, "concat", twoStrings, a -> a.get(0) + (String) a.get(1)));
            out.add(new Property(f, "echo-list", g -> {
                List<Object> l = new ArrayList<>();
                int n = g.g.length(30);
                for (int i = 0; i < n; i++) {
                    l.add(pickString(g.g));
                }
                return List.of(l);
            }, null));
            out.add(new Property(f, "code-units", oneString, a -> (long) ((String) a.get(0)).length()));
            out.add(new Property(f, "count-chars", oneString,
                    a -> (long) ((String) a.get(0)).codePointCount(0, ((String) a.get(0)).length())));
        }
        out.add(new Property("greeter", "greet", oneString, a -> "Hello, " + a.get(0) + "!"));
        out.add(new Property("nested", "shout", oneString, a -> {
            StringBuilder sb = new StringBuilder();
            for (char c : ((String) a.get(0)).toCharArray()) {
                sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
            }
            return sb.append('!').toString();
        }));
        return out;
    }

    private static String pickString(WitGen g) {
        return g.r.nextInt(3) == 0 ? g.latin1(300) : g.string(300);
    }

    /** A u32 near the interesting boundaries of char: surrogates, U+10FFFF, or any. */
    private static long codePointish(WitGen g) {
        long[] edges = {0, 0x7f, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xffff, 0x10000, 0x10ffff, 0x110000,
            0xffffffffL, 0x80000000L};
        int k = g.r.nextInt(4);
        if (k == 0) {
            return edges[g.r.nextInt(edges.length)];
        }
        if (k == 1) {
            return 0xd800 + g.r.nextInt(0x800);
        }
        if (k == 2) {
            return g.r.nextInt(0x110000);
        }
        return g.r.nextInt() & 0xffffffffL;
    }

    private static List<String> months(long bits) {
        List<String> names = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if ((bits >>> i & 1) != 0) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(v -> (String) v).toList();
    }

    private static BigInteger unsigned(Object u64) {
        return u64 instanceof BigInteger b ? b : BigInteger.valueOf((Long) u64);
    }

    private static Object u64(BigInteger v) {
        BigInteger m = v.and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
        return m.bitLength() < 64 ? (Object) m.longValue() : m;
    }

    // ------------------------------------------------------------------ running

    private static void check(Property p, EngineMode mode) {
        long seed = SEED ^ (p.fixture() + " " + p.function()).hashCode() * 0x9E3779B97F4A7C15L;
        Program program = program(p.fixture(), mode);
        WitFunction sig = program.signature(p.function(), null);
        WitType resultType = sig.results().get(0);
        boolean heapCheck = p.fixture().equals("types");
        Gen gen = new Gen(new WitGen(seed), sig);
        Execution exec = instantiate(program);
        Map<String, Integer> outcomes = new HashMap<>();
        try {
            for (int i = 0; i < ITERATIONS; i++) {
                List<Object> args = p.args().apply(gen);
                Object want = p.expected() == null ? args.get(0) : p.expected().apply(args);
                String where = "seed " + SEED + " (-Dwippy.roundtrip.seed=" + SEED + "), " + mode + ", " + p.fixture()
                        + " " + p.function() + ", value " + i + ": " + p.function() + "(" + args(args) + ")";
                Object got;
                try {
                    got = exec.call(p.function(), null, args, false);
                } catch (WasmCallException e) {
                    if (want == TRAP && e.reason() == WasmCallException.Reason.TRAP) {
                        outcomes.merge("trapped", 1, Integer::sum);
                        exec.close();
                        exec = instantiate(program); // the trapped instance is poisoned
                        continue;
                    }
                    throw new AssertionError(where + "\n  expected " + (want == TRAP ? "a trap" : WitValueCheck.describe(want))
                            + ", but the call failed: " + ComponentFixturesTest.failure(e), e);
                }
                if (want == TRAP) {
                    throw new AssertionError(where + "\n  expected a trap, got " + WitValueCheck.describe(got));
                }
                String d = WitValueCheck.diff(resultType, want, got, null);
                if (d != null) {
                    throw new AssertionError(where + "\n  " + d + "\n  expected: " + WitValueCheck.describe(want)
                            + "\n  got:      " + WitValueCheck.describe(got));
                }
                outcomes.merge("returned", 1, Integer::sum);
                if (heapCheck) {
                    Object used = exec.call("heap-used", null, List.of(), false);
                    if (!Long.valueOf(0).equals(used)) {
                        throw new AssertionError(where + "\n  the guest's heap holds " + used
                                + " bytes after the call: post-return did not run (or ran on the wrong values)");
                    }
                }
            }
        } finally {
            exec.close();
        }
        // every generator must reach normal returns, not only traps
        assertThat(outcomes).as("outcomes of %s in %s (seed %d)", p.function(), mode, SEED).containsKey("returned");
    }

    private static final String R = "test:resources/counters@0.1.0#";

    /** A counter the host holds: its handle and the value the model says it has. */
    private static final class Counter {
        final ResourceHandle handle;
        int value;

        Counter(ResourceHandle handle, int value) {
            this.handle = handle;
            this.value = value;
        }
    }

    /**
     * resources.wasm against a model: random sequences of constructors, methods, statics, own and
     * borrow parameters (the same handle borrowed twice too), lists of own handles and of borrows;
     * every result, and the guest's counts of live counters and destructor calls, must match.
     */
    private static void resources(EngineMode mode) {
        long seed = SEED ^ 0x5DEECE66DL * "resources".hashCode();
        WitGen g = new WitGen(seed);
        java.util.Random r = g.r;
        Program program = program("resources", mode);
        int sequences = Math.max(2, ITERATIONS / 20);
        for (int run = 0; run < sequences; run++) {
            List<Counter> held = new ArrayList<>();
            long live = 0;
            long drops = 0;
            List<String> trace = new ArrayList<>();
            try (Execution exec = instantiate(program)) {
                for (int step = 0; step < 150; step++) {
                    int op = held.isEmpty() ? 0 : r.nextInt(held.size() > 40 ? 11 : 12);
                    if (held.size() > 40 && op == 0) {
                        op = 4; // keep well below the guest's 256 slots
                    }
                    Counter a = held.isEmpty() ? null : held.get(r.nextInt(held.size()));
                    Counter b = held.isEmpty() ? null : held.get(r.nextInt(held.size()));
                    String fn;
                    List<Object> args;
                    Object want;
                    switch (op) {
                        case 0, 11 -> {
                            int start = g.integer(32, true).intValue();
                            fn = R + "[constructor]counter";
                            args = List.of(start);
                            want = null;
                            Object got = call(exec, fn, args, trace, seed, run, mode);
                            assertThat(got).as("%s", trace).isInstanceOf(ResourceHandle.class);
                            ResourceHandle h = (ResourceHandle) got;
                            assertThat(h.owned()).isTrue();
                            for (Counter c : held) {
                                assertThat(c.handle).as("a new handle is distinct from the held ones: %s", trace)
                                        .isNotEqualTo(h);
                            }
                            held.add(new Counter(h, start));
                            live++;
                            continue;
                        }
                        case 1 -> {
                            int by = g.integer(32, true).intValue();
                            a.value += by;
                            fn = R + "[method]counter.add";
                            args = List.of(a.handle, by);
                            want = a.value;
                        }
                        case 2 -> {
                            fn = R + "[method]counter.get";
                            args = List.of(a.handle);
                            want = a.value;
                        }
                        case 3 -> {
                            fn = R + "sum";
                            args = List.of(a.handle, b.handle);
                            want = a.value + b.value;
                        }
                        case 4, 5 -> {
                            fn = R + (op == 4 ? "[static]counter.consume" : "take");
                            args = List.of(a.handle);
                            want = a.value;
                            held.remove(a);
                            live--;
                            drops++;
                        }
                        case 6 -> {
                            fn = R + "[static]counter.merge";
                            args = List.of(a.handle, b.handle);
                            Object got = call(exec, fn, args, trace, seed, run, mode);
                            assertThat(got).as("%s", trace).isInstanceOf(ResourceHandle.class);
                            held.add(new Counter((ResourceHandle) got, a.value + b.value));
                            live++;
                            continue;
                        }
                        case 7 -> {
                            int n = r.nextInt(5);
                            fn = R + "make-many";
                            args = List.of((long) n);
                            Object got = call(exec, fn, args, trace, seed, run, mode);
                            List<?> l = (List<?>) got;
                            assertThat(l).as("%s", trace).hasSize(n);
                            for (int i = 0; i < n; i++) {
                                ResourceHandle h = (ResourceHandle) l.get(i);
                                for (Counter c : held) {
                                    assertThat(c.handle).as("make-many: distinct handles: %s", trace).isNotEqualTo(h);
                                }
                                held.add(new Counter(h, i));
                            }
                            live += n;
                            continue;
                        }
                        case 8 -> {
                            List<Object> hs = new ArrayList<>();
                            List<Object> vs = new ArrayList<>();
                            int n = r.nextInt(6);
                            for (int i = 0; i < n; i++) {
                                Counter c = held.get(r.nextInt(held.size()));
                                hs.add(c.handle);
                                vs.add(c.value);
                            }
                            fn = R + "values";
                            args = List.of(hs);
                            want = vs;
                        }
                        case 9 -> {
                            fn = R + "live";
                            args = List.of();
                            want = live;
                        }
                        default -> {
                            fn = R + "drops";
                            args = List.of();
                            want = drops;
                        }
                    }
                    Object got = call(exec, fn, args, trace, seed, run, mode);
                    String d = WitValueCheck.diff(program.signature(fn, null).results().get(0), want, got, null);
                    if (d != null) {
                        throw new AssertionError("seed " + SEED + " (-Dwippy.roundtrip.seed=" + SEED + "), " + mode
                                + ", resources sequence " + run + ": " + fn + " returned " + WitValueCheck.describe(got)
                                + ", the model says " + WitValueCheck.describe(want) + " (" + d + ")\n  calls so far:\n    "
                                + String.join("\n    ", trace));
                    }
                }
                Object l = call(exec, R + "live", List.of(), trace, seed, run, mode);
                assertThat(l).as("live counters at the end: %s", trace).isEqualTo(live);
            }
        }
    }

    private static Object call(Execution exec, String fn, List<Object> args, List<String> trace, long seed, int run,
            EngineMode mode) {
        trace.add(fn.substring(fn.indexOf('#') + 1) + "(" + args.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")) + ")");
        if (trace.size() > 40) {
            trace.remove(0);
        }
        try {
            return exec.call(fn, null, args, false);
        } catch (WasmCallException e) {
            throw new AssertionError("seed " + SEED + " (-Dwippy.roundtrip.seed=" + SEED + "), " + mode
                    + ", resources sequence " + run + ": " + fn + " failed: " + ComponentFixturesTest.failure(e)
                    + "\n  calls so far:\n    " + String.join("\n    ", trace), e);
        }
    }

    private static String args(List<Object> args) {
        String s = TestJson.write(args);
        s = s.substring(1, s.length() - 1);
        return s.length() > 2000 ? s.substring(0, 2000) + "…(" + s.length() + " chars)" : s;
    }
}
