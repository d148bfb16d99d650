package ai.wippy.runtime;

/**
 * Where the runtime reports what it does. The Maven plugin routes it to Maven's log; embedders
 * give their own. Implementations must be thread-safe: processes log from their own threads.
 */
public interface RuntimeLog {

    RuntimeLog SILENT = new RuntimeLog() {
        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    void debug(String message);

    void info(String message);

    void warn(String message);
}
