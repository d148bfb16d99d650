package ai.wippy.runtime.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The on-disk form of one compiled-code cache entry: a short text header, then the compiled code
 * ({@link CompiledCode#encode}). The header records what the code was compiled from and a digest of it:
 *
 * <pre>
 * wippy-compiled-code 1
 * engine chicory-1.7.5+wippy-2
 * module sha-256:…            (Chicory's digest of the WASM module the code was compiled from)
 * content-sha256 &lt;64 hex&gt;   (SHA-256 of the content that follows)
 * content-length &lt;bytes&gt;
 * (blank line)
 * &lt;the content&gt;
 * </pre>
 *
 * {@link #open} checks all of it before any byte reaches Chicory (which defines and initialises
 * the classes it finds): a truncated, corrupted or foreign file, or the entry of another module
 * under this one's name (two entries swapped), is refused. The digest is not a signature: whoever
 * can write the cache directory can also write a matching header. What keeps other users out is
 * {@link CacheTrust}: the directory and its entries must be owned by the build's user and not
 * writable by anyone else.
 */
final class CacheEntry {

    static final String MAGIC = "wippy-compiled-code 1";

    /** Headers are a few hundred bytes; anything longer is not an entry. */
    private static final int MAX_HEADER = 1024;

    private CacheEntry() {
    }

    /** Why a file is not a usable entry; the message names what did not match. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static byte[] encode(String moduleDigest, String engineVersion, byte[] content) {
        String header = MAGIC + "\n"
                + "engine " + engineVersion + "\n"
                + "module " + moduleDigest + "\n"
                + "content-sha256 " + sha256(content) + "\n"
                + "content-length " + content.length + "\n"
                + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + content.length);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(content);
        return out.toByteArray();
    }

    /**
     * Returns the content inside {@code entry} if the entry was written by this engine version for the
     * module with digest {@code moduleDigest} and its content is intact.
     */
    static byte[] open(byte[] entry, String moduleDigest, String engineVersion) throws Invalid {
        int end = headerEnd(entry);
        String[] lines = new String(entry, 0, end, StandardCharsets.US_ASCII).split("\n", -1);
        // MAGIC, engine, module, content-sha256, content-length, then the blank line and ""
        if (lines.length != 7 || !MAGIC.equals(lines[0]) || !lines[5].isEmpty()) {
            throw new Invalid("not a compiled-code cache entry (bad header)");
        }
        String engine = field(lines[1], "engine");
        if (!engine.equals(engineVersion)) {
            throw new Invalid("written by engine " + engine + ", this is " + engineVersion);
        }
        String module = field(lines[2], "module");
        if (!module.equals(moduleDigest)) {
            throw new Invalid("compiled from another module (" + module + ")");
        }
        String digest = field(lines[3], "content-sha256");
        long length;
        try {
            length = Long.parseLong(field(lines[4], "content-length"));
        } catch (NumberFormatException e) {
            throw new Invalid("bad content-length");
        }
        long actual = entry.length - (long) end;
        if (length != actual) {
            throw new Invalid("content is " + actual + " bytes, the header says " + length + " (truncated?)");
        }
        byte[] content = Arrays.copyOfRange(entry, end, entry.length);
        if (!sha256(content).equals(digest)) {
            throw new Invalid("content does not match its SHA-256 (corrupted)");
        }
        return content;
    }

    /** Index just past the header's blank line. */
    private static int headerEnd(byte[] entry) throws Invalid {
        int limit = Math.min(entry.length, MAX_HEADER);
        for (int i = 1; i < limit; i++) {
            if (entry[i] == '\n' && entry[i - 1] == '\n') {
                return i + 1;
            }
            if (entry[i] < 0) { // the header is ASCII: this is some other file (a bare jar, say)
                break;
            }
        }
        throw new Invalid("not a compiled-code cache entry (no header)");
    }

    private static String field(String line, String name) throws Invalid {
        if (!line.startsWith(name + " ")) {
            throw new Invalid("not a compiled-code cache entry (expected " + name + ")");
        }
        return line.substring(name.length() + 1);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
