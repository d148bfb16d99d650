package ai.wippy.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.process.CapturedText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The head and tail kept of a stream, whatever the sizes of the writes, cut between characters. */
class KeptBytesTest {

    @Test
    void smallOutputIsKeptWhole() {
        KeptBytes k = new KeptBytes(4, 4);
        write(k, "abcdefgh");
        CapturedText t = k.text(null);
        assertThat(t.complete()).isTrue();
        assertThat(t.text()).isEqualTo("abcdefgh");
    }

    @Test
    void theTailIsTheLastBytesWhateverTheWritesWere() {
        for (int piece = 1; piece <= 12; piece++) {
            KeptBytes k = new KeptBytes(4, 5);
            String all = "0123456789abcdefghijklmnopqrstuvwxyz";
            for (int at = 0; at < all.length(); at += piece) {
                write(k, all.substring(at, Math.min(all.length(), at + piece)));
            }
            CapturedText t = k.text("out.txt");
            assertThat(t.head()).isEqualTo("0123");
            assertThat(t.tail()).as("pieces of %d", piece).isEqualTo("vwxyz");
            assertThat(t.leftOut()).isEqualTo(all.length() - 9);
            assertThat(t.text()).isEqualTo("0123\n[wippy: 27 bytes left out here of 36 written; the whole output: out.txt]"
                    + "\nvwxyz");
        }
    }

    @Test
    void cutsFallBetweenCharactersAndCountTheBytesDropped() {
        KeptBytes k = new KeptBytes(4, 4);
        // "aé€" is a(1) é(2) €(3): the head's 4 bytes end inside €; the tail's 4 bytes start inside the second €
        write(k, "aé€-middle-€ñ");
        CapturedText t = k.text(null);
        assertThat(t.head()).isEqualTo("aé");
        assertThat(t.tail()).isEqualTo("ñ");
        assertThat(t.bytes()).isEqualTo("aé€-middle-€ñ".getBytes(StandardCharsets.UTF_8).length);
        assertThat(t.leftOut()).isEqualTo(t.bytes() - "aé".getBytes(StandardCharsets.UTF_8).length - 2);
        assertThat(t.text()).doesNotContain("\uFFFD");
        assertThat(t.contains("ñ")).isTrue();
        assertThat(t.contains("middle")).isFalse();
    }

    private static void write(KeptBytes k, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        k.write(b, 0, b.length);
    }
}
