package ai.wippy.runtime.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs processes (SPEC §7): admission against {@code max_processes} and {@code queue_size}, a
 * thread per process (virtual on Java 21+), at most {@code workers} of them running guest code at
 * once (a waiting guest gives its worker back), wall-clock deadlines, termination, EXIT events to
 * monitors, and an orderly shutdown in which every process's Close runs.
 */
public final class ProcessHost implements AutoCloseable {

    private final String id;
    private final HostLimits limits;
    private final ProcessThreads threads;
    private final Consumer<String> warnings;
    private final Semaphore workers;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<Pid, Running> live = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final Object admission = new Object();
    private volatile boolean shutDown;

    public ProcessHost(String id, HostLimits limits, ProcessThreads threads, Consumer<String> warnings) {
        this.id = id;
        this.limits = limits;
        this.threads = threads;
        this.warnings = warnings;
        this.workers = new Semaphore(limits.workers(), true);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wippy-deadlines-" + id);
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    public ProcessHost(String id, HostLimits limits) {
        this(id, limits, ProcessThreads.best(), message -> { });
    }

    public String id() {
        return id;
    }

    public HostLimits limits() {
        return limits;
    }

    /** Starts a process nobody monitors. */
    public Pid spawn(SpawnRequest request) {
        return start(request, null);
    }

    /** Starts a process whose EXIT event is delivered to {@code monitor}. */
    public Pid spawnMonitored(SpawnRequest request, Mailbox monitor) {
        return start(request, monitor);
    }

    /** Completes with the process's result when it has ended (Close included); empty if unknown. */
    public Optional<CompletableFuture<ProcessResult>> completion(Pid pid) {
        Running r = live.get(pid);
        return r == null ? Optional.empty() : Optional.of(r.done);
    }

    /** Stops a process: its guest is interrupted, Close runs, EXIT carries {@code terminated}. */
    public boolean terminate(Pid pid) {
        Running r = live.get(pid);
        if (r == null) {
            return false;
        }
        r.stop(StopReason.TERMINATED);
        return true;
    }

    /** Processes admitted and not yet ended. */
    public int liveProcesses() {
        return live.size();
    }

    /**
     * Refuses new spawns, stops every live process and waits up to {@code grace} for them to end.
     * Returns the number still running after the grace period (0 in an orderly shutdown).
     */
    public int shutdown(Duration grace) {
        shutDown = true;
        List<Running> all = new ArrayList<>(live.values());
        for (Running r : all) {
            r.stop(StopReason.SHUTDOWN);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        int stuck = 0;
        for (Running r : all) {
            long left = deadline - System.nanoTime();
            try {
                r.done.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                stuck++;
                warnings.accept("process " + r.pid + " (" + r.request.name() + ") did not stop within "
                        + grace.toMillis() + " ms of shutdown");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                // the process ended with a failure: it has ended, which is all shutdown waits for
            }
        }
        timer.shutdownNow();
        return stuck;
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }

    private Pid start(SpawnRequest request, Mailbox monitor) {
        Pid pid;
        Running running;
        synchronized (admission) {
            if (shutDown) {
                throw new SpawnException("process host " + id + " is shut down: cannot spawn " + request.name());
            }
            if (limits.maxProcesses() > 0 && live.size() >= limits.maxProcesses()) {
                throw new SpawnException("process host " + id + " is at max_processes (" + limits.maxProcesses()
                        + "): cannot spawn " + request.name() + "; raise host.max_processes or wait for processes to end");
            }
            if (queued.get() >= limits.queueSize() && workers.availablePermits() == 0) {
                throw new SpawnException("process host " + id + " queue is full (queue_size " + limits.queueSize()
                        + "): cannot spawn " + request.name() + "; raise host.queue_size or host.workers");
            }
            try {
                request.process().init(request.method(), request.args());
            } catch (RuntimeException e) {
                closeQuietly(request.process());
                throw new SpawnException("cannot spawn " + request.name() + ": " + e.getMessage(), e);
            }
            pid = new Pid(id, sequence.incrementAndGet());
            running = new Running(pid, request, monitor);
            live.put(pid, running);
            queued.incrementAndGet();
        }
        if (request.maxExecutionMs() > 0) {
            running.deadline = timer.schedule(() -> running.stop(StopReason.TIMEOUT),
                    request.maxExecutionMs(), TimeUnit.MILLISECONDS);
        }
        threads.start(running::run);
        return pid;
    }

    private void closeQuietly(Process process) {
        try {
            process.close();
        } catch (RuntimeException e) {
            warnings.accept("closing a process failed: " + e);
        }
    }

    /** One admitted process: its thread, stop reason and completion. */
    private final class Running implements StepContext, StepContext.WaitSlot {
        final Pid pid;
        final SpawnRequest request;
        final Mailbox monitor;
        final CompletableFuture<ProcessResult> done = new CompletableFuture<>();
        volatile ScheduledFuture<?> deadline;
        volatile StopReason stopReason;
        /** The thread running the process, while it runs (guarded by this). */
        private Thread thread;
        /** Set when the process has ended: no interrupt may reach its (possibly pooled) thread after that. */
        private boolean finished;
        private boolean holdsWorker;

        Running(Pid pid, SpawnRequest request, Mailbox monitor) {
            this.pid = pid;
            this.request = request;
            this.monitor = monitor;
        }

        /** Interrupts under the lock, so the interrupt can only reach the thread while this process runs. */
        synchronized void stop(StopReason reason) {
            if (stopReason != null || finished) {
                return;
            }
            stopReason = reason;
            if (thread != null) {
                thread.interrupt();
            }
        }

        void run() {
            synchronized (this) {
                thread = Thread.currentThread();
                if (stopReason != null) {
                    thread.interrupt();
                }
            }
            ProcessResult result;
            try {
                workers.acquire();
                holdsWorker = true;
                queued.decrementAndGet();
                result = stopReason != null ? stoppedResult() : request.process().step(this);
            } catch (InterruptedException e) {
                queued.decrementAndGet();
                result = stoppedResult();
            } catch (StackOverflowError e) {
                result = ProcessResult.ofError(request.name() + ": call stack exhausted");
            } catch (OutOfMemoryError e) {
                result = ProcessResult.ofError(request.name() + ": out of memory: " + e.getMessage());
            } catch (Throwable e) {
                result = ProcessResult.ofError(request.name() + ": internal error: " + e);
            } finally {
                if (holdsWorker) {
                    holdsWorker = false;
                    workers.release();
                }
                ScheduledFuture<?> d = deadline;
                if (d != null) {
                    d.cancel(false);
                }
                closeQuietly(request.process());
            }
            synchronized (this) {
                finished = true;
                thread = null;
            }
            // A pooled platform thread goes on to other processes: no interrupt of this one may linger.
            Thread.interrupted();
            if (result == null) {
                result = ProcessResult.ofValue(null);
            }
            finish(result);
        }

        /** A process stopped before its step began: it was still waiting for a worker. */
        private ProcessResult stoppedResult() {
            String why = describe(stopReason);
            return ProcessResult.ofError(stopReason == StopReason.TIMEOUT
                    ? why + " while waiting for a worker of process host " + id : why);
        }

        private void finish(ProcessResult result) {
            live.remove(pid);
            if (monitor != null) {
                monitor.deliver(new ExitEvent(pid, result));
            }
            done.complete(result);
        }

        @Override
        public Pid pid() {
            return pid;
        }

        @Override
        public WaitSlot waitHook() {
            return this;
        }

        @Override
        public Optional<String> stopReason() {
            StopReason r = stopReason;
            return r == null ? Optional.empty() : Optional.of(describe(r));
        }

        private String describe(StopReason reason) {
            if (reason == null) {
                return "stopped";
            }
            return switch (reason) {
                case TIMEOUT -> request.limit().timeoutMessage();
                case TERMINATED -> "terminated";
                case SHUTDOWN -> "terminated: process host " + id + " shut down";
            };
        }

        @Override
        public void beforeWait() {
            if (holdsWorker) {
                holdsWorker = false;
                workers.release();
            }
        }

        @Override
        public void afterWait() {
            if (holdsWorker) {
                return;
            }
            try {
                workers.acquire();
                holdsWorker = true;
            } catch (InterruptedException e) {
                // Stopped while waiting for a worker: carry on without one to the nearest
                // interruption check, which ends the guest at once.
                Thread.currentThread().interrupt();
            }
        }
    }
}
