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
    /** The outgoing HTTP exchanges under way (released from the exchanges' threads). */
    final HttpBudget httpBudget = new HttpBudget();
    private StdinPump stdin;
    private FsBudget fsBudget;

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

    /** The host descriptors this guest may still open (its share of the JVM's). */
    FsBudget fsBudget() {
        if (fsBudget == null) {
            fsBudget = new FsBudget(options.sandbox().budget().perGuest());
        }
        return fsBudget;
    }

    void close() {
        resources.closeAll();
        if (stdin != null) {
            stdin.close();
        }
    }
}
