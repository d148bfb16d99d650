package ai.wippy.runtime.wit;

import java.util.Objects;

/**
 * A resource type. Resource types are equal only to themselves (the Component Model compares them
 * by identity, not by name): every {@code (type (sub resource))} import or definition is a new one,
 * and so is every resource a component defines, once per instance. The name is for messages.
 *
 * <p>Two refinements keep validation and run time apart. A <em>view</em> is the same type under
 * another index (an import or export names it there; such names make a type externally visible);
 * it is {@link #equals equal} to what it views. An <em>abstraction</em> ({@code (export … (type
 * (sub resource)))}) is a new type for the type checker but the same resource at run time: its
 * {@link #runtime()} is the resource it hides, so handles keep working.
 */
public final class ResourceType {

    private volatile String name;
    private volatile boolean named;
    private final ResourceType identity;
    private final ResourceType runtime;

    public ResourceType(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.named = true;
        this.identity = this;
        this.runtime = this;
    }

    private ResourceType(String name, boolean named, ResourceType identity, ResourceType runtime) {
        this.name = name;
        this.named = named;
        this.identity = identity == null ? this : identity;
        this.runtime = runtime == null ? this : runtime;
    }

    /** A resource known only by where it was defined until an import or export names it. */
    public static ResourceType anonymous(String placeholder) {
        return new ResourceType(placeholder, false, null, null);
    }

    /** The same type under a new name (an import's or export's own index). */
    public ResourceType view(String viewName) {
        return new ResourceType(viewName, true, identity, runtime);
    }

    /** A new abstract type for type checking that is this resource at run time. */
    public ResourceType abstraction(String abstractName) {
        return new ResourceType(abstractName, true, null, runtime);
    }

    /** The resource handles of this type belong to at run time. */
    public ResourceType runtime() {
        return runtime;
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
    public boolean equals(Object o) {
        return o instanceof ResourceType r && r.identity == identity;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(identity);
    }

    @Override
    public String toString() {
        return name;
    }
}
