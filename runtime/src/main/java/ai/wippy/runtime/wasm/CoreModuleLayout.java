package ai.wippy.runtime.wasm;

import java.util.List;
import java.util.Optional;

/**
 * Where things are in a core module that passed the pre-pass, in offsets of the whole file: the
 * module itself, its sections, its function bodies. Used to point the runtime validator's
 * verdicts at a section or a function.
 *
 * @param importedFunctions functions imported (the first defined function has this index)
 * @param functionNames     names from the name section
 */
public record CoreModuleLayout(int start, int end, List<Section> sections, List<Body> bodies, int importedFunctions,
        FunctionNames functionNames) {

    /** One section: {@code at} is its id byte, {@code contentStart} follows its size. */
    public record Section(int id, int at, int contentStart, int end) {
    }

    /** One function body: {@code at} is its size field, the body runs from {@code start} to {@code end}. */
    public record Body(int at, int start, int end) {
    }

    public Optional<Section> section(int id) {
        return sections.stream().filter(s -> s.id() == id).findFirst();
    }

    /** {@code function 3} or {@code function 3 "compute"}. */
    public String describeFunction(int index) {
        String name = functionNames.find(index);
        return "function " + index + (name == null ? "" : " \"" + name + "\"");
    }

    public static String sectionName(int id) {
        return switch (id) {
            case 0 -> "custom";
            case 1 -> "type";
            case 2 -> "import";
            case 3 -> "function";
            case 4 -> "table";
            case 5 -> "memory";
            case 6 -> "global";
            case 7 -> "export";
            case 8 -> "start";
            case 9 -> "element";
            case 10 -> "code";
            case 11 -> "data";
            case 12 -> "data count";
            case 13 -> "tag";
            default -> "unknown (" + id + ")";
        };
    }
}
