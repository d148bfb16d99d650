package ai.wippy.runtime.registry;

import java.util.List;

/** The {@code wasi} block of a WASM entry (SPEC §5). {@code cwd} defaults to {@code /}. */
public record WasiConfig(List<String> args, String cwd, List<Env> env, List<Mount> mounts) {

    public static final WasiConfig EMPTY = new WasiConfig(List.of(), "/", List.of(), List.of());

    /** Guest variable {@code name} takes the value of the {@code env.variable} entry {@code id}. */
    public record Env(String id, String name, boolean required) {
    }

    /** The {@code fs.directory} entry {@code fs} is preopened at {@code guest} (cleaned, absolute). */
    public record Mount(String fs, String guest, boolean readOnly) {
    }
}
