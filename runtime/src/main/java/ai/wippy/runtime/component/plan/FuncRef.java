package ai.wippy.runtime.component.plan;

import ai.wippy.runtime.component.types.FuncType;
import java.util.List;

/** A component-level function once a plan is instantiated. */
public sealed interface FuncRef {

    FuncType type();

    /** A core function lifted by {@code canon lift}, running in component instance {@code componentInstance}. */
    record Lifted(CoreRef core, CanonOptions options, FuncType type, int componentInstance) implements FuncRef {
    }

    /**
     * A function the host provides: root import number {@code importIndex}, then export names
     * down into nested instances ({@code path} is empty when the import is the function itself).
     */
    record Imported(int importIndex, List<String> path, FuncType type) implements FuncRef {
        public Imported {
            path = List.copyOf(path);
        }
    }
}
