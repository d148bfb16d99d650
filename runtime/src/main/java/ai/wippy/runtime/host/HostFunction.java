package ai.wippy.runtime.host;

import java.util.List;

/**
 * A function a component imports, implemented in Java. Arguments and the result are values in
 * the SPEC §6.1 form (numbers, strings, lists, maps by field name, {@code {case: payload}} variants,
 * {@code {ok: v}}/{@code {err: e}} results, …), already converted from and to the function's WIT
 * types; a result that does not fit the declared type traps the guest with a message saying why.
 * Throwing traps the calling guest (its process ends with the exception's message).
 */
@FunctionalInterface
public interface HostFunction {

    Object call(List<Object> args);
}
