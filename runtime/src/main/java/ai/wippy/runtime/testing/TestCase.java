package ai.wippy.runtime.testing;

import ai.wippy.runtime.registry.Expectation;
import java.util.List;

/**
 * One WASM integration test (SPEC §9): a {@code test.process} entry, or a {@code process.wasm}
 * entry with {@code meta.type: test} (which passes when it ends with exit code 0, {@code true} or
 * no value).
 *
 * @param id        the test's entry ID ({@code ns:name})
 * @param suite     {@code meta.suite}, default {@code wippy}: one JUnit report per suite
 * @param target    the {@code process.*} entry to spawn
 * @param args      positional arguments given to it
 * @param timeoutMs wall-clock budget of the spawned process
 */
public record TestCase(String id, String suite, String description, String target, List<Object> args,
        long timeoutMs, Expectation expect, boolean selfTest) {

    /** The part of the ID after the namespace: the JUnit test name. */
    public String name() {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(colon + 1);
    }

    /** The namespace: the JUnit class name. */
    public String namespace() {
        int colon = id.indexOf(':');
        return colon < 0 ? "" : id.substring(0, colon);
    }
}
