package ai.wippy.runtime.engine;

import ai.wippy.runtime.wasi.WasiOptions;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one instance needs from its process: the WASI set-up (arguments, environment, mounts,
 * stdio, wait hook), the linear-memory cap in bytes (0 = the engine default) and the import
 * profiles its entry was granted (SPEC §4).
 */
public record ExecutionConfig(WasiOptions wasi, long memoryLimitBytes, Set<String> grantedImports) {

    public ExecutionConfig {
        Objects.requireNonNull(wasi, "wasi");
        grantedImports = Set.copyOf(grantedImports);
        if (memoryLimitBytes < 0) {
            throw new IllegalArgumentException("memoryLimitBytes cannot be negative");
        }
    }
}
