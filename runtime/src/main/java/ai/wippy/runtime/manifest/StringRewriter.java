package ai.wippy.runtime.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rewrites every string inside an entry's data, telling the rewrite the field's dotted path. */
@FunctionalInterface
interface StringRewriter {

    /** The replacement for {@code value} found at {@code path}. */
    String rewrite(String path, String value);

    default Map<String, Object> applyTo(Map<String, Object> data) {
        Map<String, Object> result = new LinkedHashMap<>();
        data.forEach((key, value) -> result.put(key, apply(key, value)));
        return result;
    }

    private Object apply(String path, Object value) {
        if (value instanceof String s) {
            return rewrite(path, s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, child) -> result.put(String.valueOf(key), apply(path + "." + key, child)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                result.add(apply(path + "." + i, list.get(i)));
            }
            return result;
        }
        return value;
    }
}
