package ai.wippy.runtime.wasi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory preopened for the guest at {@code guestPath}. Nothing under it can reach
 * outside {@code hostDirectory}; when {@code readOnly}, every mutation fails with EROFS.
 */
public record WasiMount(String guestPath, Path hostDirectory, boolean readOnly) {

    public WasiMount {
        Objects.requireNonNull(guestPath, "guestPath");
        Objects.requireNonNull(hostDirectory, "hostDirectory");
    }
}
