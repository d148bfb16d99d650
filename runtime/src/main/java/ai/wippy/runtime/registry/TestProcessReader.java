package ai.wippy.runtime.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Validates a {@code test.process} entry (SPEC §9) against the registry's process entries. */
final class TestProcessReader {

    static final String KIND = "test.process";
    static final List<String> EXPECT_KEYS = List.of("value", "error", "exit_code", "stdout",
            "stdout_contains", "stderr_contains");

    private final Map<EntryId, ? extends Entry> entries;

    TestProcessReader(Map<EntryId, ? extends Entry> entries) {
        this.entries = entries;
    }

    Optional<TestProcess> read(Entry entry, ProblemCollector problems) {
        int before = problems.count();
        Fields fields = new Fields(entry, problems);
        EntryId target = target(fields);
        List<Object> rawArgs = fields.list("args");
        List<Object> args = rawArgs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(rawArgs));
        long timeoutMs = TestProcess.DEFAULT_TIMEOUT_MS;
        OptionalLong timeout = fields.integer("timeout_ms");
        if (timeout.isPresent()) {
            if (timeout.getAsLong() <= 0) {
                fields.problem("timeout_ms", "timeout_ms must be greater than 0");
            } else {
                timeoutMs = timeout.getAsLong();
            }
        }
        Expectation expect = expectation(fields);
        String suite = fields.string("meta.suite").filter(s -> !s.isBlank()).orElse(TestProcess.DEFAULT_SUITE);
        String description = fields.string("meta.description").orElse(null);
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new TestProcess(entry.id(), target, args, timeoutMs, expect, suite,
                description, entry.position()));
    }

    private EntryId target(Fields fields) {
        String raw = fields.requiredString("target", "target is required");
        if (raw == null) {
            return null;
        }
        EntryId id = EntryId.parse(raw.trim());
        Entry target = entries.get(id);
        if (target == null) {
            fields.problem("target", "target not found: " + raw.trim());
        } else if (!target.kind().startsWith("process.")) {
            fields.problem("target", "target must be a process.* entry, " + id + " is a " + target.kind());
        }
        return id;
    }

    private static Expectation expectation(Fields fields) {
        Map<String, Object> expect = fields.map("expect");
        if (expect == null) {
            return Expectation.NONE;
        }
        for (String key : expect.keySet()) {
            if (!EXPECT_KEYS.contains(key)) {
                fields.problem("expect." + key, "expect: unknown key \"" + key + "\" (allowed: "
                        + String.join(", ", EXPECT_KEYS) + ")");
            }
        }
        Integer exitCode = null;
        OptionalLong code = fields.integer("expect.exit_code");
        if (code.isPresent()) {
            if (code.getAsLong() < Integer.MIN_VALUE || code.getAsLong() > Integer.MAX_VALUE) {
                fields.problem("expect.exit_code", "expect.exit_code is out of range: " + code.getAsLong());
            } else {
                exitCode = (int) code.getAsLong();
            }
        }
        return new Expectation(expect.containsKey("value"), expect.get("value"),
                fields.string("expect.error").orElse(null), exitCode,
                fields.string("expect.stdout").orElse(null),
                fields.string("expect.stdout_contains").orElse(null),
                fields.string("expect.stderr_contains").orElse(null));
    }
}
