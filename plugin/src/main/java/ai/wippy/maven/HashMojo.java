package ai.wippy.maven;

import ai.wippy.runtime.SourcePosition;
import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.hash.HashRewriter;
import ai.wippy.runtime.manifest.LoadResult;
import ai.wippy.runtime.registry.Entry;
import ai.wippy.runtime.registry.Registry;
import ai.wippy.runtime.verify.BinaryInspector;
import ai.wippy.runtime.verify.BinaryReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints every WASM entry's path, declared hash and actual hash (the goal's answer: {@code mvn -q
 * wippy:hash} still prints the table). With
 * {@code -Dwippy.hash.write=true} it rewrites the stale {@code hash:} values in the manifests in
 * place, changing nothing else in the files (comments, order, quoting, line endings).
 */
@Mojo(name = "hash", threadSafe = true, requiresProject = true)
public class HashMojo extends AbstractWippyMojo {

    /** Rewrite stale {@code hash:} values in the manifests. */
    @Parameter(property = "wippy.hash.write", defaultValue = "false")
    protected boolean write;

    /** Skips this goal only. */
    @Parameter(property = "wippy.hash.skip", defaultValue = "false")
    protected boolean skipHash;

    @Override
    protected String goal() {
        return "hash";
    }

    @Override
    protected boolean skipGoal() {
        return skipHash;
    }

    /** A placeholder such as {@code hash: TODO} is what this goal replaces, not a problem. */
    @Override
    protected boolean hashFormatChecked() {
        return false;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        LoadResult loaded = loadValidManifests();
        Registry registry = loaded.registry();
        List<BinaryReport> reports = BinaryInspector.inspect(registry);
        printTable(reports);
        List<BinaryReport> stale = reports.stream().filter(r -> r.actual() != null && !r.hashMatches()).toList();
        List<BinaryReport> unreadable = reports.stream().filter(r -> r.actual() == null).toList();
        if (!write) {
            if (!stale.isEmpty()) {
                getLog().warn(stale.size() + " declared hash(es) do not match; run mvn wippy:hash -Dwippy.hash.write=true"
                        + " to update the manifests");
            }
        } else {
            rewrite(registry, stale);
        }
        if (!unreadable.isEmpty()) {
            StringBuilder sb = new StringBuilder("cannot hash " + unreadable.size() + " WASM binar"
                    + (unreadable.size() == 1 ? "y" : "ies") + ":");
            unreadable.forEach(r -> r.problems().forEach(p -> sb.append("\n  ").append(p)));
            throw new MojoFailureException(sb.toString());
        }
    }

    private void printTable(List<BinaryReport> reports) {
        if (reports.isEmpty()) {
            answer("No WASM entries found.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ENTRY", "PATH", "DECLARED", "ACTUAL", ""});
        for (BinaryReport r : reports) {
            String status = r.actual() == null ? "UNREADABLE" : r.hashMatches() ? "ok" : "STALE";
            rows.add(new String[] {r.entry().id().toString(), r.file() == null ? r.entry().path() : relative(r.file()),
                    r.entry().hash(), r.actual() == null ? "-" : r.actual(), status});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", row[i]));
            }
            answer(line.toString().stripTrailing());
        }
    }

    private String relative(Path file) {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        return file.startsWith(base) ? base.relativize(file).toString() : file.toString();
    }

    private void rewrite(Registry registry, List<BinaryReport> stale) throws MojoExecutionException {
        if (stale.isEmpty()) {
            getLog().info("All declared hashes are up to date; nothing to write.");
            return;
        }
        Map<Path, List<HashRewriter.Replacement>> byFile = new LinkedHashMap<>();
        for (BinaryReport r : stale) {
            Entry entry = registry.find(r.entry().id()).orElseThrow();
            SourcePosition at = entry.positionOf("hash");
            if (at.line() <= 0) {
                throw WippyException.internal("no source position for the hash of " + entry.id(), null);
            }
            Path file = basedir.toPath().resolve(at.file()).normalize();
            byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(
                    new HashRewriter.Replacement(at.line(), at.column(), r.entry().hash(), r.actual()));
        }
        for (Map.Entry<Path, List<HashRewriter.Replacement>> e : byFile.entrySet()) {
            try {
                HashRewriter.rewriteFile(e.getKey(), e.getValue());
            } catch (IOException ex) {
                throw new MojoExecutionException("cannot rewrite " + e.getKey() + ": " + ex.getMessage(), ex);
            }
            getLog().info("Updated " + e.getValue().size() + " hash(es) in " + relative(e.getKey()));
        }
    }
}
