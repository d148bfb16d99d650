package ai.wippy.runtime.engine;

/** A trap the component runtime raises itself (reentrance, a poisoned instance, handle misuse, …). */
final class ComponentTrap extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ComponentTrap(String message) {
        super(message, null, false, false);
    }
}
