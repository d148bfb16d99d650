package ai.wippy.runtime.testing;

/**
 * How one test went. {@code FAILED}: it ran and an expectation did not hold; {@code ERROR}: it could
 * not run to an outcome the test expected (spawn refused, an unexpected process error, a timeout).
 */
public record TestOutcome(TestCase test, Status status, String message, long millis, String stdout, String stderr) {

    public enum Status { PASSED, FAILED, ERROR }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
