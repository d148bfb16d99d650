package ai.wippy.runtime.registry;

import ai.wippy.runtime.Problem;
import ai.wippy.runtime.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Gathers problems from every stage of loading so all of them are reported in one run. */
public final class ProblemCollector {

    private static final Comparator<Problem> ORDER = Comparator
            .comparing((Problem p) -> p.position() == null ? "" : p.position().file())
            .thenComparingInt(p -> p.position() == null ? 0 : p.position().line())
            .thenComparingInt(p -> p.position() == null ? 0 : p.position().column())
            .thenComparing(Problem::message);

    private final List<Problem> problems = new ArrayList<>();

    public void add(Problem problem) {
        problems.add(problem);
    }

    public void add(SourcePosition position, String entryId, String message) {
        problems.add(new Problem(position, entryId, message));
    }

    /** A problem about the field at {@code path} of {@code entry}, positioned at that field. */
    public void add(Entry entry, String path, String message) {
        problems.add(new Problem(entry.positionOf(path), entry.id().toString(), message));
    }

    public int count() {
        return problems.size();
    }

    /** All problems sorted by file, line and column. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(problems);
        copy.sort(ORDER);
        return List.copyOf(copy);
    }
}
