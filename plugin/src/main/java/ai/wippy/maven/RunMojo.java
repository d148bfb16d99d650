package ai.wippy.maven;

import ai.wippy.runtime.WippyException;
import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.command.ArgumentLine;
import ai.wippy.runtime.command.CommandCatalog;
import ai.wippy.runtime.command.TerminalOutcome;
import ai.wippy.runtime.ConsoleStdin;
import ai.wippy.runtime.manifest.LoadResult;
import ai.wippy.runtime.process.TimeLimit;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs a command ({@code -Dcommand=greet}) or any process entry ({@code -Dwippy.entry=ns:name}) in a
 * terminal context, like {@code wippy run}: the console's stdin, stdout and stderr,
 * command-line arguments as strings, and Wippy's exit-code rules. {@code -Dcommand=list} lists the
 * commands. A non-zero exit code fails the build unless listed in {@code wippy.successCodes}. A
 * command whose entry sets no {@code max_execution_ms} ends at {@code wippy.timeout} (10 minutes by
 * default), so it cannot hang a build. A closed stdin reads as end of input.
 */
@Mojo(name = "run", threadSafe = true, requiresProject = true)
public class RunMojo extends AbstractGuestMojo {

    /** {@code wippy.timeout} when not set: long enough for any real command, short of a CI job's own limit. */
    static final String DEFAULT_TIMEOUT = "10m";

    /** The command to run (a {@code meta.command.name}); {@code list} lists them. */
    @Parameter(property = "command")
    protected String command;

    /** A process entry to run without a command name, {@code ns:name}. */
    @Parameter(property = "wippy.entry")
    protected String entry;

    /** Arguments as one string, split like a shell would ({@code "a b 'c d'"}). */
    @Parameter(property = "wippy.args")
    protected String args;

    /** Arguments as a list, never re-split; used after {@code wippy.args}. */
    @Parameter
    protected List<String> arguments;

    /** Exit codes that do not fail the build, comma-separated. */
    @Parameter(property = "wippy.successCodes", defaultValue = "0")
    protected String successCodes;

    /**
     * Wall-clock limit of a command whose entry sets no {@code limits.max_execution_ms}, so that a
     * command that never ends cannot hang a build: milliseconds ({@code 30000}) or a number with a
     * unit ({@code 90s}, {@code 10m}, {@code 1h}); {@code 0} for no limit (an interactive session).
     * An entry's own {@code max_execution_ms} always applies instead.
     */
    @Parameter(property = "wippy.timeout", defaultValue = DEFAULT_TIMEOUT)
    protected String timeout;

    /** Skips this goal only. */
    @Parameter(property = "wippy.run.skip", defaultValue = "false")
    protected boolean skipRun;

    @Override
    protected String goal() {
        return "run";
    }

    @Override
    protected boolean skipGoal() {
        return skipRun;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        boolean hasCommand = command != null && !command.isBlank();
        boolean hasEntry = entry != null && !entry.isBlank();
        if (hasCommand == hasEntry) {
            throw new MojoFailureException(hasCommand
                    ? "set either -Dcommand=<name> or -Dwippy.entry=<ns:name>, not both"
                    : "nothing to run: set -Dcommand=<name> (see mvn wippy:run -Dcommand=list) or -Dwippy.entry=<ns:name>");
        }
        LoadResult loaded = loadValidManifests();
        if (hasCommand && "list".equals(command.trim())) {
            CommandCatalog.format(loaded.registry().commands()).forEach(this::answer);
            return;
        }
        Set<Integer> accepted = parseSuccessCodes();
        TimeLimit fallback = timeLimit();
        List<String> argv = new ArrayList<>(ArgumentLine.split(args));
        if (arguments != null) {
            argv.addAll(arguments);
        }
        String what = hasCommand ? "command " + command.trim() : "entry " + entry.trim();
        // The console itself, not Maven's log: a command's output is the user's output.
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        TerminalOutcome outcome;
        try (WippyRuntime runtime = WippyRuntime.builder(manifestOptions()).engine(engineOptions())
                .hostInterfacesFrom(getClass().getClassLoader())
                .log(new MavenRuntimeLog(getLog())).build(loaded.registry())) {
            getLog().debug("Running " + what + " with arguments " + argv);
            // A closed stdin must read as EOF, not as the file the JVM put on fd 0.
            InputStream in = ConsoleStdin.systemIn(getLog()::debug);
            outcome = hasCommand
                    ? runtime.runCommand(command.trim(), argv, in, out, err, fallback)
                    : runtime.runEntry(entry.trim(), argv, in, out, err, fallback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while running " + what, e);
        }
        if (!accepted.contains(outcome.exitCode())) {
            String detail = outcome.stderr() == null ? "" : ": " + outcome.stderr().strip();
            throw new MojoFailureException(what + " exited with code " + outcome.exitCode() + detail
                    + (accepted.equals(Set.of(0)) ? "" : " (wippy.successCodes: " + successCodes + ")"));
        }
        getLog().debug(what + " exited with code " + outcome.exitCode() + "; compiled code: " + effectiveCacheSummary());
    }

    private String effectiveCacheSummary() {
        return cache ? "cached in " + effectiveCacheDirectory() : "not cached on disk (wippy.cache=false)";
    }

    /** {@code wippy.timeout} as the limit of a command whose entry sets none. */
    private TimeLimit timeLimit() {
        long millis;
        try {
            millis = TimeLimit.parseMillis(timeout, "wippy.timeout");
        } catch (IllegalArgumentException e) {
            throw WippyException.user(e.getMessage());
        }
        return millis == 0 ? TimeLimit.NONE : new TimeLimit(millis,
                "wippy.timeout, the limit of a command whose entry sets no limits.max_execution_ms;"
                        + " change it with -Dwippy.timeout=<duration>, 0 for none");
    }

    private Set<Integer> parseSuccessCodes() {
        Set<Integer> codes = new HashSet<>();
        for (String part : successCodes.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                codes.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw WippyException.user("wippy.successCodes must be a comma-separated list of integers, got: "
                        + successCodes);
            }
        }
        return codes.isEmpty() ? Set.of(0) : codes;
    }
}
