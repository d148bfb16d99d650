package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.component.host.HostImports;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.component.binary.ComponentFormatException;
import ai.wippy.runtime.component.types.FuncType;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitResult;
import ai.wippy.runtime.wit.WitType;
import ai.wippy.runtime.wit.WitVariant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs {@code .wast} scripts in the JSON form of wasm-tools' {@code json-from-wast} (commands plus
 * one binary per component or module) against this engine, like {@code wasmtime wast}: a component
 * becomes the current instance, {@code assert_return}/{@code assert_trap} invoke its exports,
 * {@code assert_invalid}/{@code assert_malformed} must be refused. A component that needs a feature
 * this host does not implement (WASI 0.3 async, …) is skipped with the asserts that use it, not
 * failed; so are text-format {@code assert_malformed} forms (there is no text parser here).
 */
public final class WastRunner {

    /** One failed assertion: {@code where} is {@code <source_filename>:<line>}, e.g. {@code values/strings.wast:12}. */
    public record Failure(String where, String message) {
    }

    /** Totals of one or more scripts, with every failed assertion in script order. */
    public record Summary(int passed, int failed, int skipped, List<Failure> failures) {
        public Summary {
            failures = List.copyOf(failures);
        }

        Summary plus(Summary o) {
            List<Failure> all = new ArrayList<>(failures);
            all.addAll(o.failures);
            return new Summary(passed + o.passed, failed + o.failed, skipped + o.skipped, all);
        }
    }

    private final WasmEngine engine;
    private final PrintStream out;
    private final boolean verbose;

    public WastRunner(EngineOptions options, PrintStream out, boolean verbose) {
        this.engine = WasmEngine.create(options);
        this.out = out;
        this.verbose = verbose;
    }

    private static final Object SKIPPED = new Object();

    /** The failures of the script being run. */
    private List<Failure> failures = new ArrayList<>();

