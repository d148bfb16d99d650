package ai.wippy.runtime.hash;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replaces a file's content atomically and keeps what users expect of an edit in place: the file's
 * permissions (a {@code 0664} manifest stays {@code 0664}, not the temporary file's {@code 0600}),
 * and a symbolic link stays a link (its target is rewritten). The new content is written to a
 * temporary file beside the target, given the target's mode, then moved over it, so a reader sees
 * the old file or the new one, never half of one.
 */
public final class InPlaceFile {

    private InPlaceFile() {
    }

    /** Replaces the content of {@code file} (which must exist) with {@code content}. */
    public static void replace(Path file, byte[] content) throws IOException {
        Path target = file.toRealPath();
        PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        Set<PosixFilePermission> mode = posix == null ? null : posix.readAttributes().permissions();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, content);
            if (mode != null) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
