package ai.wippy.runtime;


import ai.wippy.runtime.WippyRuntime;
import ai.wippy.runtime.command.TerminalOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for {@link ConsoleStdinTest}: runs the command {@code count} (the {@code stdin_count}
 * fixture) of the project {@code args[0]} on the console's stdin as the Maven goal does, after
 * saying on stderr how much the raw {@code System.in} offers.
 */
public final class StdinProbe {

    private StdinProbe() {
    }

    public static void main(String[] args) throws Exception {
        int raw;
        try {
            raw = System.in.available();
        } catch (java.io.IOException e) {
            raw = -1;
        }
        System.err.println("raw System.in.available()=" + raw);
        try (WippyRuntime wippy = WippyRuntime.builder(Path.of(args[0])).build()) {
            TerminalOutcome o = wippy.runCommand("count", List.of(),
                    ConsoleStdin.systemIn(m -> System.err.println("debug: " + m)), System.out, System.err);
            System.out.flush();
            System.exit(o.exitCode());
        }
    }
}
