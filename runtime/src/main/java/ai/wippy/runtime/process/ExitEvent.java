package ai.wippy.runtime.process;

/**
 * Delivered to the spawner's mailbox when a monitored process ends (SPEC §7):
 * {@code {kind: "pid.exit", from: pid, result: {value, error}}}.
 */
public record ExitEvent(String kind, Pid from, ProcessResult result) {

    public static final String KIND = "pid.exit";

    public ExitEvent(Pid from, ProcessResult result) {
        this(KIND, from, result);
    }
}
