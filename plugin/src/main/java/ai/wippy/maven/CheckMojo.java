package ai.wippy.maven;

import ai.wippy.runtime.BinaryKind;
import ai.wippy.runtime.manifest.LoadResult;
import ai.wippy.runtime.verify.BinaryInspector;
import ai.wippy.runtime.verify.BinaryReport;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Verifies every WASM entry's binary: it exists, is readable, its SHA-256 matches the
 * declared {@code hash}, and it decodes and validates as WebAssembly (a core module completely, a
 * component by its section framing and its core modules). A tampered, stale, truncated or invalid
 * binary fails the build before anything runs.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractWippyMojo {

    /** Skips this goal only. */
    @Parameter(property = "wippy.check.skip", defaultValue = "false")
    protected boolean skipCheck;

    @Override
    protected String goal() {
        return "check";
    }

    @Override
    protected boolean skipGoal() {
        return skipCheck;
    }

    @Override
    protected void run() throws MojoFailureException {
        LoadResult loaded = loadValidManifests();
        List<BinaryReport> reports = BinaryInspector.check(loaded.registry(), basedir.toPath());
        List<BinaryReport> failed = reports.stream().filter(r -> !r.ok()).toList();
        for (BinaryReport r : reports) {
            if (r.ok()) {
                getLog().debug(r.entry().id() + ": " + r.file() + " " + r.actual() + " OK");
            } else {
                r.problems().forEach(getLog()::error);
            }
            r.warnings().forEach(getLog()::warn);
        }
        if (!failed.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            sb.append(failed.size()).append(" of ").append(reports.size()).append(" WASM binaries failed the check:");
            failed.forEach(r -> r.problems().forEach(p -> sb.append("\n  ").append(p)));
            if (failed.stream().anyMatch(r -> r.actual() != null && !r.hashMatches())) {
                sb.append("\nIf the binaries changed on purpose, update the manifests with:"
                        + " mvn wippy:hash -Dwippy.hash.write=true");
            }
            if (failed.stream().anyMatch(BinaryReport::invalid)) {
                sb.append("\nA binary that is not valid WebAssembly cannot run: build it again (a truncated file is"
                        + " often an interrupted build or copy), or fix the toolchain that produced it");
            }
            throw new MojoFailureException(sb.toString());
        }
        boolean partly = reports.stream().anyMatch(r -> !r.warnings().isEmpty());
        boolean components = reports.stream().anyMatch(r -> r.kind() == BinaryKind.COMPONENT);
        getLog().info("Checked " + reports.size() + " WASM " + (reports.size() == 1 ? "binary" : "binaries")
                + ": all hashes match, all decode and validate"
                + (components ? " (components: their section framing and their core modules)" : "")
                + (partly ? "; some could not be checked completely, see the warnings" : ""));
    }
}
