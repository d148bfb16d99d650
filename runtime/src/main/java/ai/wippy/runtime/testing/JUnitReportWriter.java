package ai.wippy.runtime.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one JUnit XML report per suite, {@code TEST-<suite>.xml}, exactly in Surefire's format:
 * valid against {@code surefire-test-report-3.0.xsd} (no {@code timestamp}, which that schema
 * refuses), {@code testsuite@name} and every {@code testcase@classname} both the suite's name (so
 * {@code surefire-report}, Jenkins, GitLab and GitHub group a suite's tests as one class), the test's
 * name as {@code testcase@name} (its full ID where two tests of a suite share a name),
 * {@code failure}/{@code error} with a message, captured {@code system-out}/{@code system-err}.
 * Files are created like Surefire's, readable by everyone the umask allows (0644 with the usual
 * 022), never private temporary files.
 *
 * <p>A shard's reports ({@link TestShard}) are named {@code TEST-<suite>-shard-<k>-of-<n>.xml}, so
 * the reports of all shards can be gathered in one directory; the suite name inside stays the same,
 * so report tools merge them into one class.
 */
public final class JUnitReportWriter {

    /** Where Surefire's report schema is published; Surefire 3.x writes this location and version. */
    static final String SCHEMA_LOCATION = "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd";
    static final String SCHEMA_VERSION = "3.0.2";

    private JUnitReportWriter() {
    }

    /** Writes every suite's report into {@code directory}; returns the files written. */
    public static List<Path> write(Path directory, List<TestOutcome> outcomes) throws IOException {
        return write(directory, outcomes, TestShard.ALL);
    }

    /** Writes every suite's report of {@code shard} into {@code directory}; returns the files written. */
    public static List<Path> write(Path directory, List<TestOutcome> outcomes, TestShard shard) throws IOException {
        Map<String, List<TestOutcome>> bySuite = new LinkedHashMap<>();
        for (TestOutcome o : outcomes) {
            bySuite.computeIfAbsent(o.test().suite(), s -> new java.util.ArrayList<>()).add(o);
        }
        Files.createDirectories(directory);
        List<Path> written = new java.util.ArrayList<>();
        for (Map.Entry<String, List<TestOutcome>> e : bySuite.entrySet()) {
            String base = "TEST-" + fileSafe(e.getKey()) + shard.fileSuffix();
            Path file = directory.resolve(base + ".xml");
            // Not createTempFile: its files are private (0600); a report is world-readable like Surefire's (the umask decides).
            Path tmp = directory.resolve("." + base + "." + java.util.UUID.randomUUID() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                writeSuite(out, e.getKey(), e.getValue(), shard);
            } catch (XMLStreamException x) {
                Files.deleteIfExists(tmp);
                throw new IOException("cannot write " + file + ": " + x.getMessage(), x);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            written.add(file);
        }
        return written;
    }

    static void writeSuite(OutputStream out, String suite, List<TestOutcome> outcomes) throws XMLStreamException {
        writeSuite(out, suite, outcomes, TestShard.ALL);
    }

    static void writeSuite(OutputStream out, String suite, List<TestOutcome> outcomes, TestShard shard)
            throws XMLStreamException {
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        long failures = outcomes.stream().filter(o -> o.status() == TestOutcome.Status.FAILED).count();
        long errors = outcomes.stream().filter(o -> o.status() == TestOutcome.Status.ERROR).count();
        long millis = outcomes.stream().mapToLong(TestOutcome::millis).sum();
        Map<String, Long> names = new java.util.HashMap<>();
        outcomes.forEach(o -> names.merge(o.test().name(), 1L, Long::sum));
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.writeStartElement("testsuite");
        w.writeNamespace("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
        w.writeAttribute("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "noNamespaceSchemaLocation", SCHEMA_LOCATION);
        w.writeAttribute("version", SCHEMA_VERSION);
        w.writeAttribute("name", suite);
        w.writeAttribute("time", seconds(millis));
        w.writeAttribute("tests", String.valueOf(outcomes.size()));
        w.writeAttribute("errors", String.valueOf(errors));
        w.writeAttribute("skipped", "0");
        w.writeAttribute("failures", String.valueOf(failures));
        w.writeCharacters("\n  ");
        if (shard.isAll()) {
            w.writeEmptyElement("properties");
        } else {
            w.writeStartElement("properties");
            w.writeCharacters("\n    ");
            w.writeEmptyElement("property");
            w.writeAttribute("name", "wippy.test.shard");
            w.writeAttribute("value", shard.toString());
            w.writeCharacters("\n  ");
            w.writeEndElement();
        }
        for (TestOutcome o : outcomes) {
            w.writeCharacters("\n  ");
            w.writeStartElement("testcase");
            w.writeAttribute("name", names.get(o.test().name()) > 1 ? o.test().id() : o.test().name());
            w.writeAttribute("classname", suite);
            w.writeAttribute("time", seconds(o.millis()));
            if (o.status() != TestOutcome.Status.PASSED) {
                w.writeCharacters("\n    ");
                w.writeStartElement(o.status() == TestOutcome.Status.FAILED ? "failure" : "error");
                String message = clean(o.message() == null ? "" : o.message());
                w.writeAttribute("message", message);
                w.writeAttribute("type", o.status() == TestOutcome.Status.FAILED ? "wippy.ExpectationFailed" : "wippy.ProcessError");
                w.writeCharacters(message);
                w.writeEndElement();
            }
            writeOutput(w, "system-out", o.stdout());
            writeOutput(w, "system-err", o.stderr());
            w.writeCharacters("\n  ");
            w.writeEndElement();
        }
        w.writeCharacters("\n");
        w.writeEndElement();
        w.writeCharacters("\n");
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    private static void writeOutput(XMLStreamWriter w, String element, String text) throws XMLStreamException {
        if (text == null || text.isEmpty()) {
            return;
        }
        w.writeCharacters("\n    ");
        w.writeStartElement(element);
        // CDATA cannot contain "]]>": split it across two sections.
        w.writeCData(clean(text).replace("]]>", "]]]]><![CDATA[>"));
        w.writeEndElement();
    }

    /** Characters XML 1.0 cannot carry at all (most control characters) are shown as {@code \\uXXXX}. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (ok) {
                sb.appendCodePoint(c);
            } else {
                sb.append(String.format("\\u%04x", c));
            }
        });
        return sb.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** A suite or test ID as part of a file name: anything but letters, digits, {@code .}, {@code _} and {@code -} becomes {@code _}. */
    static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
