package ai.wippy.runtime.registry;

import java.util.Optional;

/** Reads {@code meta.command} ({@code {name, short, main}}), which makes a process entry a CLI command. */
final class CommandReader {

    private CommandReader() {
    }

    static Optional<CommandMeta> read(Fields fields) {
        if (fields.map("meta.command") == null) {
            return Optional.empty();
        }
        String name = fields.requiredString("meta.command.name",
                "meta.command.name is required and must be a non-empty string");
        String shortDescription = fields.string("meta.command.short").orElse("");
        boolean main = fields.bool("meta.command.main").orElse(false);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new CommandMeta(name.trim(), shortDescription, main));
    }
}
