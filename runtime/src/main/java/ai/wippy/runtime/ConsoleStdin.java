package ai.wippy.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The console's stdin for a command, as the user gave it — or nothing. When a program is started
 * with stdin closed ({@code mvn … <&-}, some CI runners, daemons), fd 0 is free when the JVM
 * starts, and the first file the JVM opens for itself takes it: on Linux that is the JDK's
 * {@code lib/modules} (128 MB on JDK 17), which {@code System.in} then reads as if the user had
 * piped it in. A guest must never read a host file that way: a closed stdin reads as EOF.
 *
 * <p>The check does not rely on which file the JDK opens first. On Linux, {@code /proc/self/fd/0}
 * says what fd 0 is; it is not the user's stdin when it is a regular file that lies inside
 * {@code java.home}, or that this process has mapped into its memory ({@code /proc/self/maps}):
 * the JVM maps its module image, class-data archive and libraries, a file a user redirects to
 * stdin is read, never mapped. Pipes, terminals, {@code /dev/null} and files a user redirects are
 * left alone. Elsewhere (no {@code /proc}) {@code System.in} is used as it is.
 */
public final class ConsoleStdin {

    private static final Path FD0 = Path.of("/proc/self/fd/0");
    private static final Path MAPS = Path.of("/proc/self/maps");

    private ConsoleStdin() {
    }

    /** {@code System.in}, or an empty stream when fd 0 is not what the user gave; {@code debug} is told why. */
    public static InputStream systemIn(Consumer<String> debug) {
        Optional<String> why = notTheUsers(FD0, MAPS, Path.of(System.getProperty("java.home")));
        if (why.isPresent()) {
            debug.accept("stdin reads as empty: " + why.get());
            return InputStream.nullInputStream();
        }
        return System.in;
    }

    /** Why {@code fd0} (a {@code /proc/<pid>/fd/0} link) is not the user's stdin; empty when it is, or when it cannot be told. */
    static Optional<String> notTheUsers(Path fd0, Path maps, Path javaHome) {
        Path target;
        try {
            target = Files.readSymbolicLink(fd0);
        } catch (NoSuchFileException e) {
            return Files.isDirectory(fd0.getParent()) ? Optional.of("fd 0 is closed") : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(fd0)) {
            return Optional.empty();
        }
        try {
            if (target.startsWith(javaHome.toRealPath())) {
                return Optional.of("fd 0 is " + target + ", a file of the JVM (inside java.home): stdin was closed when"
                        + " the JVM started");
            }
            if (mapped(maps, target, Files.getAttribute(fd0, "unix:ino"))) {
                return Optional.of("fd 0 is " + target + ", a file the JVM has mapped into memory: stdin was closed when"
                        + " the JVM started");
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether a line of {@code maps} ({@code addr perms offset dev inode path}) maps this file. */
    private static boolean mapped(Path maps, Path file, Object inode) throws IOException {
        String ino = String.valueOf(inode);
        String name = file.toString();
        // ISO-8859-1 decodes any byte: an odd file name elsewhere in the map cannot fail the check.
        List<String> lines = Files.readAllLines(maps, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String line : lines) {
            String[] f = line.trim().split("\\s+", 6);
            if (f.length == 6 && f[4].equals(ino) && f[5].equals(name)) {
                return true;
            }
        }
        return false;
    }
}
