package ai.wippy.runtime.registry;

/** {@code meta.command}: makes a process entry a CLI command (SPEC §8). */
public record CommandMeta(String name, String shortDescription, boolean main) {
}
