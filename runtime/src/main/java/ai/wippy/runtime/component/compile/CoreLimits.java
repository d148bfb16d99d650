package ai.wippy.runtime.component.compile;

import ai.wippy.runtime.component.ast.CoreTypes;

/**
 * The core WebAssembly rules for table and memory limits, for the core types a component declares
 * itself (module types; core modules are validated whole by the core parser). A 32-bit memory has at
 * most 65536 pages of 64 KiB (4 GiB), a 64-bit one 2^48 (2^64 bytes); a shared memory needs a
 * maximum.
 */
final class CoreLimits {

    static final long MAX_PAGES_32 = 1L << 16;
    static final long MAX_PAGES_64 = 1L << 48;

    private CoreLimits() {
    }

    /** Null when the limits of a memory are valid, else what is wrong. */
    static String checkMemory(CoreTypes.Limits l) {
        String problem = checkOrder(l);
        if (problem != null) {
            return problem;
        }
        long most = l.is64() ? MAX_PAGES_64 : MAX_PAGES_32;
        if (Long.compareUnsigned(l.min(), most) > 0 || (l.max() != -1 && Long.compareUnsigned(l.max(), most) > 0)) {
            return "memory size must be at most " + most + " pages (" + (l.is64() ? "2^64 bytes" : "4 GiB")
                    + "), not " + Long.toUnsignedString(Long.compareUnsigned(l.min(), most) > 0 ? l.min() : l.max());
        }
        if (l.shared() && l.max() == -1) {
            return "shared memory must have maximum size";
        }
        return null;
    }

    /** Null when the limits of a table are valid, else what is wrong. */
    static String checkTable(CoreTypes.Limits l) {
        return checkOrder(l);
    }

    private static String checkOrder(CoreTypes.Limits l) {
        if (l.max() != -1 && Long.compareUnsigned(l.min(), l.max()) > 0) {
            return "size minimum must not be greater than maximum (" + Long.toUnsignedString(l.min()) + " > "
                    + Long.toUnsignedString(l.max()) + ")";
        }
        return null;
    }
}
