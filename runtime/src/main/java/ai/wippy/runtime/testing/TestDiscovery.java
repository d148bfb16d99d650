package ai.wippy.runtime.testing;

import ai.wippy.runtime.registry.Expectation;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.TestProcess;
import ai.wippy.runtime.registry.WasmEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Finds the tests of a project: {@code test.process} entries and {@code process.wasm} entries with {@code meta.type: test}. */
public final class TestDiscovery {

    /** Budget of a test that sets none (SPEC §9). */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    private TestDiscovery() {
    }

    public static List<TestCase> discover(Registry registry) {
        return discover(registry, DEFAULT_TIMEOUT_MS);
    }

    /** As {@link #discover(Registry)}, with another budget for a {@code process.wasm} test that sets none. */
    static List<TestCase> discover(Registry registry, long defaultTimeoutMs) {
        List<TestCase> tests = new ArrayList<>();
        for (TestProcess t : registry.testProcesses()) {
            tests.add(new TestCase(t.id().toString(), t.suite(), t.description(), t.target().toString(), t.args(),
                    t.timeoutMs() > 0 ? t.timeoutMs() : DEFAULT_TIMEOUT_MS, t.expect(), false));
        }
        for (WasmEntry e : registry.wasmEntries()) {
            if (e.isProcess() && e.isTest()) {
                Object suite = e.meta().get("suite");
                Object description = e.meta().get("description");
                long timeout = e.limits().maxExecutionMs() > 0 ? e.limits().maxExecutionMs() : defaultTimeoutMs;
                tests.add(new TestCase(e.id().toString(), suite == null ? "wippy" : suite.toString(),
                        description == null ? null : description.toString(), e.id().toString(), List.of(), timeout,
                        Expectation.NONE, true));
            }
        }
        tests.sort(Comparator.comparing(TestCase::suite).thenComparing(TestCase::id));
        return tests;
    }
}
