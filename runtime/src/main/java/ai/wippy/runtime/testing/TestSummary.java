package ai.wippy.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What a test run came to, kept between the run and the check that fails the build (the
 * Failsafe split: tests run in {@code integration-test}, the build fails in {@code verify}, so
 * {@code post-integration-test} runs in between). Stored in Failsafe's own format
 * ({@code failsafe-summary.xsd}: {@code completed}, {@code errors}, {@code failures},
 * {@code skipped}, {@code failureMessage}), so tools that read Failsafe's summary read it too.
 *
 * @param failureMessage why the run failed as a whole (no test matched, say), else null
 */
public record TestSummary(int completed, int errors, int failures, int skipped, String failureMessage) {

    /** Failsafe's {@code result} codes. */
    private static final String FAILURE = "255";
    private static final String NO_TESTS = "254";

    public static TestSummary of(List<TestOutcome> outcomes) {
        int failures = (int) outcomes.stream().filter(o -> o.status() == TestOutcome.Status.FAILED).count();
        int errors = (int) outcomes.stream().filter(o -> o.status() == TestOutcome.Status.ERROR).count();
        return new TestSummary(outcomes.size(), errors, failures, 0, null);
    }

    /** A run that ran nothing and fails for {@code message} (a selection that matched no test). */
    public static TestSummary failedWithoutTests(String message) {
        return new TestSummary(0, 0, 0, 0, message);
    }

    /** Whether the build should fail on this run (before {@code maven.test.failure.ignore}). */
    public boolean failed() {
        return errors > 0 || failures > 0 || failureMessage != null;
    }

    /** Writes the summary (atomically, world-readable like the reports). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("failsafe-summary");
            w.writeNamespace("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
            w.writeAttribute("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "noNamespaceSchemaLocation",
                    "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/failsafe-summary.xsd");
            if (failed()) {
                w.writeAttribute("result", completed == 0 && failureMessage != null ? NO_TESTS : FAILURE);
            }
            w.writeAttribute("timeout", "false");
            element(w, "completed", completed);
            element(w, "errors", errors);
            element(w, "failures", failures);
            element(w, "skipped", skipped);
            w.writeCharacters("\n    ");
            if (failureMessage == null) {
                w.writeEmptyElement("failureMessage");
                w.writeAttribute("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil", "true");
            } else {
                w.writeStartElement("failureMessage");
                w.writeCharacters(JUnitReportWriter.clean(failureMessage));
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void element(XMLStreamWriter w, String name, int value) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement(name);
        w.writeCharacters(String.valueOf(value));
        w.writeEndElement();
    }

    /** The summary in {@code file}; empty when there is none (no run wrote one). */
    public static Optional<TestSummary> read(Path file) throws IOException {
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            doc = b.parse(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read the test summary " + file + ": " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"failsafe-summary".equals(root.getTagName())) {
            throw new IOException("cannot read the test summary " + file + ": it is not a failsafe-summary");
        }
        try {
            Node message = child(root, "failureMessage");
            String text = message == null || "true".equals(((Element) message).getAttributeNS(
                    XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil")) ? null : message.getTextContent();
            return Optional.of(new TestSummary(number(root, "completed"), number(root, "errors"),
                    number(root, "failures"), number(root, "skipped"), text == null || text.isBlank() ? null : text));
        } catch (NumberFormatException e) {
            throw new IOException("cannot read the test summary " + file + ": " + e.getMessage(), e);
        }
    }

    private static int number(Element root, String name) {
        Node n = child(root, name);
        return n == null ? 0 : Integer.parseInt(n.getTextContent().trim());
    }

    private static Node child(Element root, String name) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name.equals(e.getLocalName()) || name.equals(e.getTagName()))) {
                return n;
            }
        }
        return null;
    }
}
