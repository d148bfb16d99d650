package ai.wippy.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wippy.runtime.process.ProcessResult;
import ai.wippy.runtime.registry.Expectation;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class TestingTest {

    private static Expectation value(Object v) {
        return new Expectation(true, v, null, null, null, null, null);
    }

    private static TestCase test(String id, Expectation e) {
        return new TestCase(id, "wasm", null, "app:target", List.of(), 1000, e, false);
    }

    @Test
    void comparesNumbersByValueMapsByFieldListsInOrder() {
        assertThat(ExpectationMatcher.valuesEqual(42, 42L)).isTrue();
        assertThat(ExpectationMatcher.valuesEqual(42, 42.0)).isTrue();
        assertThat(ExpectationMatcher.valuesEqual(42, 43)).isFalse();
        Map<String, Object> expected = new LinkedHashMap<>(Map.of("a", 1, "b", List.of("x", "y")));
        Map<String, Object> actual = new LinkedHashMap<>();
        actual.put("b", List.of("x", "y"));
        actual.put("a", 1L);
        assertThat(ExpectationMatcher.valuesEqual(expected, actual)).isTrue();
        assertThat(ExpectationMatcher.valuesEqual(List.of(1, 2), List.of(2, 1))).isFalse();
        assertThat(ExpectationMatcher.valuesEqual(List.of("a", "b"), new LinkedHashSet<>(List.of("b", "a")))).isTrue();
        assertThat(ExpectationMatcher.valuesEqual("42", 42)).isFalse();
        assertThat(ExpectationMatcher.valuesEqual(null, null)).isTrue();
        // a map<u32, string> result against YAML's {10: x, 20: y}: numeric keys by value
        assertThat(ExpectationMatcher.valuesEqual(Map.of(10, "x", 20, "y"), Map.of(20L, "y", 10L, "x"))).isTrue();
        assertThat(ExpectationMatcher.valuesEqual(Map.of(10, "x"), Map.of(10L, "z"))).isFalse();
        assertThat(ExpectationMatcher.valuesEqual(Map.of(10, "x"), Map.of("10", "x"))).isFalse();
    }

    @Test
    void checksEveryKindOfExpectation() {
        assertThat(ExpectationMatcher.mismatch(value(42), ProcessResult.ofValue(42), false)).isEmpty();
        assertThat(ExpectationMatcher.mismatch(value(42), ProcessResult.ofValue(41), false))
                .contains("expected value 42, got 41");
        assertThat(ExpectationMatcher.mismatch(Expectation.NONE, ProcessResult.ofError("boom"), false)).contains("boom");
        assertThat(ExpectationMatcher.mismatch(Expectation.NONE, ProcessResult.ofValue(null), false)).isEmpty();
        Expectation error = new Expectation(false, null, "count mismatch", null, null, null, null);
        assertThat(ExpectationMatcher.mismatch(error, ProcessResult.ofError("parameter count mismatch: x"), false)).isEmpty();
        assertThat(ExpectationMatcher.mismatch(error, ProcessResult.ofValue(1), false))
                .contains("expected an error containing \"count mismatch\", but the process ended with 1");
        Expectation exit = new Expectation(false, null, null, 3, null, null, null);
        assertThat(ExpectationMatcher.mismatch(exit, ProcessResult.ofExit(3), false)).isEmpty();
        assertThat(ExpectationMatcher.mismatch(exit, ProcessResult.ofExit(0), false)).contains("expected exit code 3, got 0");
        Expectation out = new Expectation(false, null, null, null, "hi\n", null, "warn");
        assertThat(ExpectationMatcher.mismatch(out, ProcessResult.ofValue(null).withOutput("hi\n", "a warning"), false)).isEmpty();
        assertThat(ExpectationMatcher.mismatch(out, ProcessResult.ofValue(null).withOutput("ho\n", "a warning"), false))
                .contains("expected stdout \"hi\\n\", got \"ho\\n\"");
        Expectation contains = new Expectation(false, null, null, null, null, "ell", null);
        assertThat(ExpectationMatcher.mismatch(contains, ProcessResult.ofValue(null).withOutput("hello", ""), false)).isEmpty();
        // a meta.type: test process passes with 0, true or nothing
        assertThat(ExpectationMatcher.mismatch(Expectation.NONE, ProcessResult.ofValue(true), true)).isEmpty();
        assertThat(ExpectationMatcher.mismatch(Expectation.NONE, ProcessResult.ofExit(0), true)).isEmpty();
        assertThat(ExpectationMatcher.mismatch(Expectation.NONE, ProcessResult.ofValue(false), true)).isPresent();
        assertThat(ExpectationMatcher.mismatch(Expectation.NONE, ProcessResult.ofExit(2), true)).isPresent();
    }

    @Test
    void selectsByGlobOverIdNameAndSuite() {
        TestCase t = test("app.test:compute_is_42", Expectation.NONE);
        assertThat(TestSelector.parse(null).selects(t)).isTrue();
        assertThat(TestSelector.parse("compute*").selects(t)).isTrue();
        assertThat(TestSelector.parse("app.test:*").selects(t)).isTrue();
        assertThat(TestSelector.parse("wasm/compute_is_4?").selects(t)).isTrue();
        assertThat(TestSelector.parse("other*, !compute*").selects(t)).isFalse();
        assertThat(TestSelector.parse("*, !*_42").selects(t)).isFalse();
        assertThat(TestSelector.parse("nomatch").selects(t)).isFalse();
    }

    @Test
    void writesSurefireStyleXml() throws Exception {
        TestOutcome pass = new TestOutcome(test("app.t:ok", Expectation.NONE), TestOutcome.Status.PASSED, null, 120, "out\n", null);
        TestOutcome fail = new TestOutcome(test("app.t:bad", value(1)), TestOutcome.Status.FAILED, "expected value 1, got 2",
                30, "partial ]]> \u0001 output", "err");
        TestOutcome error = new TestOutcome(test("app.t:err", Expectation.NONE), TestOutcome.Status.ERROR, "timed out", 5, null, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JUnitReportWriter.writeSuite(bytes, "wasm", List.of(pass, fail, error));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("wasm");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("0.155");
        var cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        Element bad = (Element) cases.item(1);
        assertThat(bad.getAttribute("name")).isEqualTo("bad");
        assertThat(bad.getAttribute("classname")).isEqualTo("wasm");
        Element failure = (Element) bad.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("expected value 1, got 2");
        assertThat(bad.getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("partial ]]> \\u0001 output");
        assertThat(((Element) cases.item(2)).getElementsByTagName("error").getLength()).isEqualTo(1);
    }
}
