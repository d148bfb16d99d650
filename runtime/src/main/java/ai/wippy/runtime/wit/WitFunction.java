package ai.wippy.runtime.wit;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A WIT function signature: named parameters and zero or more (unnamed here) result types. */
public record WitFunction(String name, List<Param> params, List<WitType> results) {

    public record Param(String name, WitType type) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            return name + ": " + type;
        }
    }

    public WitFunction {
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public List<WitType> paramTypes() {
        return params.stream().map(Param::type).toList();
    }

    /** The signature in WIT syntax, e.g. {@code add: func(a: s32, b: s32) -> s32}. */
    @Override
    public String toString() {
        String ps = params.stream().map(Param::toString).collect(Collectors.joining(", "));
        String rs;
        if (results.isEmpty()) {
            rs = "";
        } else if (results.size() == 1) {
            rs = " -> " + results.get(0);
        } else {
            rs = " -> (" + results.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
        }
        return name + ": func(" + ps + ")" + rs;
    }
}
