package ai.wippy.runtime.wasip2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.function.IntConsumer;

/**
 * Readiness of the guests' sockets: one {@link Selector} on one daemon platform thread for the whole
 * JVM. The thread does no I/O of its own: when a channel a guest waits for becomes ready it takes
 * that interest off the channel (interest is one-shot: a guest arms it again when it finds nothing)
 * and wakes the guest's {@link Waker}; the guest then does the non-blocking I/O itself. Output that
 * a guest left pending is the one exception: its stream drains it from here ({@link #register}'s
 * listener), so bytes already accepted by {@code write} reach the peer without the guest.
 *
 * <p>One thread per JVM rather than one per execution: a guest waiting for a socket holds no thread
 * at all (its virtual or pooled thread parks in {@link Waker}), and epoll serves thousands of
 * channels from one thread; a thread per execution would cost a platform thread per guest that
 * opens a socket. The thread only moves interest bits and calls {@code LockSupport.unpark}, so no
 * guest can hold it up. It starts with the first socket and then stays, blocked in {@code select}.
 */
final class SocketSelector {

    private final Selector selector;

    private SocketSelector() throws IOException {
        this.selector = Selector.open();
        Thread t = new Thread(this::loop, "wippy-wasi-sockets-selector");
        t.setDaemon(true);
        t.start();
    }

    /** The JVM's selector, opened with the first socket (class initialisation makes it once). */
    static SocketSelector get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final SocketSelector INSTANCE = open();

        private static SocketSelector open() {
            try {
                return new SocketSelector();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the sockets' selector", e);
            }
        }
    }

    /** The readiness of one non-blocking channel, for the guest of {@code waker}. */
    Registration register(SelectableChannel channel, Waker waker) throws ClosedChannelException {
        SelectionKey key = channel.register(selector, 0);
        Registration r = new Registration(key, waker);
        key.attach(r);
        return r;
    }

    /** Lets a closed channel's descriptor go now (a registered channel is released by the next select). */
    void wakeup() {
        selector.wakeup();
    }

    private void loop() {
        while (true) {
            try {
                selector.select();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (k.attachment() instanceof Registration r) {
                        r.fired(k);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a failing select is retried (after a breath, never in a hot loop): the guests' channels must stay served
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
        }
    }

    /** One channel's interest: armed by the guest, cleared here when it fires. */
    final class Registration {
        private final SelectionKey key;
        private final Waker waker;
        private volatile IntConsumer listener;

        private Registration(SelectionKey key, Waker waker) {
            this.key = key;
            this.waker = waker;
        }

        /** Told the ready operations on the selector's thread, before the guest is woken. */
        void listener(IntConsumer l) {
            this.listener = l;
        }

        /** The guest waits for {@code ops} (OP_READ, OP_WRITE, OP_ACCEPT, OP_CONNECT). */
        void arm(int ops) {
            try {
                if ((key.interestOps() & ops) != ops) {
                    key.interestOpsOr(ops);
                    selector.wakeup();
                }
            } catch (CancelledKeyException e) {
                waker.wake(); // closed meanwhile: whoever waits looks again and finds it closed
            }
        }

        private void fired(SelectionKey k) {
            int ready;
            try {
                ready = k.readyOps();
                k.interestOpsAnd(~ready);
            } catch (CancelledKeyException e) {
                ready = 0;
            }
            IntConsumer l = listener;
            if (l != null && ready != 0) {
                try {
                    l.accept(ready);
                } catch (RuntimeException e) {
                    // a listener's failure is the stream's to report, never the selector's
                }
            }
            waker.wake();
        }

        /** Closes the channel; its descriptor is released at once (the selector is woken to let it go). */
        void close() {
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException e) {
                // closing cannot fail the guest
            }
            selector.wakeup();
        }
    }
}
