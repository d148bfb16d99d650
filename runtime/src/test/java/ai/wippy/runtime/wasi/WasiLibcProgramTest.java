package ai.wippy.runtime.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsprobe.c}, built with Debian's wasi-libc, run as a command through this host. */
class WasiLibcProgramTest implements Witx {

    @TempDir
    Path tmp;

    private Guest run(List<WasiMount> mounts, String cwd, String... commands) {
        List<String> argv = new ArrayList<>(List.of("fsprobe.wasm"));
        argv.addAll(List.of(commands));
        return Guest.run("fsprobe.wasm", WasiOptions.builder().arguments(argv).mounts(mounts).cwd(cwd)
                .environment(List.of(Map.entry("GREETING", "hello"))));
    }

    @Test
    void cProgramUsesTheMountThroughLibc() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("in.txt"), "input");
        Guest g = run(List.of(new WasiMount("/data", data, false)), "/",
                "cat:/data/in.txt", "write:/data/out.txt:written", "mkdir:/data/sub", "ls:/data",
                "rename:/data/out.txt:/data/sub/moved.txt", "size:/data/sub/moved.txt", "rm:/data/in.txt",
                "cat:/data/in.txt", "env:GREETING", "env:PATH", "cwd:-");
        assertThat(g.out()).isEqualTo("""
                cat /data/in.txt -> input
                write /data/out.txt -> ok
                mkdir /data/sub -> ok
                ls /data -> . .. in.txt out.txt sub
                rename /data/out.txt -> ok
                size /data/sub/moved.txt -> 7
                rm /data/in.txt -> ok
                cat /data/in.txt -> ERR 44
                env GREETING -> hello
                env PATH -> (unset)
                cwd - -> /
                """);
        assertThat(Files.readString(data.resolve("sub/moved.txt"))).isEqualTo("written");
    }

    @Test
    void cwdInsideAMountMakesRelativePathsResolveThere() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.createDirectory(data.resolve("work"));
        Files.writeString(data.resolve("work/here.txt"), "in work");
        Files.writeString(data.resolve("top.txt"), "top");
        Guest g = run(List.of(new WasiMount("/data", data, false)), "/data/work",
                "cat:here.txt", "cat:./here.txt", "cat:../top.txt", "write:new.txt:x", "cat:/data/top.txt",
                "cat:../../etc/passwd");
        assertThat(g.out()).isEqualTo("""
                cat here.txt -> in work
                cat ./here.txt -> in work
                cat ../top.txt -> top
                write new.txt -> ok
                cat /data/top.txt -> top
                cat ../../etc/passwd -> ERR 63
                """);
        assertThat(Files.readString(data.resolve("work/new.txt"))).isEqualTo("x");
    }

    @Test
    void withoutACwdAliasRelativePathsFindNoPreopen() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("f.txt"), "f");
        Guest g = run(List.of(new WasiMount("/data", data, false)), "/", "cat:f.txt", "cat:data/f.txt");
        // wasi-libc itself answers ENOTCAPABLE when no preopen matches, and treats "data/..." as "/data/..."
        assertThat(g.out()).isEqualTo("""
                cat f.txt -> ERR 76
                cat data/f.txt -> f
                """);
    }

    @Test
    void escapesThroughLibcFail() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.createSymbolicLink(data.resolve("link_abs"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(data.resolve("link_rel"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(data.resolve("linkdir"), outside);
        Guest g = run(List.of(new WasiMount("/data", data, false)), "/",
                "cat:/data/link_abs", "cat:/data/link_rel", "cat:/data/linkdir/secret.txt",
                "write:/data/linkdir/new.txt:x", "cat:/data/../outside/secret.txt", "ls:/data/linkdir");
        assertThat(g.out()).doesNotContain("SECRET").contains("cat /data/link_abs -> ERR 63",
                "cat /data/link_rel -> ERR 63", "cat /data/linkdir/secret.txt -> ERR 63",
                "write /data/linkdir/new.txt -> ERR 63", "ls /data/linkdir -> ERR 63");
        try (var files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret.txt"));
        }
    }

    @Test
    void exitCodesReachTheHost() {
        assertThatThrownBy(() -> run(List.of(), "/", "exit:3"))
                .isInstanceOfSatisfying(WasiExitException.class, e -> assertThat(e.exitCode()).isEqualTo(3));
        assertThatThrownBy(() -> run(List.of(), "/", "exit:0"))
                .isInstanceOfSatisfying(WasiExitException.class, e -> assertThat(e.exitCode()).isZero());
    }
}
