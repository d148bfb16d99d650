package ai.wippy.runtime.engine;

import java.util.List;

/**
 * One instance of a {@link Program}, owned by one process and used from one thread at a time.
 * Interrupting the calling thread stops a running call (with {@link WasmCallException.Reason#INTERRUPTED}).
 */
public interface Execution extends AutoCloseable {

    /** The program this is an instance of. */
    Program program();

    /**
     * Calls the export {@code signature} names with arguments already of its parameter types (the
     * engine's value model, see {@link ai.wippy.runtime.wit.WitType}); returns the lifted result in
     * that model. Coercion from people's values happens above the engine (see {@link #call}).
     *
     * @throws WasmCallException when the call does not return a value
     */
    Object invoke(ai.wippy.runtime.wit.WitFunction signature, List<Object> args);

    /**
     * Calls export {@code method}. For core modules {@code wit} (the entry's {@code wit} text, may be
     * null) types the call; without it the export's numeric core signature is used.
     * {@code fromCommandLine} lets string arguments be parsed into the parameter types (SPEC §6);
     * a function without parameters (a WASI command's {@code _start}) then ignores them: the
     * command line reaches it as argv.
     *
     * @return the result in SPEC §6.1's form: null for none, the value for one, a List for several
     * @throws WasmCallException when the call does not return a value
     */
    default Object call(String method, String wit, List<Object> args, boolean fromCommandLine) {
        ai.wippy.runtime.wit.WitFunction signature = program().signature(method, wit);
        List<Object> given = fromCommandLine && signature.params().isEmpty() ? List.of() : args;
        List<Object> coerced;
        try {
            coerced = ai.wippy.runtime.wit.ArgumentCoercion.coerce(signature.params(), given, fromCommandLine);
        } catch (ai.wippy.runtime.WippyException e) {
            throw new WasmCallException(WasmCallException.Reason.ARGUMENT, e.getMessage());
        }
        return ai.wippy.runtime.wit.WitValues.resultToPlain(signature, invoke(signature, coerced));
    }

    @Override
    void close();
}
