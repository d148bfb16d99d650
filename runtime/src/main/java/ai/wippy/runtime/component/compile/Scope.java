package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.ast.Sort;
import ai.wippy.runtime.wit.ResourceType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index spaces of one component, component type or instance type, built incrementally as its
 * definitions are compiled. {@code parent} is the enclosing scope for outer aliases.
 */
final class Scope {

    enum Kind { COMPONENT, COMPONENT_TYPE, INSTANCE_TYPE, MODULE_TYPE }

    final Scope parent;
    final Kind kind;
    private final Map<Sort, List<Item>> spaces = new EnumMap<>(Sort.class);
    /** Resource types defined in this component (resource.new/rep need one of these). */
    final Set<ResourceType> definedResources = new HashSet<>();
    /** Import and export names seen, compared as the spec's "strongly-unique" requires. */
    final Set<String> importNames = new HashSet<>();
    final Set<String> exportNames = new HashSet<>();
    /** Resources by the name they were imported or exported under ({@code [method]r.f} must use these). */
    final java.util.Map<String, ResourceType> importedResourceNames = new java.util.HashMap<>();
    final java.util.Map<String, ResourceType> exportedResourceNames = new java.util.HashMap<>();

    /** The effective size of the import and export types so far (see TypeSizes). */
    long externSize;

    Scope(Scope parent, Kind kind) {
        this.parent = parent;
        this.kind = kind;
    }

    List<Item> space(Sort sort) {
        return spaces.computeIfAbsent(sort, s -> new ArrayList<>());
    }

    int add(Sort sort, Item item) {
        List<Item> space = space(sort);
        space.add(item);
        return space.size() - 1;
    }

    int size(Sort sort) {
        return space(sort).size();
    }

    /** Entry {@code index} of a space; an invalid index is an invalid-component error at {@code offset}. */
    Item get(Sort sort, int index, int offset) {
        List<Item> space = space(sort);
        if (index < 0 || index >= space.size()) {
            throw CompileErrors.invalid(offset, "unknown " + sort.text() + " " + index + ": " + sort.text()
                    + " index out of bounds (" + space.size() + " defined)");
        }
        return space.get(index);
    }
}
