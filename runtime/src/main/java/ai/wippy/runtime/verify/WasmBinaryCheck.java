package ai.wippy.runtime.verify;

import ai.wippy.runtime.wasm.*;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.component.binary.ComponentFormatException;
import ai.wippy.runtime.BinaryKind;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.WasmEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decodes and validates a whole WASM binary, as {@code check} promises: a core module completely
 * (structure by {@link CoreModuleScanner}, then the runtime's validator), a component by its
 * section framing, with every core module inside it decoded and validated like a plain one. Hostile
 * input is refused quickly and with bounded memory; the first problem is reported with its offset.
 * What the free heap cannot afford to validate is left out and said ({@link HeapPlan}).
 */
public final class WasmBinaryCheck {

    /**
     * @param defect       the first problem, if any
     * @param notValidated what was not given to the validator because of the free heap, one line
     *                     per module (empty normally)
     */
    public record Result(Optional<BinaryDefect> defect, List<String> notValidated) {
        public boolean ok() {
            return defect.isEmpty();
        }
    }

    private final CoreModuleValidator validator;
    private final HeapPlan quick;
    private final HeapPlan collected;
    private final LongSupplier freeHeap;
    private final LongSupplier freeAfterCollection;

    public WasmBinaryCheck() {
        this(new ChicoryValidator(), HeapPlan::free, HeapPlan::freeAfterCollection);
    }

    /** With a fixed amount of free heap (tests). */
    WasmBinaryCheck(CoreModuleValidator validator, LongSupplier freeHeap) {
        this(validator, freeHeap, freeHeap);
    }

    private WasmBinaryCheck(CoreModuleValidator validator, LongSupplier freeHeap, LongSupplier freeAfterCollection) {
        this.validator = validator;
        this.quick = new HeapPlan(freeHeap);
        this.collected = new HeapPlan(freeAfterCollection);
        this.freeHeap = freeHeap;
        this.freeAfterCollection = freeAfterCollection;
    }

    /**
     * Why a file of {@code size} bytes is not decoded at all, if it is not: decoding holds it in
     * memory a few times over (the file, the parser's copy, copies for locating an error).
     */
    public Optional<String> tooBigToDecode(long size) {
        if (size > Integer.MAX_VALUE - 64) {
            return Optional.of("not decoded: " + size + " bytes, more than a Java array holds");
        }
        if (size * 4 <= freeHeap.getAsLong() || size * 4 <= freeAfterCollection.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of("not decoded: the file is " + HeapPlan.describe(size) + " and only "
                + HeapPlan.describe(freeAfterCollection.getAsLong()) + " of heap are free; give Maven more heap"
                + " (MAVEN_OPTS=-Xmx...) to decode it");
    }

    /** @param kind what the header says the binary is ({@link BinaryKind#detect}) */
    public Result check(byte[] bytes, BinaryKind kind) {
        String what = kind == BinaryKind.COMPONENT ? "component" : "module";
        List<String> notValidated = new ArrayList<>();
        try {
            if (kind == BinaryKind.COMPONENT) {
                new ComponentScanner(r -> embeddedModule(r, notValidated))
                        .scan(new ByteReader(bytes, 0, bytes.length, "the file"));
                Optional<BinaryDefect> invalid = componentRules(bytes);
                if (invalid.isPresent()) {
                    return new Result(invalid, List.copyOf(notValidated));
                }
            } else {
                coreModule(bytes, 0, bytes.length, "the file", "", notValidated);
            }
            return new Result(Optional.empty(), List.copyOf(notValidated));
        } catch (MalformedBinaryException e) {
            return new Result(Optional.of(new BinaryDefect(what, e.offset(), e.getMessage())), List.copyOf(notValidated));
        }
    }

    /**
     * Everything the Component Model requires beyond the framing (types, index spaces, aliases,
     * instantiation arguments, canonical options, names), as the runtime checks it before running:
     * the framing and every core module inside were checked above, so this decoding is safe.
     */
    private static Optional<BinaryDefect> componentRules(byte[] bytes) {
        try {
            WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build()).load("component", bytes);
            return Optional.empty();
        } catch (WippyException e) {
            if (e.getCause() instanceof ComponentFormatException cfe) {
                String message = cfe.getMessage();
                int colon = message.indexOf(": ");
                String detail = colon < 0 ? message : message.substring(colon + 2);
                String prefix = cfe.kind() == ComponentFormatException.Kind.UNSUPPORTED
                        ? "uses a feature this host does not run (WASI 0.3 or later): " : "";
                return Optional.of(new BinaryDefect("component", Math.max(0, cfe.offset()), prefix + detail));
            }
            return Optional.of(new BinaryDefect("component", 0, e.getMessage()));
        }
    }

    private void coreModule(byte[] bytes, int start, int end, String region, String context, List<String> notes) {
        CoreModuleLayout layout = CoreModuleScanner.scan(bytes, start, end, region);
        HeapPlan.Plan plan = quick.plan(layout);
        if (plan.note() != null) {
            plan = collected.plan(layout);
        }
        if (plan.note() != null) {
            notes.add(context + plan.note());
        }
        validator.validate(bytes, layout, plan.skipped());
    }

    /** A core module inside a component: its problems say which module they are in. */
    private void embeddedModule(ByteReader r, List<String> notes) {
        String context = "in the core module at offset " + ComponentScanner.hex(r.pos()) + ": ";
        try {
            coreModule(r.bytes(), r.pos(), r.end(), r.region(), context, notes);
        } catch (MalformedBinaryException e) {
            throw new MalformedBinaryException(e.offset(), context + e.getMessage());
        }
    }
}
