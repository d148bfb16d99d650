package ai.wippy.runtime.wit;

import java.util.Objects;

/**
 * A resource value as it crosses a component boundary: the resource type, its representation (the
 * i32 the implementing side chose) and whether it is owned or borrowed. Hosts receive and return
 * these; the component runtime turns them into handle-table indexes on the guest side.
 */
public record ResourceHandle(ResourceType type, int rep, boolean owned) {

    public ResourceHandle {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return (owned ? "own<" : "borrow<") + type.name() + ">#" + rep;
    }
}
