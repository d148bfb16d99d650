package ai.wippy.runtime.wasip2;

/**
 * A guest broke a rule of a WASI interface that the interface answers with a trap (a handle of the
 * wrong kind, a write beyond what check-write allowed, poll of an empty list, a dropped parent): the
 * calling process ends with this message.
 */
final class WasiTrap extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WasiTrap(String message) {
        super(message, null, false, false);
    }
}
