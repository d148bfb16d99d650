package ai.wippy.runtime.registry;

/**
 * The {@code expect} block of a {@code test.process} entry; every part is optional. {@code hasValue}
 * tells an expected null value ({@code value: null}) from no value expectation.
 */
public record Expectation(boolean hasValue, Object value, String error, Integer exitCode,
        String stdout, String stdoutContains, String stderrContains) {

    /** No expectation: the test passes when the process ends without error. */
    public static final Expectation NONE = new Expectation(false, null, null, null, null, null, null);
}
