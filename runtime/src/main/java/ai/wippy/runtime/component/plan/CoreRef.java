package ai.wippy.runtime.component.plan;

/** Where a core function, table, memory or global comes from when a plan is instantiated. */
public sealed interface CoreRef {

    /** The export {@code name} of core instance number {@code instance}. */
    record Export(int instance, String name) implements CoreRef {
    }

    /** Lowered function number {@code index} (a {@code canon lower}). */
    record Lowered(int index) implements CoreRef {
    }

    /** Resource built-in number {@code index} ({@code resource.new/drop/rep}). */
    record Intrinsic(int index) implements CoreRef {
    }
}
