package ai.wippy.runtime.engine;

import java.util.List;

/**
 * One instance of a {@link Program}, owned by one process and used from one thread at a time.
 * Interrupting the calling thread stops a running call (with {@link WasmCallException.Reason#INTERRUPTED}).
 */
public interface Execution extends AutoCloseable {

    /**
     * Calls export {@code method}. For core modules {@code wit} (the entry's {@code wit} text, may be
     * null) types the call; without it the export's numeric core signature is used.
     * {@code fromCommandLine} lets string arguments be parsed into the parameter types (SPEC §6);
     * a function without parameters (a WASI command's {@code _start}) then ignores them: the
     * command line reaches it as argv.
     *
     * @return the lifted result: null for none, the value for one, a List for several
     * @throws WasmCallException when the call does not return a value
     */
    Object call(String method, String wit, List<Object> args, boolean fromCommandLine);

    @Override
    void close();
}
