package ai.wippy.runtime.component.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A core module's imports (in order) and exports (by name). */
public record ModuleType(List<Import> imports, Map<String, CoreExtern> exports) {

    public record Import(String module, String name, CoreExtern type) {
    }

    public ModuleType {
        imports = List.copyOf(imports);
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
}
