package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.fs.FsError;
import ai.wippy.runtime.fs.FsException;

/**
 * The host file descriptors one guest holds, against its share of the JVM's (SPEC: a guest that
 * hoards files fails itself, not the next guest or the build; see fs.DescriptorBudget). Beyond it an
 * open fails before anything is opened on the host.
 */
final class FsBudget {

    private final int limit;
    private int held;

    FsBudget(int limit) {
        this.limit = limit;
    }

    void acquire() {
        if (held >= limit) {
            throw new FsException(FsError.MFILE);
        }
        held++;
    }

    void released() {
        held--;
    }
}
