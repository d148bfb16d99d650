package ai.wippy.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ai.wippy.runtime.registry.Expectation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The reports are Surefire's format exactly (SPEC §10.1): valid against Surefire's own
 * {@code surefire-test-report-3.0.xsd} (copied from maven-surefire 3.5.3 into the test resources),
 * suite and classname agree, files world-readable as the umask allows; the summary is valid against
 * {@code failsafe-summary.xsd} and reads back.
 */
class SurefireFormatTest {

    @TempDir
    Path tmp;

    private static TestCase test(String id, String suite) {
        return new TestCase(id, suite, null, "app:target", List.of(), 1000, Expectation.NONE, false);
    }

    private static List<TestOutcome> outcomes() {
        return List.of(
                new TestOutcome(test("app.t:ok", "wasm"), TestOutcome.Status.PASSED, null, 120, "out\n", null),
                new TestOutcome(test("app.t:bad", "wasm"), TestOutcome.Status.FAILED, "expected value 1, got 2", 30,
                        "partial ]]> \u0001 output", "err"),
                new TestOutcome(test("app.t:err", "wasm"), TestOutcome.Status.ERROR, "timed out", 5, null, null),
                // the same name in another namespace of the same suite
                new TestOutcome(test("app.u:ok", "wasm"), TestOutcome.Status.PASSED, null, 1, null, null),
                new TestOutcome(test("app.t:other", "output"), TestOutcome.Status.PASSED, null, 1, null, null));
    }

    private static Schema schema(String name) throws Exception {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(SurefireFormatTest.class.getResource("/xsd/" + name));
    }

    private static void assertValid(Schema schema, Path file) {
        assertThatCode(() -> schema.newValidator().validate(new StreamSource(file.toFile())))
                .as("%s is valid against the schema", file.getFileName()).doesNotThrowAnyException();
    }

    @Test
    void reportsAreValidAgainstSurefiresSchema() throws Exception {
        Schema schema = schema("surefire-test-report-3.0.xsd");
        List<Path> files = JUnitReportWriter.write(tmp, outcomes());
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("TEST-wasm.xml", "TEST-output.xml");
        files.forEach(f -> assertValid(schema, f));
        for (TestShard shard : List.of(new TestShard(1, 3), new TestShard(3, 3))) {
            JUnitReportWriter.write(tmp, outcomes(), shard).forEach(f -> assertValid(schema, f));
        }
    }

    @Test
    void theSuiteAndEveryClassnameAgreeSoReportToolsShowOneClassPerSuite() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JUnitReportWriter.writeSuite(bytes, "wasm", outcomes().subList(0, 4));
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(bytes.toByteArray())).getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("wasm");
        assertThat(suite.hasAttribute("timestamp")).as("timestamp is not in surefire-test-report-3.0.xsd").isFalse();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            assertThat(((Element) cases.item(i)).getAttribute("classname")).isEqualTo("wasm");
        }
        // names as the tests are known; the full ID where two of the suite share a name
        assertThat(List.of(name(cases, 0), name(cases, 1), name(cases, 2), name(cases, 3)))
                .containsExactly("app.t:ok", "bad", "err", "app.u:ok");
    }

    private static String name(NodeList cases, int i) {
        return ((Element) cases.item(i)).getAttribute("name");
    }

    @Test
    void reportsAndTheSummaryAreAsReadableAsTheUmaskAllowsNotPrivateTemporaryFiles() throws Exception {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("probe")));
        Path reports = tmp.resolve("reports");
        List<Path> files = new java.util.ArrayList<>(JUnitReportWriter.write(reports, outcomes()));
        Path summary = reports.resolve("wippy-summary.xml");
        TestSummary.of(outcomes()).write(summary);
        files.add(summary);
        for (Path f : files) {
            assertThat(Files.getPosixFilePermissions(f)).as("mode of %s", f.getFileName()).isEqualTo(umaskMode);
        }
        if (umaskMode.contains(PosixFilePermission.OTHERS_READ)) {
            assertThat(Files.getPosixFilePermissions(files.get(0))).contains(PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ);
        }
        try (var list = Files.list(reports)) {
            assertThat(list).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    @Test
    void theSummaryIsFailsafesFormatAndReadsBack() throws Exception {
        Schema schema = schema("failsafe-summary.xsd");
        Path file = tmp.resolve("wippy-summary.xml");
        TestSummary failing = TestSummary.of(outcomes());
        assertThat(failing).isEqualTo(new TestSummary(5, 1, 1, 0, null));
        failing.write(file);
        assertValid(schema, file);
        assertThat(Files.readString(file)).contains("result=\"255\"");
        assertThat(TestSummary.read(file)).contains(failing);
        assertThat(failing.failed()).isTrue();

        TestSummary none = TestSummary.failedWithoutTests("No WASM tests match wippy.test=x & <y>");
        none.write(file);
        assertValid(schema, file);
        assertThat(Files.readString(file)).contains("result=\"254\"");
        assertThat(TestSummary.read(file)).contains(none);

        TestSummary passed = new TestSummary(3, 0, 0, 0, null);
        passed.write(file);
        assertValid(schema, file);
        assertThat(TestSummary.read(file)).contains(passed);
        assertThat(passed.failed()).isFalse();
        assertThat(TestSummary.read(tmp.resolve("absent.xml"))).isEmpty();
    }
}
