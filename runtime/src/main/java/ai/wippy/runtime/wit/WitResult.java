package ai.wippy.runtime.wit;

/** A {@code result} value: ok or error, with the payload ({@code null} when that side has no type). */
public record WitResult(boolean isOk, Object value) {

    public static WitResult ok(Object value) {
        return new WitResult(true, value);
    }

    public static WitResult err(Object value) {
        return new WitResult(false, value);
    }
}
