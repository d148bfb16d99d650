package ai.wippy.runtime.hash;

/**
 * A declared {@code hash:} value, {@code <algorithm>:<hex>} split at the first {@code :} (SPEC §3).
 * Only {@code sha256} exists; the hex is kept as written (an uppercase one then fails as a mismatch,
 * as in Wippy).
 */
public record DeclaredHash(String algorithm, String hex) {

    public static final String SHA256 = "sha256";

    public static DeclaredHash parse(String declared) {
        int colon = declared == null ? -1 : declared.indexOf(':');
        if (colon < 0) {
            throw new HashFormatException("invalid hash format: " + declared);
        }
        String algorithm = declared.substring(0, colon);
        if (!SHA256.equals(algorithm)) {
            throw new HashFormatException("unsupported hash algorithm: " + algorithm);
        }
        return new DeclaredHash(algorithm, declared.substring(colon + 1));
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
