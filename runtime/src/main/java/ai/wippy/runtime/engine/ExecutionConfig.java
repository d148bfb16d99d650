package ai.wippy.runtime.engine;

import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.wasi.WasiOptions;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one instance needs from its process: the WASI set-up (arguments, environment, mounts,
 * stdio, wait hook), the linear-memory cap in bytes (0 = the engine default; at most
 * {@link EngineOptions#MAX_MEMORY_BYTES}) and the import
 * profiles its entry was granted (SPEC §4), and the Java host interfaces components may import.
 */
public record ExecutionConfig(WasiOptions wasi, long memoryLimitBytes, Set<String> grantedImports,
        ai.wippy.runtime.host.HostInterfaces hosts) {

    public ExecutionConfig(WasiOptions wasi, long memoryLimitBytes, Set<String> grantedImports) {
        this(wasi, memoryLimitBytes, grantedImports, ai.wippy.runtime.host.HostInterfaces.NONE);
    }

    public ExecutionConfig {
        Objects.requireNonNull(wasi, "wasi");
        Objects.requireNonNull(hosts, "hosts");
        grantedImports = Set.copyOf(grantedImports);
        if (memoryLimitBytes < 0) {
            throw new IllegalArgumentException("memoryLimitBytes cannot be negative");
        }
        if (memoryLimitBytes > EngineOptions.MAX_MEMORY_BYTES) {
            // a larger cap would be a promise the engine cannot keep: refuse it rather than clamp silently
            throw new IllegalArgumentException("memoryLimitBytes cannot exceed " + EngineOptions.MAX_MEMORY_BYTES
                    + " (the most the engine can give a guest), got " + memoryLimitBytes);
        }
    }
}
