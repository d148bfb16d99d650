package ai.wippy.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.RuntimeLog;
import ai.wippy.runtime.TestProjects;
import ai.wippy.runtime.WippyRuntime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test's captured output (issue 7, item C) on real guests: the build log gets a bounded head and
 * tail of each stream with a note of what was left out; the result and the JUnit report keep the
 * first and last 256 KiB with the same kind of note; the whole output goes to
 * {@code <reports>/<test-id>-output.txt} as it streams, itself capped; expectations are checked
 * against what was kept.
 */
class CapturedOutputTest {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path project;

    @TempDir
    Path reports;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void project() {
        TestProjects.create(project, """
                namespace: app.o
                entries:
                  - {name: assets, kind: fs.directory, directory: ./wasm}
                  - {name: lines, kind: process.wasm, fs: app.o:assets, path: /flood.wasm, hash: "@sha256:flood@",
                     method: write_lines}
                  - {name: blob, kind: process.wasm, fs: app.o:assets, path: /flood.wasm, hash: "@sha256:flood@",
                     method: write_all}
                  - {name: numbered, kind: process.wasm, fs: app.o:assets, path: /chatter.wasm, hash: "@sha256:chatter@",
                     method: _start, wasi: {args: ["300000", "8"]}}
                  - {name: numbered_both, kind: process.wasm, fs: app.o:assets, path: /chatter.wasm,
                     hash: "@sha256:chatter@", method: _start, wasi: {args: ["300", "8", "both", "unbuffered"]}}
                  - {name: one_long_line, kind: process.wasm, fs: app.o:assets, path: /chatter.wasm,
                     hash: "@sha256:chatter@", method: _start, wasi: {args: ["1", "100000"]}}
                  - {name: quiet, kind: process.wasm, fs: app.o:assets, path: /exit_code.wasm, hash: "@sha256:exit_code@",
                     method: _start, wasi: {args: ["0"]}}

                  - {name: twenty_mib, kind: test.process, target: app.o:lines, args: [1, 10485760], timeout_ms: 120000}
                  - {name: head_and_tail, kind: test.process, target: app.o:numbered, timeout_ms: 120000,
                     expect: {stdout_contains: "..300000\\n"}}
                  - {name: middle_not_kept, kind: test.process, target: app.o:numbered, timeout_ms: 120000,
                     expect: {stdout_contains: "..150000"}}
                  - {name: exact_too_big, kind: test.process, target: app.o:numbered, timeout_ms: 120000,
                     expect: {stdout: ".......1\\n"}}
                  - {name: long_line, kind: test.process, target: app.o:one_long_line, timeout_ms: 120000,
                     expect: {stdout_contains: "....1\\n"}}
                  - {name: both_streams, kind: test.process, target: app.o:numbered_both, timeout_ms: 120000,
                     expect: {stderr_contains: ".....300\\n"}}
                  - {name: over_the_file_cap, kind: test.process, target: app.o:blob, args: [1, 70254592],
                     timeout_ms: 120000}
                  - {name: silent, kind: test.process, target: app.o:quiet}
                """);
    }

