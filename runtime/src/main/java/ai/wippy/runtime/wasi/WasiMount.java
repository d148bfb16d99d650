package ai.wippy.runtime.wasi;

import java.nio.file.Path;
import java.util.Objects;

/** A host directory preopened at {@code guestPath}; {@code readOnly} refuses every change under it. */
public record WasiMount(String guestPath, Path hostDirectory, boolean readOnly) {

    public WasiMount {
        Objects.requireNonNull(guestPath, "guestPath");
        Objects.requireNonNull(hostDirectory, "hostDirectory");
    }
}
