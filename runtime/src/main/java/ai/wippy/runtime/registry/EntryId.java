package ai.wippy.runtime.registry;

import java.util.Objects;

/** An entry ID {@code namespace:name}; the namespace is everything before the first {@code :}. */
public record EntryId(String namespace, String name) implements Comparable<EntryId> {

    public EntryId {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** Splits at the first {@code :}; a string without {@code :} has an empty namespace. */
    public static EntryId parse(String id) {
        int colon = id.indexOf(':');
        if (colon < 0) {
            return new EntryId("", id);
        }
        return new EntryId(id.substring(0, colon), id.substring(colon + 1));
    }

    @Override
    public String toString() {
        return namespace + ":" + name;
    }

    @Override
    public int compareTo(EntryId o) {
        return toString().compareTo(o.toString());
    }
}
