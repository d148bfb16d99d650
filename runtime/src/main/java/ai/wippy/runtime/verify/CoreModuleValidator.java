package ai.wippy.runtime.verify;

import ai.wippy.runtime.wasm.*;

import java.util.Set;

/**
 * Validates a core module as the WebAssembly spec requires (types of every function body, indices,
 * constant expressions, limits), after {@link CoreModuleScanner} has checked its structure. The
 * one implementation is the runtime's own validator ({@link ChicoryValidator}); the seam keeps
 * Chicory out of the rest of this package.
 */
interface CoreModuleValidator {

    /**
     * @param file   the whole binary file the module is part of
     * @param layout where the module and its parts are in {@code file}
     * @param skippedBodies function bodies (index among the defined functions) not to validate:
     *                      each is replaced by one that is valid whatever the function's type
     * @throws MalformedBinaryException when the module is invalid, at the best offset known
     */
    void validate(byte[] file, CoreModuleLayout layout, Set<Integer> skippedBodies);
}
