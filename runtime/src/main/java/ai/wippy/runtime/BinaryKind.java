package ai.wippy.runtime;

import ai.wippy.runtime.WippyException;

/** Core module or component, told apart by the 8-byte header (SPEC §6). */
public enum BinaryKind {
    CORE_MODULE("core module"),
    COMPONENT("component");

    private final String label;

    BinaryKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Reads the preamble: magic {@code \0asm}, then version {@code 01 00 00 00} (core) or
     * version {@code 0d 00} + layer {@code 01 00} (component).
     */
    public static BinaryKind detect(String name, byte[] bytes) {
        if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 'a' || bytes[2] != 's' || bytes[3] != 'm') {
            throw WippyException.user(name + " is not a WebAssembly binary (it does not start with \\0asm)");
        }
        if (bytes[6] == 0 && bytes[7] == 0 && bytes[4] == 1 && bytes[5] == 0) {
            return CORE_MODULE;
        }
        if (bytes[6] == 1 && bytes[7] == 0) {
            return COMPONENT;
        }
        throw WippyException.user(String.format(
                "%s has an unknown WebAssembly version/layer %02x %02x %02x %02x (expected 01 00 00 00 for a core"
                        + " module or 0d 00 01 00 for a component)", name, bytes[4], bytes[5], bytes[6], bytes[7]));
    }
}
