package ai.wippy.runtime.wasi;

/**
 * Called around every blocking wait of the guest (poll_oneoff sleeps, blocking stdin reads), so a
 * scheduler can release the guest's worker while it waits. {@code afterWait} is always called
 * once {@code beforeWait} was, also when the wait ends by interruption.
 */
public interface WaitHook {

    void beforeWait();

    void afterWait();

    WaitHook NONE = new WaitHook() {
        @Override
        public void beforeWait() {
        }

        @Override
        public void afterWait() {
        }
    };
}
