package ai.wippy.maven;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.manifest.LoadResult;
import ai.wippy.runtime.manifest.ManifestLoader;
import ai.wippy.runtime.manifest.ManifestOptions;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: where the manifests are, the skip switches, the answer a goal prints, and the
 * mapping of runtime failures to Maven's two kinds (a user's mistake is a
 * {@link MojoFailureException} with a message that says what to change; an I/O failure or a bug is
 * a {@link MojoExecutionException} with its cause).
 */
abstract class AbstractWippyMojo extends AbstractMojo {

    /** The project directory: relative {@code fs.directory} paths resolve against it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    /**
     * Directories scanned for manifests. Default: the {@code directories:} of a {@code wippy.lock}
     * at the project root, else {@code src/main/wippy} and {@code src/test/wippy}.
     */
    @Parameter(property = "wippy.sourceDirectories")
    protected List<File> sourceDirectories;

    /** The build, to tell whether the Maven Build Cache Extension is in it (see {@link BuildCacheAdvice}). */
    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    /** Goals whose skipping on a cache hit would let a changed binary or manifest through. */
    private static final Set<String> CACHE_SENSITIVE = Set.of("validate", "check", "test", "integration-test", "verify");

    /** Warnings already given in this JVM (a reactor runs a goal once per module). */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** Skips every goal of this plugin. */
    @Parameter(property = "wippy.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping wippy:" + goal() + " (wippy.skip=true)");
            return;
        }
        if (skipGoal()) {
            getLog().info("Skipping wippy:" + goal() + " (wippy." + goal() + ".skip=true)");
            return;
        }
        adviseOnBuildCache();
        try {
            run();
        } catch (WippyException e) {
            if (e.isUserError()) {
                throw new MojoFailureException(e.getMessage());
            }
            throw new MojoExecutionException(e.getMessage(), e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Warns once when the Maven Build Cache Extension would skip this goal on a later cache hit. */
    private void adviseOnBuildCache() {
        if (session == null || mojoExecution == null || mojoExecution.getSource() != MojoExecution.Source.LIFECYCLE
                || !CACHE_SENSITIVE.contains(goal())) {
            return;
        }
        Properties properties = new Properties();
        properties.putAll(session.getSystemProperties());
        properties.putAll(session.getUserProperties());
        File root = session.getRequest() == null ? null : session.getRequest().getMultiModuleProjectDirectory();
        boolean buildExtension = project != null && project.getBuildExtensions() != null && project.getBuildExtensions()
                .stream().anyMatch(e -> BuildCacheAdvice.EXTENSION.equals(e.getArtifactId()));
        BuildCacheAdvice.warning(root == null ? null : root.toPath(), buildExtension, properties, goal(),
                mojoExecution.getExecutionId()).filter(w -> WARNED.add(root + "|" + goal())).ifPresent(getLog()::warn);
    }

    /** The goal's name, for messages. */
    protected abstract String goal();

    /** The goal's own {@code wippy.<goal>.skip}. */
    protected abstract boolean skipGoal();

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** Whether a malformed {@code hash:} is a manifest problem; only {@code hash}, which replaces it, says no. */
    protected boolean hashFormatChecked() {
        return true;
    }

    protected ManifestOptions manifestOptions() {
        ManifestOptions.Builder b = ManifestOptions.builder(basedir.toPath()).hashFormatChecked(hashFormatChecked());
        if (sourceDirectories != null && !sourceDirectories.isEmpty()) {
            b.sourceDirectories(sourceDirectories.stream().map(File::toPath).toList());
        }
        return b.build();
    }

    /**
     * Loads every manifest; logs each warning at WARN level; when any has an error, logs each one and
     * fails with all of them (a goal never works on a project whose manifests are invalid).
     */
    protected LoadResult loadValidManifests() throws MojoFailureException {
        LoadResult result = ManifestLoader.load(manifestOptions());
        getLog().debug("Loaded " + result.files().size() + " manifest file(s)");
        result.warnings().forEach(w -> getLog().warn(w.format()));
        if (!result.ok()) {
            result.problems().forEach(p -> getLog().error(p.format()));
            throw problems(result);
        }
        return result;
    }

    /**
     * One line of the goal's answer (the command list, the hash table): logged at INFO like the rest,
     * but printed on standard output when INFO is off ({@code mvn -q}), because an answer is
     * output, not log chatter: {@code mvn -q wippy:hash} must still print the hashes.
     */
    protected void answer(String line) {
        if (getLog().isInfoEnabled()) {
            getLog().info(line);
        } else {
            CONSOLE.println(line);
        }
    }

    /**
     * The console itself, as {@code run} gives a command's stdout: Maven 4 wraps {@code System.out}
     * in its logger ({@code [INFO] [stdout] …}), which is not an answer a script can read.
     */
    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            consoleCharset());

    private static Charset consoleCharset() {
        try {
            return Charset.forName(System.getProperty("stdout.encoding",
                    System.getProperty("native.encoding", Charset.defaultCharset().name())));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** A failure listing every manifest problem, as one message. */
    private static MojoFailureException problems(LoadResult result) {
        StringBuilder sb = new StringBuilder();
        int n = result.problems().size();
        sb.append(n).append(n == 1 ? " problem" : " problems").append(" in Wippy manifests:");
        result.problems().forEach(p -> sb.append("\n  ").append(p.format()));
        return new MojoFailureException(sb.toString());
    }
}
