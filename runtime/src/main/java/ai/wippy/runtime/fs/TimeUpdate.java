package ai.wippy.runtime.fs;

/** What to do with one timestamp in a set-times call. */
public record TimeUpdate(Kind kind, long nanos) {

    public enum Kind { KEEP, NOW, SET }

    public static final TimeUpdate KEEP = new TimeUpdate(Kind.KEEP, 0);
    public static final TimeUpdate NOW = new TimeUpdate(Kind.NOW, 0);

    public static TimeUpdate at(long nanosSinceEpoch) {
        return new TimeUpdate(Kind.SET, nanosSinceEpoch);
    }
}
