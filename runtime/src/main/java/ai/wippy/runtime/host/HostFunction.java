package ai.wippy.runtime.host;

import java.util.List;

/**
 * A function a component imports, implemented in Java. Arguments and the result are values in
 * the SPEC §6.1 form (numbers, strings, lists, maps by field name, {@code {case: payload}} variants,
 * {@code {ok: v}}/{@code {err: e}} results, …), already converted from and to the function's WIT
 * types; a result that does not fit the declared type traps the guest with a message saying why.
 * Throwing traps the calling guest (its process ends with the exception's message).
 *
 * <p>Resources the host defines (an imported {@code resource} type) are plain Java objects: return
 * any object as an {@code own<R>} (e.g. from {@code [constructor]r}) and the guest gets a handle to
 * it; the guest's {@code own}/{@code borrow} handles arrive as that object (the {@code self} of
 * {@code [method]r.m} is its first argument). When the guest drops its handle, or when its process
 * ends, an object that is {@link AutoCloseable} is closed, once.
 */
@FunctionalInterface
public interface HostFunction {

    Object call(List<Object> args);
}
