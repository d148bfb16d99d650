package ai.wippy.runtime.component.types;

import ai.wippy.runtime.wit.ResourceType;

/** A resource type (equal only to itself). */
public record ResourceTypeDef(ResourceType resource) implements TypeDef {

    @Override
    public String describe() {
        return "resource " + resource.name();
    }
}
