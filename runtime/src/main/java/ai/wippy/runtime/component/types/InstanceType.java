package ai.wippy.runtime.component.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an instance exports, by name, in declaration order. */
public record InstanceType(Map<String, ExternType> exports) implements TypeDef {

    public InstanceType {
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }

    @Override
    public String describe() {
        return "instance type";
    }
}
