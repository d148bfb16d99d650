package ai.wippy.runtime.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where {@code env.variable} values live: one {@code env.storage.*} entry. */
interface EnvStorage {

    /** The value stored under {@code key}; empty values count as absent (Wippy's rule). */
    Optional<String> get(String key);

    /** os, static, file and memory storages: a fixed map read once at load time. */
    static EnvStorage ofMap(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key)).filter(v -> !v.isEmpty());
    }

    /** {@code env.storage.router}: the first storage that has the key wins. */
    static EnvStorage router(List<EnvStorage> storages) {
        List<EnvStorage> copy = List.copyOf(storages);
        return key -> {
            for (EnvStorage storage : copy) {
                Optional<String> value = storage.get(key);
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        };
    }
}
