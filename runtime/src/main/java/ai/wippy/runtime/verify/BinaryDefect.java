package ai.wippy.runtime.verify;

import ai.wippy.runtime.wasm.*;

/**
 * Why a WASM binary cannot run: what it is ("module" or "component"), the byte offset of the
 * problem in the file (-1 when it has no single place) and what is wrong there.
 */
public record BinaryDefect(String what, long offset, String message) {

    /** {@code invalid WebAssembly module at offset 0x1a3: section size 4294967295 exceeds the file}. */
    public String format() {
        return "invalid WebAssembly " + what + (offset >= 0 ? " at offset 0x" + Long.toHexString(offset) : "")
                + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
