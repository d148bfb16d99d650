package ai.wippy.runtime.process;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Events addressed to one receiver (the spawner of monitored processes). Thread-safe. */
public final class Mailbox {

    private final LinkedBlockingQueue<ExitEvent> events = new LinkedBlockingQueue<>();

    void deliver(ExitEvent event) {
        events.add(event);
    }

    /** Waits up to {@code timeout} for the next event; empty when none arrived in time. */
    public Optional<ExitEvent> receive(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The next event if one is already there. */
    public Optional<ExitEvent> poll() {
        return Optional.ofNullable(events.poll());
    }

    public int size() {
        return events.size();
    }
}
