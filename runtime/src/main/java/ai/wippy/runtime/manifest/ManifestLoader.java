package ai.wippy.runtime.manifest;

import ai.wippy.runtime.registry.EntryId;
import ai.wippy.runtime.registry.EnvRegistry;
import ai.wippy.runtime.registry.ManifestEntry;
import ai.wippy.runtime.registry.ProblemCollector;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.registry.RegistryBuilder;
import ai.wippy.runtime.SourcePosition;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads every manifest of a project into a validated {@link Registry} (SPEC §1, §2, §4). Stages:
 * discover files, read each safely, split into entries, drop duplicate IDs, resolve placeholders
 * and {@code file://} includes, build the env registry, validate kind by kind. Every problem of
 * every stage is collected; user mistakes never throw.
 */
public final class ManifestLoader {

    private ManifestLoader() {
    }

    public static LoadResult load(ManifestOptions options) {
        ProblemCollector problems = new ProblemCollector();
        options.configurationProblems().forEach(problems::add);
        Path projectDir = options.projectDir();

        List<Path> candidates;
        try {
            candidates = ManifestDiscovery.find(options.sourceDirectories());
        } catch (IOException e) {
            problems.add(SourcePosition.ofFile(projectDir.toString()), null,
                    "cannot list manifest directories: " + e.getMessage());
            candidates = List.of();
        }

        SafeYamlReader reader = new SafeYamlReader(options.maxFileBytes(), options.maxAliases());
        ManifestParser parser = new ManifestParser(problems);
        List<Path> files = new ArrayList<>();
        List<ManifestEntry> entries = new ArrayList<>();
        for (Path file : candidates) {
            SafeYamlReader.Outcome outcome = reader.read(file, displayName(projectDir, file));
            if (outcome.problem() != null) {
                problems.add(outcome.problem());
                files.add(file);
                continue;
            }
            ManifestParser.ParsedFile parsed = parser.parse(outcome.document(), file);
            if (parsed.manifest()) {
                files.add(file);
                entries.addAll(parsed.entries());
            }
        }

        List<ManifestEntry> unique = withoutDuplicates(entries, problems);
        Map<String, String> osEnv = options.environment();
        FileInclusion inclusion = new FileInclusion(options.maxFileBytes(), problems);
        // Env entries define the variables, so their own placeholders can only use the OS environment.
        Placeholders osOnly = new Placeholders(name -> Optional.ofNullable(osEnv.get(name)), problems);
        List<ManifestEntry> envEntries = new ArrayList<>();
        for (ManifestEntry entry : unique) {
            if (isEnvKind(entry.kind())) {
                envEntries.add(inclusion.apply(osOnly.apply(entry)));
            }
        }
        EnvRegistry env = EnvRegistry.build(envEntries, projectDir, osEnv, options.maxFileBytes(), problems);
        Placeholders full = new Placeholders(
                name -> env.get(name).or(() -> Optional.ofNullable(osEnv.get(name))), problems);

        List<ManifestEntry> resolved = new ArrayList<>();
        int envIndex = 0;
        for (ManifestEntry entry : unique) {
            resolved.add(isEnvKind(entry.kind()) ? envEntries.get(envIndex++) : inclusion.apply(full.apply(entry)));
        }
        Registry registry = RegistryBuilder.build(resolved, env, projectDir, problems, options.hashFormatChecked());
        return new LoadResult(registry, problems.sorted(), problems.warnings(), files);
    }

    private static boolean isEnvKind(String kind) {
        return kind.equals(EnvRegistry.VARIABLE) || kind.startsWith(EnvRegistry.STORAGE_PREFIX);
    }

    /** Keeps the first declaration of each ID (files are in sorted order) and reports the others. */
    private static List<ManifestEntry> withoutDuplicates(List<ManifestEntry> entries, ProblemCollector problems) {
        Map<EntryId, ManifestEntry> first = new LinkedHashMap<>();
        for (ManifestEntry entry : entries) {
            ManifestEntry existing = first.putIfAbsent(entry.id(), entry);
            if (existing != null) {
                problems.add(entry.position(), entry.id().toString(), "duplicate entry ID " + entry.id()
                        + ": declared at " + existing.position() + " and " + entry.position());
            }
        }
        return List.copyOf(first.values());
    }

    /** The file as the user should see it: relative to the project when under it, with {@code /}. */
    static String displayName(Path projectDir, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(projectDir) ? projectDir.relativize(absolute) : absolute;
        return shown.toString().replace(File.separatorChar, '/');
    }
}
