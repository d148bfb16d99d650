package ai.wippy.runtime.command;

import ai.wippy.runtime.registry.CommandMeta;
import ai.wippy.runtime.registry.WasmEntry;
import java.util.List;

/** The listing of commands (SPEC §8, {@code -Dcommand=list} and the {@code list} goal). */
public final class CommandCatalog {

    private CommandCatalog() {
    }

    /** The lines to print, in Wippy's format, for commands sorted by name. */
    public static List<String> format(List<WasmEntry> commands) {
        return format(commands, null);
    }

    /**
     * Like {@link #format(List)}, with each command's WIT signature on a line of its own below it
     * ({@code signature} gives it, e.g. {@code greet(name: string) -> string}; null: no signatures).
     */
    public static List<String> format(List<WasmEntry> commands, java.util.function.Function<WasmEntry, String> signature) {
        if (commands.isEmpty()) {
            return List.of(
                    "No commands found.",
                    "",
                    "To define a command, add 'command' to entry meta:",
                    "  meta:",
                    "    command:",
                    "      name: test",
                    "      short: Run tests",
                    "",
                    "Then run it with: mvn wippy:run -Dcommand=test");
        }
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add("Available commands:");
        lines.add("");
        for (WasmEntry e : commands) {
            CommandMeta c = e.command().orElseThrow();
            StringBuilder line = new StringBuilder("  ").append(c.name());
            if (c.shortDescription() != null && !c.shortDescription().isBlank()) {
                line.append("  ").append(c.shortDescription());
            }
            line.append("  (").append(e.id()).append(')');
            lines.add(line.toString());
            if (signature != null) {
                lines.add("      " + signature.apply(e));
            }
        }
        lines.add("");
        lines.add("Run with: mvn wippy:run -Dcommand=<command>");
        return List.copyOf(lines);
    }

    /** SPEC §8: the message for a command name nobody declares. */
    public static String notFound(String name) {
        return "command \"" + name + "\" not found. Use 'mvn wippy:run -Dcommand=list' to see available commands";
    }
}
