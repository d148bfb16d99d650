package ai.wippy.runtime.wasip2;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * wasi:sockets/ip-name-lookup. {@code resolve-addresses} never blocks: an IP literal is answered at
 * once, a name is checked (IDNA to ASCII, then the syntax of a host name: else
 * {@code invalid-argument}) and resolved by the JVM's resolver ({@link InetAddress#getAllByName}, which
 * blocks in getaddrinfo) on one of {@link #THREADS} daemon platform threads shared by the JVM; the
 * stream's pollable is ready when it is done, and the guest is woken then. A guest has at most
 * {@link #PER_GUEST} lookups under way; beyond that, or when the JVM's queue is full, it gets
 * {@code temporary-resolver-failure} at once.
 */
final class SocketNameLookup {

    static final int THREADS = 2;
    static final int QUEUE = 256;
    static final int PER_GUEST = 8;

    private static final class Pool {
        static final ThreadPoolExecutor EXECUTOR = executor();

        private static ThreadPoolExecutor executor() {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor e = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUE), r -> {
                        Thread t = new Thread(r, "wippy-wasi-name-lookup-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            e.allowCoreThreadTimeOut(true);
            return e;
        }
    }

    private SocketNameLookup() {
    }

    /** The lookups under way per execution. */
    static final class Budget {
        final AtomicInteger running = new AtomicInteger();
    }

    /** A resolve-address-stream. */
    static final class Stream {
        private final CompletableFuture<List<InetAddress>> result;
        private int next;

        Stream(CompletableFuture<List<InetAddress>> result) {
            this.result = result;
        }

        /** The next address, null at the end; would-block while resolving. */
        InetAddress nextAddress() {
            if (!result.isDone()) {
                throw new SocketError("would-block");
            }
            List<InetAddress> all;
            try {
                all = result.join();
            } catch (RuntimeException e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                throw c instanceof SocketError s ? s : new SocketError("name-unresolvable");
            }
            return next < all.size() ? all.get(next++) : null;
        }

        Pollable pollable() {
            return result::isDone;
        }
    }

    static Stream resolve(WasiContext cx, Budget budget, String name) {
        InetAddress literal = literal(name);
        if (literal != null) {
            return new Stream(CompletableFuture.completedFuture(List.of(literal)));
        }
        String ascii = hostName(name);
        if (budget.running.incrementAndGet() > PER_GUEST) {
            budget.running.decrementAndGet();
            throw new SocketError("temporary-resolver-failure");
        }
        CompletableFuture<List<InetAddress>> f = new CompletableFuture<>();
        try {
            Pool.EXECUTOR.execute(() -> {
                try {
                    f.complete(lookup(ascii));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                } finally {
                    budget.running.decrementAndGet();
                    cx.waker.wake();
                }
            });
        } catch (RejectedExecutionException e) {
            budget.running.decrementAndGet();
            throw new SocketError("temporary-resolver-failure");
        }
        return new Stream(f);
    }

    private static List<InetAddress> lookup(String ascii) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(ascii);
        } catch (UnknownHostException e) {
            throw new SocketError("name-unresolvable");
        } catch (SecurityException e) {
            throw new SocketError("permanent-resolver-failure");
        }
        List<InetAddress> out = new ArrayList<>(all.length);
        for (InetAddress a : all) {
            // Java already gives IPv4-mapped IPv6 addresses as IPv4 (ip-name-lookup.wit: never mapped)
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw new SocketError("name-unresolvable");
        }
        return out;
    }

    /** An IPv4 or IPv6 literal (IPv6 with or without brackets), else null. No resolver is asked. */
    static InetAddress literal(String name) {
        String s = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        try {
            if (s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                String[] parts = s.split("\\.");
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        return null;
                    }
                    b[i] = (byte) v;
                }
                return InetAddress.getByAddress(b);
            }
            if (s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+")) {
                InetAddress a = InetAddress.getByName(s); // a literal: parsed, never resolved
                return a instanceof Inet6Address || s.contains("::ffff:") ? a : null;
            }
        } catch (UnknownHostException | NumberFormatException e) {
            throw new SocketError("invalid-argument");
        }
        return null;
    }

    /** The ASCII host name a lookup asks for; invalid-argument when {@code name} cannot be one. */
    static String hostName(String name) {
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new SocketError("invalid-argument");
        }
        String s = ascii.endsWith(".") ? ascii.substring(0, ascii.length() - 1) : ascii;
        if (s.isEmpty() || s.length() > 253) {
            throw new SocketError("invalid-argument");
        }
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || !label.matches("[A-Za-z0-9_-]+")) {
                throw new SocketError("invalid-argument");
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
