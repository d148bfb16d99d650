package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.fs.FsException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A wasi:sockets/tcp {@code tcp-socket}: the state machine of TcpSocketOperationalSemantics.md over
 * non-blocking NIO channels, with wasmtime's reading of it: {@code start-bind} binds and
 * {@code finish-bind} only ends the operation; {@code start-connect} starts a non-blocking connect
 * whose outcome (refused, reset, …) {@code finish-connect} reports; {@code start-listen} listens;
 * one operation at a time ({@code concurrency-conflict}), a {@code finish-*} without its start is
 * {@code not-in-progress}, a method in the wrong state {@code invalid-state}.
 *
 * <p>Java binds and listens in one call on a {@link ServerSocketChannel}, and a bound
 * {@link SocketChannel} can never listen. A bound socket therefore holds its address with a
 * SocketChannel (SO_REUSEADDR, as the WIT asks for every bind) and {@code start-listen} binds a
 * ServerSocketChannel to exactly that address once it has let the SocketChannel go.
 *
 * <p>The host channel is released when the socket and every stream made from it are dropped (or at
 * the execution's end); the socket holds one descriptor of the guest's share from its creation on.
 */
final class TcpSocket implements AutoCloseable {

    enum State { UNBOUND, BOUND, LISTENING, CONNECTING, CONNECTED, CLOSED }

    private enum Op { NONE, BIND, CONNECT, LISTEN }

    /** Listen backlog when the guest sets none (Rust's std and wasmtime use 128). */
    static final int DEFAULT_BACKLOG = 128;
    /** The most a backlog may ask for: the kernel clamps to somaxconn anyway. */
    static final int MAX_BACKLOG = 4096;

    final SocketAddresses.Family family;
    private final WasiContext cx;
    private State state = State.UNBOUND;
    private Op op = Op.NONE;
    /** The error a CLOSED socket reports (wasmtime returns it from most methods). */
    private String closedError = "invalid-state";
    private SocketChannel channel;
    private ServerSocketChannel server;
    private SocketSelector.Registration registration;
    private int backlog = DEFAULT_BACKLOG;
    private final SocketOptions options;
    /** A connect's failure seen before finish-connect asked (start-connect or the pollable). */
    private String connectFailure;
    private boolean connectDone;
    /** A connection accepted by the pollable before accept asked. */
    private SocketChannel accepted;
    private TcpInputStream input;
    private TcpOutputStream output;
    private int users = 1;
    private boolean released;

    private TcpSocket(WasiContext cx, SocketAddresses.Family family, SocketChannel channel, SocketOptions options) {
        this.cx = cx;
        this.family = family;
        this.channel = channel;
        this.options = options;
    }

    /** create-tcp-socket: a new socket, counted against the guest's descriptors. */
    static TcpSocket create(WasiContext cx, SocketAddresses.Family family) {
        acquire(cx);
        try {
            SocketChannel ch = SocketChannel.open(family.java);
            ch.configureBlocking(false);
            return new TcpSocket(cx, family, ch, new SocketOptions());
        } catch (IOException | RuntimeException e) {
            cx.fsBudget().released();
            throw e instanceof UnsupportedOperationException ? new SocketError("not-supported") : SocketError.of(e);
        }
    }

    /** A descriptor of the guest's share, or new-socket-limit. */
    static void acquire(WasiContext cx) {
        try {
            cx.fsBudget().acquire();
        } catch (FsException e) {
            throw new SocketError("new-socket-limit");
        }
    }

    // ------------------------------------------------------------------ bind

    void startBind(InetSocketAddress local) {
        if (op != Op.NONE) {
            throw new SocketError("concurrency-conflict");
        }
        if (state != State.UNBOUND) {
            throw new SocketError(state == State.CLOSED ? closedError : "invalid-state");
        }
        if (!SocketAddresses.unicast(local) || !SocketAddresses.validFamily(local, family)) {
            throw new SocketError("invalid-argument");
        }
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(local);
        } catch (IOException | RuntimeException e) {
            throw SocketError.of(e);
        }
        state = State.BOUND;
        op = Op.BIND;
    }

    void finishBind() {
        if (op != Op.BIND) {
            throw new SocketError("not-in-progress");
        }
        op = Op.NONE;
    }

    // ------------------------------------------------------------------ connect

    void startConnect(InetSocketAddress remote) {
        if (op != Op.NONE) {
            throw new SocketError("concurrency-conflict");
        }
        if (state != State.UNBOUND && state != State.BOUND) {
            throw new SocketError(state == State.CLOSED ? closedError : "invalid-state");
        }
        if (!SocketAddresses.unicast(remote) || !SocketAddresses.validRemote(remote)
                || !SocketAddresses.validFamily(remote, family)) {
            throw new SocketError("invalid-argument");
        }
        state = State.CONNECTING;
        op = Op.CONNECT;
        connectDone = false;
        connectFailure = null;
        try {
            registration = SocketSelector.get().register(channel, cx.waker);
            connectDone = channel.connect(remote);
        } catch (IOException | RuntimeException e) {
            // as wasmtime: the connect itself runs asynchronously, its failure is finish-connect's answer
            connectDone = true;
            connectFailure = SocketError.code(e);
        }
    }

    /** A connection's two streams (the interface makes handles of them). */
    record Streams(TcpInputStream in, TcpOutputStream out) {
    }

    /** finish-connect: the streams of the new connection. */
    Streams finishConnect() {
        if (op != Op.CONNECT) {
            throw new SocketError("not-in-progress");
        }
        if (!pollConnect()) {
            throw new SocketError("would-block");
        }
        op = Op.NONE;
        if (connectFailure != null) {
            closeWith(connectFailure);
            throw new SocketError(connectFailure);
        }
        state = State.CONNECTED;
        options.applyTo(channel);
        return streams();
    }

    /** Whether the connect has an outcome (probing it without blocking); arms the selector when not. */
    private boolean pollConnect() {
        if (!connectDone) {
            try {
                connectDone = channel.finishConnect();
            } catch (IOException | RuntimeException e) {
                connectDone = true;
                connectFailure = SocketError.code(e);
            }
            if (!connectDone) {
                registration.arm(SelectionKey.OP_CONNECT);
            }
        }
        return connectDone;
    }

    private Streams streams() {
        input = new TcpInputStream(this, channel, registration);
        output = new TcpOutputStream(this, channel, registration);
        registration.listener(output::onReady);
        users += 2;
        return new Streams(input, output);
    }

    // ------------------------------------------------------------------ listen, accept

    void startListen() {
        if (op != Op.NONE) {
            throw new SocketError("concurrency-conflict");
        }
        if (state != State.BOUND) {
            throw new SocketError(state == State.CLOSED ? closedError : "invalid-state");
        }
        InetSocketAddress local;
        try {
            local = (InetSocketAddress) channel.getLocalAddress();
            options.keepDefaults(channel); // what the listener cannot tell, its accepted sockets inherit
            channel.close();
        } catch (IOException e) {
            closeWith(SocketError.code(e));
            throw SocketError.of(e);
        }
        try {
            server = ServerSocketChannel.open(family.java);
            server.configureBlocking(false);
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            options.applyToListener(server);
            server.bind(local, backlog);
            registration = SocketSelector.get().register(server, cx.waker);
        } catch (IOException | RuntimeException e) {
            String code = SocketError.code(e);
            closeWith(code);
            throw new SocketError(code);
        }
        state = State.LISTENING;
        op = Op.LISTEN;
    }

    void finishListen() {
        if (op != Op.LISTEN) {
            throw new SocketError("not-in-progress");
        }
        op = Op.NONE;
    }

    /** An accepted connection: its socket and streams. */
    record Accepted(TcpSocket socket, Streams streams) {
    }

    /** accept: a connected socket with its two streams. */
    Accepted accept() {
        if (state != State.LISTENING) {
            throw new SocketError(state == State.CLOSED ? closedError : "invalid-state");
        }
        if (!pollAccept()) {
            throw new SocketError("would-block");
        }
        acquire(cx);
        SocketChannel client = accepted;
        accepted = null;
        TcpSocket s = new TcpSocket(cx, family, client, options.copy());
        try {
            client.configureBlocking(false);
            s.registration = SocketSelector.get().register(client, cx.waker);
        } catch (IOException e) {
            s.close();
            throw new SocketError("connection-aborted");
        }
        s.state = State.CONNECTED;
        s.options.applyTo(client);
        return new Accepted(s, s.streams());
    }

    /** Whether a connection waits (taking it from the kernel's queue); arms the selector when none. */
    private boolean pollAccept() {
        while (accepted == null) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return false; // ECONNABORTED and the like: that connection is gone, the next may come
            }
            if (c == null) {
                registration.arm(SelectionKey.OP_ACCEPT);
                return false;
            }
            if (family == SocketAddresses.Family.IPV6 && isIpv4Peer(c)) {
                // Java cannot set IPV6_V6ONLY: an IPv4 peer of a dual-stack listener is not one WASI admits
                closeQuietly(c);
                continue;
            }
            accepted = c;
        }
        return true;
    }

    private static boolean isIpv4Peer(SocketChannel c) {
        try {
            return ((InetSocketAddress) c.getRemoteAddress()).getAddress() instanceof Inet4Address;
        } catch (IOException e) {
            return true;
        }
    }

    // ------------------------------------------------------------------ queries, options

    InetSocketAddress localAddress() {
        switch (state) {
            case UNBOUND, CONNECTING -> throw new SocketError("invalid-state");
            case CLOSED -> throw new SocketError(closedError);
            default -> {
            }
        }
        try {
            return (InetSocketAddress) netChannel().getLocalAddress();
        } catch (IOException e) {
            throw SocketError.of(e);
        }
    }

    InetSocketAddress remoteAddress() {
        if (state == State.CLOSED) {
            throw new SocketError(closedError);
        }
        if (state != State.CONNECTED) {
            throw new SocketError("invalid-state");
        }
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            throw SocketError.of(e);
        }
    }

    boolean isListening() {
        return state == State.LISTENING;
    }

    void setListenBacklogSize(long value) {
        if (value == 0) {
            throw new SocketError("invalid-argument");
        }
        int v = (int) Math.max(1, Math.min(MAX_BACKLOG, value < 0 ? MAX_BACKLOG : value));
        switch (state) {
            case UNBOUND, BOUND -> backlog = v;
            // Java listens once, in bind: the backlog of a listening socket cannot be changed
            case LISTENING -> throw new SocketError("not-supported");
            case CLOSED -> throw new SocketError(closedError);
            default -> throw new SocketError("invalid-state");
        }
    }

    /** The channel options are read from and written to (invalid-state while connecting, as wasmtime). */
    private NetworkChannel optionsChannel() {
        return switch (state) {
            case CONNECTING -> throw new SocketError("invalid-state");
            case CLOSED -> throw new SocketError(closedError);
            case LISTENING -> server;
            default -> channel;
        };
    }

    private NetworkChannel netChannel() {
        return state == State.LISTENING ? server : channel;
    }

    SocketOptions options() {
        return options;
    }

    <T> T getOption(SocketOption<T> option, T whenUnsupported) {
        NetworkChannel ch = optionsChannel();
        return options.get(ch, option, whenUnsupported);
    }

    <T> void setOption(SocketOption<T> option, T value) {
        NetworkChannel ch = optionsChannel();
        options.set(ch, option, value);
    }

    /** Checks the state as every option method does (the value itself may not reach the channel). */
    void requireOptionsState() {
        optionsChannel();
    }

    // ------------------------------------------------------------------ shutdown, readiness, release

    void shutdown(String how) {
        if (state != State.CONNECTED || input == null) {
            throw new SocketError(state == State.CLOSED ? closedError : "invalid-state");
        }
        if (!how.equals("send")) {
            input.shutdown();
        }
        if (!how.equals("receive")) {
            output.shutdown();
        }
    }

    /** The socket's pollable (TcpSocketOperationalSemantics.md, pollable readiness). */
    Pollable pollable() {
        return () -> switch (state) {
            case CONNECTING -> op != Op.CONNECT || pollConnect();
            case LISTENING -> pollAccept();
            default -> true;
        };
    }

    private void closeWith(String code) {
        state = State.CLOSED;
        closedError = code;
        op = Op.NONE;
        closeChannels();
    }

    private void closeChannels() {
        if (accepted != null) {
            closeQuietly(accepted);
            accepted = null;
        }
        if (registration != null) {
            registration.close();
        }
        closeQuietly(channel);
        closeQuietly(server);
    }

    /** The socket or one of its streams is dropped: the channel goes with the last of them. */
    void release() {
        if (--users == 0 && !released) {
            released = true;
            closeChannels();
            cx.fsBudget().released();
        }
    }

    @Override
    public void close() {
        release();
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing cannot fail the guest
            }
        }
    }
}
