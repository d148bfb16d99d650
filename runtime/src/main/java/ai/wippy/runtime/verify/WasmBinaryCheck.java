package ai.wippy.runtime.verify;

import ai.wippy.runtime.engine.BinaryKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decodes and validates a whole WASM binary, as {@code check} promises: a core module completely
 * (structure by {@link CoreModuleScanner}, then the runtime's validator), a component by its
 * section framing, with every core module inside it decoded and validated like a plain one. Hostile
 * input is refused quickly and with bounded memory; the first problem is reported with its offset.
 *
 * <p>One cost cannot be bounded by looking at the bytes: Chicory's validator keeps one exception
 * per type error of a function until it has read the whole function, about
 * {@link #HEAP_PER_INVALID_BODY_BYTE} bytes of heap per byte of an invalid body (measured: a 1 MB
 * body of type errors needs 1 GB). A function body that could need more than a quarter of the
 * free heap that way is therefore not given to the validator; it is reported in
 * {@link Result#notValidated()} instead (its structure, opcodes and immediates were still checked).
 */
public final class WasmBinaryCheck {

    /** Heap Chicory 1.7.5's validator may need per byte of a function body full of type errors. */
    static final long HEAP_PER_INVALID_BODY_BYTE = 1_100;

    /**
     * @param defect      the first problem, if any
     * @param notValidated function bodies too big for the free heap that the validator did not see,
     *                    one line per module (empty normally)
     */
    public record Result(Optional<BinaryDefect> defect, List<String> notValidated) {
        public boolean ok() {
            return defect.isEmpty();
        }
    }

    private final CoreModuleValidator validator;
    private final LongSupplier freeHeap;
    private List<String> notValidated;

    public WasmBinaryCheck() {
        this(new ChicoryValidator(), WasmBinaryCheck::freeHeap);
    }

    WasmBinaryCheck(CoreModuleValidator validator, LongSupplier freeHeap) {
        this.validator = validator;
        this.freeHeap = freeHeap;
    }

    /** @param kind what the header says the binary is ({@link BinaryKind#detect}) */
    public Result check(byte[] bytes, BinaryKind kind) {
        String what = kind == BinaryKind.COMPONENT ? "component" : "module";
        notValidated = new ArrayList<>();
        try {
            if (kind == BinaryKind.COMPONENT) {
                new ComponentScanner(this::embeddedModule).scan(new ByteReader(bytes, 0, bytes.length, "the file"));
            } else {
                coreModule(bytes, 0, bytes.length, "the file", "");
            }
            return new Result(Optional.empty(), List.copyOf(notValidated));
        } catch (MalformedBinaryException e) {
            return new Result(Optional.of(new BinaryDefect(what, e.offset(), e.getMessage())), List.copyOf(notValidated));
        }
    }

    private void coreModule(byte[] bytes, int start, int end, String region, String context) {
        CoreModuleLayout layout = CoreModuleScanner.scan(bytes, start, end, region);
        validator.validate(bytes, layout, tooBigToValidate(layout, context));
    }

    /** A core module inside a component: its problems say which module they are in. */
    private void embeddedModule(ByteReader r) {
        String context = "in the core module at offset " + ComponentScanner.hex(r.pos()) + ": ";
        try {
            coreModule(r.bytes(), r.pos(), r.end(), r.region(), context);
        } catch (MalformedBinaryException e) {
            throw new MalformedBinaryException(e.offset(), context + e.getMessage());
        }
    }

    private Set<Integer> tooBigToValidate(CoreModuleLayout layout, String context) {
        long allowance = freeHeap.getAsLong() / 4;
        Set<Integer> skipped = new HashSet<>();
        int largest = -1;
        for (int i = 0; i < layout.bodies().size(); i++) {
            CoreModuleLayout.Body b = layout.bodies().get(i);
            if ((long) (b.end() - b.start()) * HEAP_PER_INVALID_BODY_BYTE > allowance) {
                skipped.add(i);
                if (largest < 0 || size(layout, i) > size(layout, largest)) {
                    largest = i;
                }
            }
        }
        if (!skipped.isEmpty()) {
            long limit = allowance / HEAP_PER_INVALID_BODY_BYTE;
            notValidated.add(context + skipped.size() + " function bod" + (skipped.size() == 1 ? "y" : "ies")
                    + " larger than " + limit + " bytes not validated (the largest: "
                    + layout.describeFunction(layout.importedFunctions() + largest) + ", " + size(layout, largest)
                    + " bytes at offset " + ComponentScanner.hex(layout.bodies().get(largest).at()) + "): validating an"
                    + " invalid body takes about " + HEAP_PER_INVALID_BODY_BYTE + " bytes of heap per byte and only "
                    + freeHeap.getAsLong() / (1 << 20) + " MiB are free; give Maven more heap (MAVEN_OPTS=-Xmx...) to"
                    + " validate them");
        }
        return skipped;
    }

    private static int size(CoreModuleLayout layout, int body) {
        CoreModuleLayout.Body b = layout.bodies().get(body);
        return b.end() - b.start();
    }

    /** Heap that can still be allocated (garbage not yet collected counts as used: a low estimate). */
    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
