package ai.wippy.runtime.registry;

import ai.wippy.runtime.Problem;
import ai.wippy.runtime.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers problems from every stage of loading so all of them are reported in one run. Errors and
 * warnings are kept apart: a warning never makes a reader drop an entry ({@link #count()} counts
 * errors only) and never fails the load.
 */
public final class ProblemCollector {

    private static final Comparator<Problem> ORDER = Comparator
            .comparing((Problem p) -> p.position() == null ? "" : p.position().file())
            .thenComparingInt(p -> p.position() == null ? 0 : p.position().line())
            .thenComparingInt(p -> p.position() == null ? 0 : p.position().column())
            .thenComparing(Problem::message);

    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    public void add(Problem problem) {
        (problem.isWarning() ? warnings : problems).add(problem);
    }

    public void add(SourcePosition position, String entryId, String message) {
        problems.add(new Problem(position, entryId, message));
    }

    /** A problem about the field at {@code path} of {@code entry}, positioned at that field. */
    public void add(Entry entry, String path, String message) {
        problems.add(new Problem(entry.positionOf(path), entry.id().toString(), message));
    }

    /** A warning about the field at {@code path} of {@code entry}, positioned at that field. */
    public void warn(Entry entry, String path, String message) {
        warnings.add(Problem.warning(entry.positionOf(path), entry.id().toString(), message));
    }

    /** The number of errors so far (warnings are not counted). */
    public int count() {
        return problems.size();
    }

    /** All errors sorted by file, line and column. */
    public List<Problem> sorted() {
        return sort(problems);
    }

    /** All warnings sorted by file, line and column. */
    public List<Problem> warnings() {
        return sort(warnings);
    }

    private static List<Problem> sort(List<Problem> list) {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(ORDER);
        return List.copyOf(copy);
    }
}