    /** Runs one JSON script; prints a line per failed (and, when verbose, skipped) assertion. */
    @SuppressWarnings("unchecked")
    public Summary run(Path json) throws IOException {
        Map<String, Object> script;
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            LoaderOptions lo = new LoaderOptions();
            lo.setCodePointLimit(64 * 1024 * 1024);
            script = new Yaml(lo).load(r);
        }
        Path dir = json.getParent();
        String file = Objects.toString(script.get("source_filename"), json.getFileName().toString());
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        failures = new ArrayList<>();
        Object current = null; // a ComponentExecution, SKIPPED, or null
        String skipReason = null;
        Map<String, Object> definitions = new HashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) script.get("commands")) {
            String type = (String) c.get("type");
            String where = file + ":" + c.get("line");
            try {
                switch (type) {
                    case "module", "module_definition" -> {
                        Object loaded = load(dir, c);
                        if (loaded instanceof String reason) {
                            if (type.equals("module")) {
                                current = SKIPPED;
                                skipReason = reason;
                            }
                            if (c.get("name") != null) {
                                definitions.put((String) c.get("name"), SKIPPED);
                            }
                            skipped++;
                            note(where, "skipped: " + reason);
                            break;
                        }
                        if (loaded instanceof Throwable t) {
                            failed++;
                            fail(where, type + " failed to load: " + message(t));
                            if (type.equals("module")) {
                                current = SKIPPED;
                                skipReason = "its component failed to load";
                            }
                            break;
                        }
                        Program program = (Program) loaded;
                        if (c.get("name") != null) {
                            definitions.put((String) c.get("name"), program);
                        }
                        if (type.equals("module")) {
                            current = instantiate(program);
                            passed++;
                        } else {
                            passed++;
                        }
                    }
                    case "module_instance" -> {
                        Object def = definitions.get(Objects.toString(c.get("module")));
                        if (def == null || def == SKIPPED) {
                            current = SKIPPED;
                            skipReason = def == null ? "unknown component definition" : "its definition was skipped";
                            skipped++;
                            note(where, "skipped: instance of a definition that was skipped or is unknown");
                            break;
                        }
                        try {
                            current = instantiate((Program) def);
                            passed++;
                        } catch (RuntimeException e) {
                            current = SKIPPED;
                            skipReason = "instantiation failed";
                            failed++;
                            fail(where, "instantiation failed: " + message(e));
                        }
                    }
                    case "assert_return", "assert_trap" -> {
                        if (current == null || current == SKIPPED) {
                            skipped++;
                            note(where, "skipped: " + (skipReason == null ? "no component" : skipReason));
                            break;
                        }
                        ComponentExecution exec = (ComponentExecution) current;
                        Map<String, Object> action = (Map<String, Object>) c.get("action");
                        String field = (String) action.get("field");
                        ai.wippy.runtime.wit.WitFunction sig = exec.program().signature(field, null);
                        FuncType ft = ((ComponentProgram) exec.program()).resolve(field).type();
                        List<Object> args = new ArrayList<>();
                        List<Map<String, Object>> jsonArgs = (List<Map<String, Object>>) action.get("args");
                        for (int i = 0; i < jsonArgs.size(); i++) {
                            args.add(value(jsonArgs.get(i), ft.params().get(i).type()));
                        }
                        Object result;
                        try {
                            result = exec.invoke(sig, args);
                        } catch (WasmCallException e) {
                            if (type.equals("assert_trap")) {
                                passed++;
                            } else {
                                failed++;
                                fail(where, "invoke " + field + " failed: " + e.getMessage());
                            }
                            break;
                        }
                        if (type.equals("assert_trap")) {
                            failed++;
                            fail(where, "invoke " + field + " was expected to trap (" + c.get("text") + ") but returned "
                                    + result);
                            break;
                        }
                        List<Map<String, Object>> expected = (List<Map<String, Object>>) c.get("expected");
                        Object want = expected.isEmpty() ? null : value(expected.get(0), ft.result());
                        if (Objects.equals(want, result)) {
                            passed++;
                        } else {
                            failed++;
                            fail(where, "invoke " + field + ": expected " + want + ", got " + result);
                        }
                    }
                    case "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable" -> {
                        if (!"binary".equals(c.get("module_type"))) {
                            skipped++;
                            note(where, "skipped: text format (no text parser here)");
                            break;
                        }
                        Object loaded = load(dir, c);
                        if (loaded instanceof String reason) {
                            skipped++;
                            note(where, "skipped: " + reason);
                        } else if (loaded instanceof Throwable t) {
                            passed++;
                            // with --verbose, a refusal shows next to the reason the script expects
                            note(where, "refused as expected (\"" + c.get("text") + "\"): " + refusal(t));
                        } else if (type.equals("assert_unlinkable") || type.equals("assert_uninstantiable")) {
                            try {
                                instantiate((Program) loaded);
                                failed++;
                                fail(where, type + ": instantiation succeeded (" + c.get("text") + ")");
                            } catch (RuntimeException e) {
                                passed++;
                            }
                        } else {
                            failed++;
                            fail(where, type + ": accepted, but expected \"" + c.get("text") + "\"");
                        }
                    }
                    case "skip" -> {
                        skipped++;
                        note(where, "skipped by the converter: " + c.get("error"));
                    }
                    default -> {
                        skipped++;
                        note(where, "skipped: unknown command " + type);
                    }
                }
            } catch (RuntimeException e) {
                failed++;
                fail(where, type + ": " + message(e));
            }
        }
        return new Summary(passed, failed, skipped, failures);
    }

    /** A Program, a String (why it is skipped), or the Throwable that refused it. */
    private Object load(Path dir, Map<String, Object> c) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve((String) c.get("filename")));
        } catch (IOException e) {
            return e;
        }
        try {
            return engine.load((String) c.get("filename"), bytes);
        } catch (WippyException e) {
            if (e.getCause() instanceof ComponentFormatException cfe
                    && cfe.kind() == ComponentFormatException.Kind.UNSUPPORTED) {
                return cfe.getMessage();
            }
            return e;
        } catch (RuntimeException | StackOverflowError e) {
            return e;
        }
    }

    private static ComponentExecution instantiate(Program program) {
        if (!(program instanceof ComponentProgram cp)) {
            throw new IllegalArgumentException("core modules are loaded but not run by this runner");
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return ComponentExecution.start(cp, new ExecutionConfig(WasiOptions.builder().stdout(sink).stderr(sink).build(),
                0, Set.of()), HostImports.NONE);
    }

    private void fail(String where, String message) {
        failures.add(new Failure(where, message));
        out.println(where + ": FAIL " + message);
    }

    private void note(String where, String message) {
        if (verbose) {
            out.println(where + ": " + message);
        }
    }

    /** What refused a binary: the decoder's or validator's message, without the wrapping. */
    private static String refusal(Throwable t) {
        Throwable cause = t instanceof WippyException && t.getCause() != null ? t.getCause() : t;
        return cause.getMessage();
    }

    private static String message(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** A json-from-wast component value as the engine's Java value of type {@code t}. */
    @SuppressWarnings("unchecked")
    static Object value(Map<String, Object> json, WitType t) {
        Object v = json.get("value");
        if (t instanceof WitType.Bool) {
            return v instanceof Boolean b ? b : Boolean.valueOf(String.valueOf(v));
        }
        if (t instanceof WitType.S8 || t instanceof WitType.U8 || t instanceof WitType.S16 || t instanceof WitType.U16
                || t instanceof WitType.S32) {
            return (int) Long.parseLong(String.valueOf(v));
        }
        if (t instanceof WitType.U32 || t instanceof WitType.S64) {
            return Long.parseLong(String.valueOf(v));
        }
        if (t instanceof WitType.U64) {
            BigInteger big = new BigInteger(String.valueOf(v));
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (t instanceof WitType.F32) {
            int bits = (int) Long.parseLong(String.valueOf(v));
            float f = Float.intBitsToFloat(bits);
            return Float.isNaN(f) ? Float.NaN : f;
        }
        if (t instanceof WitType.F64) {
            double d = Double.longBitsToDouble(new BigInteger(String.valueOf(v)).longValue());
            return Double.isNaN(d) ? Double.NaN : d;
        }
        if (t instanceof WitType.Char || t instanceof WitType.StringType || t instanceof WitType.EnumType) {
            return v;
        }
        if (t instanceof WitType.ListType l) {
            List<Object> out = new ArrayList<>();
            for (Map<String, Object> e : (List<Map<String, Object>>) v) {
                out.add(value(e, l.element()));
            }
            return out;
        }
        if (t instanceof WitType.TupleType tu) {
            List<Object> out = new ArrayList<>();
            List<Map<String, Object>> items = (List<Map<String, Object>>) v;
            for (int i = 0; i < items.size(); i++) {
                out.add(value(items.get(i), tu.types().get(i)));
            }
            return out;
        }
        if (t instanceof WitType.RecordType r) {
            Map<String, Object> out = new LinkedHashMap<>();
            List<List<Object>> fields = (List<List<Object>>) v;
            for (int i = 0; i < fields.size(); i++) {
                out.put((String) fields.get(i).get(0),
                        value((Map<String, Object>) fields.get(i).get(1), r.fields().get(i).type()));
            }
            return out;
        }
        if (t instanceof WitType.VariantType vt) {
            Map<String, Object> c = (Map<String, Object>) v;
            String name = (String) c.get("case");
            WitType payloadType = vt.cases().stream().filter(x -> x.name().equals(name)).findFirst()
                    .map(WitType.Case::type).orElse(null);
            Object payload = c.get("payload");
            return new WitVariant(name, payload == null || payloadType == null ? null
                    : value((Map<String, Object>) payload, payloadType));
        }
        if (t instanceof WitType.OptionType o) {
            if (v == null) {
                return null;
            }
            Object inner = value((Map<String, Object>) v, o.type());
            if (o.type() instanceof WitType.OptionType) {
                return inner == null ? new WitVariant("none", null) : new WitVariant("some", inner);
            }
            return inner;
        }
        if (t instanceof WitType.ResultType r) {
            Map<String, Object> m = (Map<String, Object>) v;
            boolean ok = m.containsKey("Ok");
            Object payload = ok ? m.get("Ok") : m.get("Err");
            WitType side = ok ? r.ok() : r.err();
            return new WitResult(ok, payload == null || side == null ? null : value((Map<String, Object>) payload, side));
        }
        if (t instanceof WitType.FlagsType) {
            Set<String> set = new LinkedHashSet<>();
            for (Object name : (List<Object>) v) {
                set.add((String) name);
            }
            return set;
        }
        throw new IllegalArgumentException("values of type " + t + " are not supported by the runner");
    }

    /** Runs every script and prints {@code N passed, N failed, N skipped}; the exit code is 1 on failures. */
    public Summary runAll(List<Path> scripts) throws IOException {
        Summary total = new Summary(0, 0, 0, List.of());
        for (Path p : scripts) {
            Summary s = run(p);
            if (verbose) {
                out.println(p + ": " + s.passed() + " passed, " + s.failed() + " failed, " + s.skipped() + " skipped");
            }
            total = total.plus(s);
        }
        out.println(total.passed() + " passed, " + total.failed() + " failed, " + total.skipped() + " skipped");
        return total;
    }
}
