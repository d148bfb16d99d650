package ai.wippy.runtime.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashTest {

    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void knownVectors(@TempDir Path dir) throws Exception {
        assertThat(Sha256.hex(new byte[0])).isEqualTo(EMPTY);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
        assertThat(Sha256.hex(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ABC);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertThat(Sha256.hex(empty)).isEqualTo(EMPTY);
    }

    @Test
    void streamingAgreesWithSha256sumOnAFileThatIsNotAMultipleOfTheBuffer(@TempDir Path dir) throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(data);
        Path file = Files.write(dir.resolve("big.bin"), data);
        assertThat(Sha256.hex(file)).isEqualTo(Sha256.hex(data));
        Path sha256sum = Path.of("/usr/bin/sha256sum");
        assumeTrue(Files.isExecutable(sha256sum), "sha256sum is not installed");
        Process p = new ProcessBuilder(sha256sum.toString(), file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        assertThat(out).startsWith(Sha256.hex(file) + " ");
    }

    @Test
    void declaredHashMessagesAreWippys() {
        assertThat(DeclaredHash.parse("sha256:" + ABC)).isEqualTo(new DeclaredHash("sha256", ABC));
        assertThat(DeclaredHash.parse("sha256:" + ABC).toString()).isEqualTo("sha256:" + ABC);
        assertThatThrownBy(() -> DeclaredHash.parse(ABC))
                .isInstanceOf(HashFormatException.class).hasMessage("invalid hash format: " + ABC);
        assertThatThrownBy(() -> DeclaredHash.parse("md5:abc"))
                .isInstanceOf(HashFormatException.class).hasMessage("unsupported hash algorithm: md5");
        assertThatThrownBy(() -> DeclaredHash.parse("SHA256:" + ABC))
                .isInstanceOf(HashFormatException.class).hasMessage("unsupported hash algorithm: SHA256");
    }

    @Test
    void checksReportEachOutcome() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashCheck.ofBytes("sha256:" + ABC, abc).ok()).isTrue();
        HashCheck mismatch = HashCheck.ofBytes("sha256:" + EMPTY, abc);
        assertThat(mismatch.status()).isEqualTo(HashCheck.Status.MISMATCH);
        assertThat(mismatch.message()).isEqualTo("hash mismatch: expected sha256:" + EMPTY + ", got sha256:" + ABC);
        HashCheck upper = HashCheck.ofBytes("sha256:" + ABC.toUpperCase(), abc);
        assertThat(upper.ok()).isFalse();
        assertThat(upper.message()).isEqualTo("hash mismatch: expected sha256:" + ABC.toUpperCase() + ", got sha256:"
                + ABC + " (the digest matches but is written in uppercase; hashes are lowercase hex: use sha256:" + ABC + ")");
        HashCheck format = HashCheck.ofBytes("abc", abc);
        assertThat(format.status()).isEqualTo(HashCheck.Status.INVALID_FORMAT);
        assertThat(format.message()).isEqualTo("invalid hash format: abc");
        HashCheck alg = HashCheck.ofBytes("sha1:abc", abc);
        assertThat(alg.status()).isEqualTo(HashCheck.Status.UNSUPPORTED_ALGORITHM);
        assertThat(alg.message()).isEqualTo("unsupported hash algorithm: sha1");
        HashCheck shortHex = HashCheck.ofBytes("sha256:ab", abc);
        assertThat(shortHex.status()).isEqualTo(HashCheck.Status.MISMATCH);
    }
}
