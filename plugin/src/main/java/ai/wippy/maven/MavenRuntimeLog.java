package ai.wippy.maven;

import ai.wippy.runtime.RuntimeLog;
import org.apache.maven.plugin.logging.Log;

/** The runtime's log, routed to Maven's (so {@code -q}, {@code -X} and log files behave). */
final class MavenRuntimeLog implements RuntimeLog {

    private final Log log;

    MavenRuntimeLog(Log log) {
        this.log = log;
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }
}
