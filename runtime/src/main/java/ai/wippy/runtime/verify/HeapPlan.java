package ai.wippy.runtime.verify;

import ai.wippy.runtime.wasm.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides which function bodies of a module the runtime's validator may see without risking the
 * build's heap. What Chicory 1.7.5 needs cannot be bounded by looking at the bytes: about
 * {@link #HEAP_PER_BODY_BYTE} bytes of heap per byte of function bodies to parse them (measured: a
 * body of a million 1-byte instructions needs 170 MB), plus, while it validates an invalid body,
 * one exception per type error, about {@link #HEAP_PER_INVALID_BODY_BYTE} bytes per byte of that
 * body (a 1 MB body of type errors needs 1 GB). When the estimate exceeds three quarters of the
 * free heap, the largest bodies are left out (replaced by a stub for the validator) until it fits,
 * and the module says so; their structure, opcodes and immediates were still checked by the
 * pre-pass.
 */
final class HeapPlan {

    static final long HEAP_PER_BODY_BYTE = 200;
    static final long HEAP_PER_INVALID_BODY_BYTE = 1_100;

    private final LongSupplier freeHeap;

    /** @param freeHeap bytes that can still be allocated */
    HeapPlan(LongSupplier freeHeap) {
        this.freeHeap = freeHeap;
    }

    /** What to leave out of validation, and the note that says so (null when nothing is left out). */
    record Plan(Set<Integer> skipped, String note) {
    }

    Plan plan(CoreModuleLayout layout) {
        long free = freeHeap.getAsLong();
        long allowance = free / 4 * 3;
        List<Integer> bySize = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < layout.bodies().size(); i++) {
            bySize.add(i);
            total += size(layout, i);
        }
        bySize.sort(Comparator.comparingLong((Integer i) -> size(layout, i)).reversed());
        Set<Integer> skipped = new HashSet<>();
        int next = 0;
        while (next < bySize.size()
                && total * HEAP_PER_BODY_BYTE + size(layout, bySize.get(next)) * HEAP_PER_INVALID_BODY_BYTE > allowance) {
            int body = bySize.get(next++);
            skipped.add(body);
            total -= size(layout, body);
        }
        if (skipped.isEmpty()) {
            return new Plan(Set.of(), null);
        }
        int largest = bySize.get(0);
        long skippedBytes = 0;
        for (int i : skipped) {
            skippedBytes += size(layout, i);
        }
        String note = skipped.size() + " function bod" + (skipped.size() == 1 ? "y" : "ies") + " (" + skippedBytes
                + " bytes, the largest " + layout.describeFunction(layout.importedFunctions() + largest) + " at offset 0x"
                + Long.toHexString(layout.bodies().get(largest).at()) + ") not validated: the runtime's validator needs"
                + " about " + HEAP_PER_BODY_BYTE + " bytes of heap per byte of code, " + HEAP_PER_INVALID_BODY_BYTE
                + " per byte of an invalid body, and only " + describe(free) + " are free; give Maven more heap"
                + " (MAVEN_OPTS=-Xmx...) to validate them";
        return new Plan(Set.copyOf(skipped), note);
    }

    /** {@code 12 MiB}, {@code 300 KiB}, {@code 41 bytes}. */
    static String describe(long bytes) {
        if (bytes >= 1 << 20) {
            return bytes / (1 << 20) + " MiB";
        }
        return bytes >= 1 << 10 ? bytes / (1 << 10) + " KiB" : bytes + " bytes";
    }

    private static long size(CoreModuleLayout layout, int body) {
        CoreModuleLayout.Body b = layout.bodies().get(body);
        return b.end() - b.start();
    }

    /**
     * The heap that can still be allocated, by the JVM's own account. Garbage not yet collected
     * counts as used, so when that would make a module look too big, the caller may ask for a
     * collection first ({@link #freeAfterCollection}).
     */
    static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** {@link #free()} after asking for a garbage collection: used only when a module looks too big. */
    static long freeAfterCollection() {
        System.gc();
        return free();
    }
}
