package ai.wippy.runtime.component.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a component imports and exports, by name, in declaration order. */
public record ComponentType(Map<String, ExternType> imports, Map<String, ExternType> exports) implements TypeDef {

    public ComponentType {
        imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    @Override
    public String describe() {
        return "component type";
    }
}
