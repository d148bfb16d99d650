package ai.wippy.runtime.wasip2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * A wasi:sockets/udp {@code udp-socket} over a non-blocking {@link DatagramChannel}, as wasmtime
 * reads udp.wit: {@code start-bind} binds, {@code finish-bind} ends the operation; {@code stream}
 * needs a bound socket, (re)connects or disconnects it and hands out the one pair of datagram
 * streams that works (a pair still held when {@code stream} is called again traps, as in wasmtime).
 * The channel goes with the socket and its streams; the socket holds one descriptor of the guest's
 * share from its creation on.
 */
final class UdpSocket implements AutoCloseable {

    /** The largest payload: a UDP length is 16 bits (the IP layer refuses a little less: datagram-too-large). */
    static final int MAX_DATAGRAM = 65535;

    final SocketAddresses.Family family;
    final DatagramChannel channel;
    private final WasiContext cx;
    private boolean bound;
    private boolean binding;
    private InetSocketAddress remote;
    private SocketSelector.Registration registration;
    private int liveStreams;
    private int users = 1;
    private boolean released;

    private UdpSocket(WasiContext cx, SocketAddresses.Family family, DatagramChannel channel) {
        this.cx = cx;
        this.family = family;
        this.channel = channel;
    }

    static UdpSocket create(WasiContext cx, SocketAddresses.Family family) {
        TcpSocket.acquire(cx);
        try {
            DatagramChannel ch = DatagramChannel.open(family.java);
            ch.configureBlocking(false);
            return new UdpSocket(cx, family, ch);
        } catch (IOException | RuntimeException e) {
            cx.fsBudget().released();
            throw e instanceof UnsupportedOperationException ? new SocketError("not-supported") : SocketError.of(e);
        }
    }

    void startBind(InetSocketAddress local) {
        if (binding) {
            throw new SocketError("concurrency-conflict");
        }
        if (bound) {
            throw new SocketError("invalid-state");
        }
        if (!SocketAddresses.validFamily(local, family)) {
            throw new SocketError("invalid-argument");
        }
        try {
            channel.bind(local);
        } catch (IOException | RuntimeException e) {
            throw SocketError.of(e);
        }
        bound = true;
        binding = true;
    }

    void finishBind() {
        if (!binding) {
            throw new SocketError("not-in-progress");
        }
        binding = false;
    }

    /** The pair of streams for {@code to} (null: any peer), after (re)connecting the channel. */
    UdpStreams stream(InetSocketAddress to) {
        if (liveStreams > 0) {
            throw new WasiTrap("udp-socket.stream: the streams of the previous stream call are not dropped yet");
        }
        if (!bound) {
            throw new SocketError("invalid-state");
        }
        if (to != null && (!SocketAddresses.validFamily(to, family) || !SocketAddresses.validRemote(to))) {
            throw new SocketError("invalid-argument");
        }
        try {
            if (remote != null) {
                channel.disconnect();
                remote = null;
            }
            if (to != null) {
                channel.connect(to);
                remote = to;
            }
            if (registration == null) {
                registration = SocketSelector.get().register(channel, cx.waker);
            }
        } catch (IOException | RuntimeException e) {
            throw SocketError.of(e);
        }
        liveStreams += 2;
        users += 2;
        UdpOutgoingStream out = new UdpOutgoingStream(this, registration, remote);
        registration.listener(out::onReady);
        return new UdpStreams(new UdpIncomingStream(this, registration, remote), out);
    }

    record UdpStreams(UdpIncomingStream in, UdpOutgoingStream out) {
    }

    InetSocketAddress localAddress() {
        if (!bound) {
            throw new SocketError("invalid-state");
        }
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw SocketError.of(e);
        }
    }

    InetSocketAddress remoteAddress() {
        if (remote == null) {
            throw new SocketError("invalid-state");
        }
        return remote;
    }

    <T> T getOption(SocketOption<T> option) {
        try {
            return channel.getOption(option);
        } catch (IOException | RuntimeException e) {
            throw SocketError.of(e);
        }
    }

    <T> void setOption(SocketOption<T> option, T value) {
        try {
            channel.setOption(option, value);
        } catch (IOException | RuntimeException e) {
            throw SocketError.of(e);
        }
    }

    static boolean isBufferOption(SocketOption<?> o) {
        return o == StandardSocketOptions.SO_RCVBUF || o == StandardSocketOptions.SO_SNDBUF;
    }

    /** A stream of this socket is dropped. */
    void streamDropped() {
        liveStreams--;
        release();
    }

    void release() {
        if (--users == 0 && !released) {
            released = true;
            if (registration != null) {
                registration.close();
            } else {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing cannot fail the guest
                }
            }
            cx.fsBudget().released();
        }
    }

    @Override
    public void close() {
        release();
    }
}
