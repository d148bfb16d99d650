package ai.wippy.runtime.abi;

/** A core WebAssembly value type of a flattened signature. */
public enum CoreType {
    I32, I64, F32, F64;

    /** The spec's {@code join} of two flat types sharing one slot of a variant payload. */
    static CoreType join(CoreType a, CoreType b) {
        if (a == b) {
            return a;
        }
        if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
            return I32;
        }
        return I64;
    }
}
