package ai.wippy.runtime.launch;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of a command's stdio streams are a terminal, for WASI 0.2's {@code get-terminal-stdin},
 * {@code -stdout} and {@code -stderr} (a guest colours its output or prompts only on a terminal).
 * A stream counts only when it is the process's own fd 0, 1 or 2 ({@code System.in/out/err}, or a
 * file stream on {@code FileDescriptor.in/out/err}) and that fd is a tty: on Linux,
 * {@code /proc/self/fd/N} links to {@code /dev/pts/…} or {@code /dev/tty…}. The JDK has no
 * {@code isatty}, and {@code System.console()} answers for stdin and stdout together. Elsewhere, or
 * for any other stream (captured output, a pipe, a file), nothing is a terminal.
 */
final class Terminals {

    private Terminals() {
    }

    static Set<Integer> of(Object stdin, Object stdout, Object stderr) {
        Set<Integer> out = new HashSet<>();
        Object[] streams = {stdin, stdout, stderr};
        for (int fd = 0; fd < 3; fd++) {
            if (fdOf(streams[fd]) == fd && isTty(Path.of("/proc/self/fd/" + fd))) {
                out.add(fd);
            }
        }
        return Set.copyOf(out);
    }

    /** The process fd a stream writes or reads, or -1 when it is not one of the standard three. */
    static int fdOf(Object stream) {
        try {
            if (stream == System.in || stream instanceof FileInputStream f && f.getFD() == FileDescriptor.in) {
                return 0;
            }
            if (stream == System.out || stream instanceof FileOutputStream f && f.getFD() == FileDescriptor.out) {
                return 1;
            }
            if (stream == System.err || stream instanceof FileOutputStream f && f.getFD() == FileDescriptor.err) {
                return 2;
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Whether {@code link} (a {@code /proc/<pid>/fd/N}) is a terminal device. */
    static boolean isTty(Path link) {
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
