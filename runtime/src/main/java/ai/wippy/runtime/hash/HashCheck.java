package ai.wippy.runtime.hash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The outcome of checking a declared hash against a binary (SPEC §3), with Wippy's exact messages:
 * {@code invalid hash format: <hash>}, {@code unsupported hash algorithm: <alg>},
 * {@code hash mismatch: expected <exp>, got <actual>} (plus a hint when only the letter case differs).
 *
 * @param actual {@code sha256:<hex>} of the binary
 */
public record HashCheck(String declared, String actual, Status status, String message) {

    public enum Status { MATCH, MISMATCH, INVALID_FORMAT, UNSUPPORTED_ALGORITHM }

    public boolean ok() {
        return status == Status.MATCH;
    }

    /** Checks {@code declared} against a file, streaming it once. */
    public static HashCheck ofFile(String declared, Path file) throws IOException {
        return ofActual(declared, Sha256.hex(file));
    }

    /** Checks {@code declared} against bytes already in memory (the very bytes about to be loaded). */
    public static HashCheck ofBytes(String declared, byte[] bytes) {
        return ofActual(declared, Sha256.hex(bytes));
    }

    /** Checks {@code declared} against an already computed lowercase hex digest. */
    public static HashCheck ofActual(String declared, String actualHex) {
        String actual = DeclaredHash.SHA256 + ":" + actualHex;
        DeclaredHash parsed;
        try {
            parsed = DeclaredHash.parse(declared);
        } catch (HashFormatException e) {
            Status status = e.getMessage().startsWith("unsupported") ? Status.UNSUPPORTED_ALGORITHM : Status.INVALID_FORMAT;
            return new HashCheck(declared, actual, status, e.getMessage());
        }
        if (parsed.hex().equals(actualHex)) {
            return new HashCheck(declared, actual, Status.MATCH, null);
        }
        String message = "hash mismatch: expected " + declared + ", got " + actual;
        if (parsed.hex().toLowerCase(Locale.ROOT).equals(actualHex)) {
            message += " (the digest matches but is written in uppercase; hashes are lowercase hex: use " + actual + ")";
        }
        return new HashCheck(declared, actual, Status.MISMATCH, message);
    }
}
