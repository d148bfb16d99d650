package ai.wippy.runtime.verify;

import ai.wippy.runtime.wasm.*;

import com.dylibso.chicory.wasm.Parser;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a core module with the runtime's own parser and validator (Chicory 1.7.5's
 * {@link Parser}, which decodes every section and validates every function body with an operand
 * type stack, as the WebAssembly spec requires), so {@code check} accepts exactly what the runtime
 * will load. Only modules that passed {@link CoreModuleScanner} come here: Chicory trusts declared
 * sizes and must not see hostile ones.
 *
 * <p>Chicory's verdicts carry no offset. To point at the culprit, a failure is located afterwards:
 * an error while parsing belongs to the section after the last one parsed; an error in a function
 * body is found by validating copies of the module whose bodies from some index on are replaced by
 * {@code unreachable} (valid for every signature), bisecting on that index.
 */
final class ChicoryValidator implements CoreModuleValidator {

    /** Chicory prefixes every parse failure with this, whatever it was. */
    private static final String PARSER_PREFIX = "section size mismatch, unexpected end of section or function, ";

    /** Which validator step checks which section, to place errors outside function bodies. */
    private static final Map<String, Integer> VALIDATOR_STEPS = Map.of(
            "validateTypes", 1, "validateTables", 4, "validateGlobals", 6, "validateElements", 9,
            "validateData", 11, "validateTags", 13);

    @Override
    public void validate(byte[] file, CoreModuleLayout layout, Set<Integer> skippedBodies) {
        byte[] whole = layout.start() == 0 && layout.end() == file.length
                ? file : Arrays.copyOfRange(file, layout.start(), layout.end());
        Stubber stubber = new Stubber(whole, layout, skippedBodies);
        byte[] module = skippedBodies.isEmpty() ? whole : stubber.from(layout.bodies().size());
        Optional<Throwable> failure = parse(module);
        if (failure.isEmpty()) {
            return;
        }
        if (String.valueOf(failure.get().getMessage()).contains("malformed import kind")) {
            // Chicory refuses (import "" "" (func)), which WebAssembly allows and wit-component emits;
            // the runtime renames such imports before loading (EmptyImportNames), so check does the same
            byte[] renamed = ai.wippy.runtime.engine.EmptyImportNames.patch(module);
            if (renamed != module && parse(renamed).isEmpty()) {
                return;
            }
        }
        throw locate(module, stubber, layout, failure.get());
    }

    /**
     * Parses and validates on a thread of its own. Chicory's validator creates one exception per
     * type error of a function, and each exception records the whole stack: called from deep in a
     * Maven build (200 frames), a body of a million type errors needs over 2 GB and half a minute,
     * against 1 GB and 3 s from a fresh thread. The large stack is a margin for deep nesting.
     */
    private static Optional<Throwable> parse(byte[] module) {
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                Parser.parse(module);
            } catch (RuntimeException | StackOverflowError e) {
                failure[0] = e;
            }
        }, "wippy-check-validator", 64L << 20);
        worker.setDaemon(true);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                // The worker cannot be stopped; finish waiting, then keep the interruption.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(failure[0]);
    }

    private MalformedBinaryException locate(byte[] module, Stubber stubber, CoreModuleLayout layout, Throwable failure) {
        CoreModuleLayout.Section failedSection = sectionBeingParsed(module, layout);
        boolean inBodies = failedSection == null || failedSection.id() == 10;
        if (inBodies && !layout.bodies().isEmpty()) {
            int k = firstFailingBody(stubber, layout);
            if (k >= 0) {
                Throwable why = parse(stubber.from(k + 1)).orElse(failure);
                CoreModuleLayout.Body body = layout.bodies().get(k);
                return new MalformedBinaryException(body.at(),
                        layout.describeFunction(layout.importedFunctions() + k) + ": " + message(why));
            }
        }
        if (failedSection == null) {
            failedSection = validatorStep(failure).flatMap(layout::section).orElse(null);
        }
        if (failedSection == null) {
            return new MalformedBinaryException(-1, message(failure));
        }
        return new MalformedBinaryException(failedSection.at(), "in the "
                + CoreModuleLayout.sectionName(failedSection.id()) + " section: " + message(failure));
    }

    /**
     * Parses section by section without validating: the section that fails to parse is the one
     * after the last one delivered. Null when parsing succeeds (the failure is in validation).
     */
    private static CoreModuleLayout.Section sectionBeingParsed(byte[] module, CoreModuleLayout layout) {
        int[] delivered = {0};
        try {
            Parser.builder().build().parse(new ByteArrayInputStream(module), section -> delivered[0]++);
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return delivered[0] < layout.sections().size() ? layout.sections().get(delivered[0]) : null;
        }
    }

    /**
     * The index (among defined functions) of the first body Chicory refuses, or -1 when the module
     * still fails with every body stubbed (the problem is elsewhere).
     */
    private static int firstFailingBody(Stubber stubber, CoreModuleLayout layout) {
        if (parse(stubber.from(0)).isPresent()) {
            return -1;
        }
        // Invariant: stubbing bodies from lo on passes, stubbing from hi on fails.
        int lo = 0;
        int hi = layout.bodies().size();
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (parse(stubber.from(mid)).isPresent()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi - 1;
    }

    /** Copies of the module with some function bodies replaced by a stub. */
    private record Stubber(byte[] module, CoreModuleLayout layout, Set<Integer> alwaysStubbed) {

        /** The bodies of defined functions {@code from} and after (and the always stubbed ones) stubbed. */
        byte[] from(int from) {
            BodyStubs.Code code = new BodyStubs.Code(layout.section(10).orElseThrow(), layout.bodies());
            return BodyStubs.stub(module, layout.start(), code, i -> i >= from || alwaysStubbed.contains(i));
        }
    }

    /** The section a validator step checks, from the failure's stack (a hint: empty if unknown). */
    private static Optional<Integer> validatorStep(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().equals("com.dylibso.chicory.wasm.Validator")) {
                Integer id = VALIDATOR_STEPS.get(frame.getMethodName());
                if (id != null) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    /** Chicory's message without its catch-all prefix; a non-Chicory failure says what it was. */
    private static String message(Throwable failure) {
        if (failure instanceof StackOverflowError) {
            return "nested too deeply for the runtime's parser";
        }
        String m = failure.getMessage() == null ? "" : failure.getMessage();
        while (m.startsWith(PARSER_PREFIX)) {
            m = m.substring(PARSER_PREFIX.length());
        }
        if (!(failure instanceof com.dylibso.chicory.wasm.ChicoryException)) {
            return "the runtime's parser fails on it (" + failure.getClass().getSimpleName()
                    + (m.isEmpty() ? "" : ": " + m) + ")";
        }
        if (m.length() > 300) {
            // The validator joins one message per error of a function; the first says enough.
            int cut = m.indexOf(" - ");
            m = (cut > 0 && cut < 300 ? m.substring(0, cut) : m.substring(0, 300)) + " (and more)";
        }
        return m;
    }
}
