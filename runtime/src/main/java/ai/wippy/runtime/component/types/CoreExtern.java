package ai.wippy.runtime.component.types;

import ai.wippy.runtime.component.ast.CoreTypes;
import java.util.List;

/** The type of a core import or export. */
public sealed interface CoreExtern {

    String describe();

    record Func(List<CoreTypes.ValType> params, List<CoreTypes.ValType> results) implements CoreExtern {
        public Func {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        @Override
        public String describe() {
            return "func " + params + " -> " + results;
        }
    }

    record Table(CoreTypes.ValType element, CoreTypes.Limits limits) implements CoreExtern {
        @Override
        public String describe() {
            return "table";
        }
    }

    record Memory(CoreTypes.Limits limits) implements CoreExtern {
        @Override
        public String describe() {
            return "memory";
        }
    }

    record Global(CoreTypes.ValType type, boolean mutable) implements CoreExtern {
        @Override
        public String describe() {
            return "global";
        }
    }

    record Tag(Func type) implements CoreExtern {
        @Override
        public String describe() {
            return "tag";
        }
    }
}
