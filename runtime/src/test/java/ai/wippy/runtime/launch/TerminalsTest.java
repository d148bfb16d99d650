package ai.wippy.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the process's own stdio fds that link to a terminal device are terminals. */
class TerminalsTest {

    @TempDir
    Path tmp;

    @Test
    void aStandardStreamIsKnownByItsDescriptor() {
        assertThat(Terminals.fdOf(System.in)).isZero();
        assertThat(Terminals.fdOf(System.out)).isEqualTo(1);
        assertThat(Terminals.fdOf(new FileOutputStream(FileDescriptor.out))).isEqualTo(1);
        assertThat(Terminals.fdOf(new FileOutputStream(FileDescriptor.err))).isEqualTo(2);
        assertThat(Terminals.fdOf(new FileInputStream(FileDescriptor.in))).isZero();
        assertThat(Terminals.fdOf(new ByteArrayOutputStream())).isEqualTo(-1);
        assertThat(Terminals.fdOf(new ByteArrayInputStream(new byte[0]))).isEqualTo(-1);
    }

    @Test
    void aLinkToAPseudoTerminalIsATtyAndAPipeOrFileIsNot() throws Exception {
        assertThat(Terminals.isTty(Files.createSymbolicLink(tmp.resolve("pts"), Path.of("/dev/pts/3")))).isTrue();
        assertThat(Terminals.isTty(Files.createSymbolicLink(tmp.resolve("tty"), Path.of("/dev/tty1")))).isTrue();
        assertThat(Terminals.isTty(Files.createSymbolicLink(tmp.resolve("pipe"), Path.of("pipe:[12345]")))).isFalse();
        assertThat(Terminals.isTty(Files.createSymbolicLink(tmp.resolve("file"), Path.of("/tmp/out.log")))).isFalse();
        assertThat(Terminals.isTty(tmp.resolve("missing"))).isFalse();
    }

    @Test
    void capturedStreamsAreNeverTerminals() {
        assertThat(Terminals.of(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream())).isEmpty();
        assertThat(ProcessIo.captured("t", line -> { }, null).terminals()).isEmpty();
    }
}
