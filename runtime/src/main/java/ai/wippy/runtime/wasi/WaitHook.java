package ai.wippy.runtime.wasi;

/**
 * Called around every blocking wait of a guest (a sleep in {@code poll_oneoff}, a blocking stdin
 * read), so the process scheduler can run another guest on this worker meanwhile.
 */
public interface WaitHook {

    WaitHook NONE = new WaitHook() {
        @Override
        public void beforeWait() {
        }

        @Override
        public void afterWait() {
        }
    };

    void beforeWait();

    void afterWait();
}
