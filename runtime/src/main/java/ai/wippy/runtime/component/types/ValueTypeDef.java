package ai.wippy.runtime.component.types;

import ai.wippy.runtime.wit.WitType;

/** A defined value type (record, variant, list, …, or a primitive). */
public record ValueTypeDef(WitType type) implements TypeDef {

    @Override
    public String describe() {
        return type.toString();
    }
}
