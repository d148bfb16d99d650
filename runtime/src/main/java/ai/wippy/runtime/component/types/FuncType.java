package ai.wippy.runtime.component.types;

import ai.wippy.runtime.wit.WitType;
import java.util.List;
import java.util.stream.Collectors;

/** A component function type: named parameters and at most one result ({@code result} null: none). */
public record FuncType(List<Param> params, WitType result) implements TypeDef {

    public record Param(String name, WitType type) {
    }

    public FuncType {
        params = List.copyOf(params);
    }

    public List<WitType> paramTypes() {
        return params.stream().map(Param::type).toList();
    }

    /** WIT syntax, e.g. {@code func(a: s32, b: s32) -> s32}. */
    @Override
    public String describe() {
        return "func(" + params.stream().map(p -> p.name() + ": " + p.type()).collect(Collectors.joining(", "))
                + ")" + (result == null ? "" : " -> " + result);
    }

    @Override
    public String toString() {
        return describe();
    }
}
