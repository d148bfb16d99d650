package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wasi.StdinPump;
import ai.wippy.runtime.wasi.WasiOptions;

/**
 * What the WASI 0.2 host of one component execution shares between its interfaces: the
 * configuration (arguments, environment, cwd, mounts, stdio, clocks, random), the table of host
 * resources, and the guest thread's {@link Waker}.
 */
final class WasiContext {

    final WasiOptions options;
    final HostResources resources = new HostResources();
    final Waker waker;
    private StdinPump stdin;

    WasiContext(WasiOptions options) {
        this.options = options;
        this.waker = new Waker(options.waitHook());
    }

    /** The guest's stdin, pumped on first use; the waker hears when data arrives. */
    StdinPump stdin() {
        if (stdin == null) {
            stdin = new StdinPump(options.stdin(), options.waitHook());
            stdin.onChange(waker::wake);
        }
        return stdin;
    }

    void close() {
        resources.closeAll();
        if (stdin != null) {
            stdin.close();
        }
    }
}