    @Test
    void twentyMebibytesOfLinesLeaveAFewHundredLogLinesAndTheWholeOutputInAFile() throws Exception {
        TestOutcome o = run("app.o:twenty_mib");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.PASSED);
        Path file = reports.resolve("app.o_twenty_mib-output.txt");
        assertThat(Files.size(file)).isEqualTo(20L * MIB);
        // the log: 100 lines, one note, 100 lines (the issue saw 10,485,760 lines, a 262 MB log)
        assertThat(log).hasSize(201);
        assertThat(log.subList(0, 100)).containsOnly("[app.o:twenty_mib] x");
        assertThat(log.get(100)).isEqualTo("[app.o:twenty_mib] [wippy: 10,485,560 lines of stdout left out here of"
                + " 10,485,760; the whole output: " + file + "]");
        assertThat(log.subList(101, 201)).containsOnly("[app.o:twenty_mib] x");
        // the result and the report: 256 KiB of each end and a note between them
        String note = "[wippy: 20,447,232 bytes left out here of 20,971,520 written; the whole output: " + file + "]";
        assertThat(o.stdout()).hasSize(512 * KIB + note.length() + 1).contains("\n" + note + "\n")
                .startsWith("x\nx\n").endsWith("x\nx\n");
        String report = report(o);
        assertThat(report).contains(note).hasSizeLessThan(600 * KIB);
    }

    @Test
    void theKeptHeadAndTailAreTheFirstAndLastLinesAndExpectationsSeeOnlyThem() throws Exception {
        Map<String, TestOutcome> o = runAll("app.o:head_and_tail", "app.o:middle_not_kept", "app.o:exact_too_big");
        TestOutcome kept = o.get("app.o:head_and_tail");
        assertThat(kept.status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(kept.stdout()).startsWith(".......1\n.......2\n").endsWith("..299999\n..300000\n");
        Path file = reports.resolve("app.o_head_and_tail-output.txt");
        assertThat(Files.size(file)).isEqualTo(300_000L * 9);
        assertThat(Files.readString(file)).startsWith(".......1\n").contains("..150000\n").endsWith("..300000\n");
        List<String> logged = log.stream().filter(l -> l.startsWith("[app.o:head_and_tail] ")).toList();
        assertThat(logged).hasSize(201);
        assertThat(logged.get(0)).isEqualTo("[app.o:head_and_tail] .......1");
        assertThat(logged.get(99)).isEqualTo("[app.o:head_and_tail] .....100");
        assertThat(logged.get(100)).isEqualTo("[app.o:head_and_tail] [wippy: 299,800 lines of stdout left out here of"
                + " 300,000; the whole output: " + file + "]");
        assertThat(logged.get(101)).isEqualTo("[app.o:head_and_tail] ..299901");
        assertThat(logged.get(200)).isEqualTo("[app.o:head_and_tail] ..300000");

        TestOutcome middle = o.get("app.o:middle_not_kept");
        assertThat(middle.status()).isEqualTo(TestOutcome.Status.FAILED);
        assertThat(middle.message()).startsWith("expected stdout to contain \"..150000\", got \".......1\\n")
                .endsWith("(searched the 524,288 bytes kept of 2,700,000: the start and the end; the middle was not"
                        + " kept); the whole output: " + reports.resolve("app.o_middle_not_kept-output.txt"))
                .hasSizeLessThan(3_000);

        TestOutcome exact = o.get("app.o:exact_too_big");
        assertThat(exact.status()).isEqualTo(TestOutcome.Status.FAILED);
        assertThat(exact.message()).isEqualTo("expected stdout \".......1\\n\", but stdout was 2,700,000 bytes, more than"
                + " the 524,288 kept to compare (its start and its end): an exact stdout expectation cannot hold; use"
                + " stdout_contains, or have the guest write less; the whole output: "
                + reports.resolve("app.o_exact_too_big-output.txt"));
    }

    @Test
    void aLongLineIsCutInTheLogWithANoteButKeptWholeForExpectations() throws Exception {
        TestOutcome o = run("app.o:long_line");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(o.stdout()).hasSize(100_001);
        String digits = o.stdout().substring(0, 4096);
        assertThat(log).containsExactly(
                "[app.o:long_line] " + digits + " [wippy: line cut: 100,000 bytes, the first 4,096 shown]",
                "[app.o:long_line] [wippy: the whole output: " + reports.resolve("app.o_long_line-output.txt") + "]");
    }

    @Test
    void stdoutAndStderrAreLoggedApartAndWrittenTogetherInTheOrderTheGuestWroteThem() throws Exception {
        TestOutcome o = run("app.o:both_streams");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(o.stdout()).isEqualTo(o.stderr()).startsWith(".......1\n").endsWith(".....300\n");
        assertThat(log).contains("[app.o:both_streams] .......1", "[app.o:both_streams stderr] .......1");
        assertThat(log.stream().filter(l -> l.startsWith("[app.o:both_streams stderr] "))).hasSize(201);
        // unbuffered, chatter writes each line to stdout, then to stderr: the file interleaves them so
        StringBuilder interleaved = new StringBuilder();
        o.stdout().lines().forEach(line -> interleaved.append(line).append('\n').append(line).append('\n'));
        assertThat(Files.readString(reports.resolve("app.o_both_streams-output.txt"))).isEqualTo(interleaved.toString());
    }

    @Test
    void theOutputFileStopsAtItsCapWithANote() throws Exception {
        TestOutcome o = run("app.o:over_the_file_cap");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.PASSED);
        Path file = reports.resolve("app.o_over_the_file_cap-output.txt");
        String end = "\n[wippy: output file cap of 67,108,864 bytes reached; 3,145,728 more bytes were written by the"
                + " guest and not saved]\n";
        assertThat(Files.size(file)).isEqualTo(64L * MIB + end.length());
        try (var in = Files.newInputStream(file)) {
            in.skipNBytes(64L * MIB);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(end);
        }
        assertThat(o.stdout()).contains("[wippy: 69,730,304 bytes left out here of 70,254,592 written; the whole output: "
                + file + " (its first 67,108,864 bytes: the file's cap)]");
        // one line of 67 MB: cut in the log
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).endsWith(" [wippy: line cut: 70,254,592 bytes, the first 4,096 shown]");
    }

    @Test
    void aTestWithoutOutputLeavesNoOutputFileNotEvenAStaleOne() throws Exception {
        Path stale = reports.resolve("app.o_silent-output.txt");
        Files.writeString(stale, "from an earlier run");
        TestOutcome o = run("app.o:silent");
        assertThat(o.status()).isEqualTo(TestOutcome.Status.PASSED);
        assertThat(stale).doesNotExist();
        assertThat(log).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private TestOutcome run(String id) throws Exception {
        return runAll(id).get(id);
    }

    private Map<String, TestOutcome> runAll(String... ids) throws Exception {
        RuntimeLog logInfo = new RuntimeLog() {
            @Override
            public void debug(String message) {
            }

            @Override
            public void info(String message) {
                log.add(message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        };
        try (WippyRuntime wippy = WippyRuntime.builder(project).log(logInfo).build()) {
            List<String> wanted = List.of(ids);
            List<TestCase> tests = TestDiscovery.discover(wippy.registry()).stream()
                    .filter(t -> wanted.contains(t.id())).toList();
            List<TestOutcome> outcomes = new TestRunner(wippy, 1, x -> { }, x -> { }, 60_000, reports).run(tests);
            return outcomes.stream().collect(Collectors.toMap(t -> t.test().id(), Function.identity()));
        }
    }

    private static String report(TestOutcome o) throws Exception {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        JUnitReportWriter.writeSuite(xml, o.test().suite(), List.of(o));
        return xml.toString(StandardCharsets.UTF_8);
    }
}
