package ai.wippy.runtime.wit;

import java.util.Objects;

/**
 * A resource type. Resource types are equal only to themselves (the Component Model compares them
 * by identity, not by name): every {@code (type (sub resource))} import or definition is a new one,
 * and so is every resource a component defines, once per instance. The name is for messages.
 */
public final class ResourceType {

    private volatile String name;
    private volatile boolean named;

    public ResourceType(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.named = true;
    }

    /** A resource known only by where it was defined until an import or export names it. */
    public static ResourceType anonymous(String placeholder) {
        ResourceType r = new ResourceType(placeholder);
        r.named = false;
        return r;
    }

    /** Gives an anonymous resource the name it is first imported or exported under (for messages). */
    public void nameIfAnonymous(String newName) {
        if (!named) {
            name = newName;
            named = true;
        }
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
