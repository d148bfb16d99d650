package ai.wippy.runtime.wasip2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.List;

/**
 * udp's {@code outgoing-datagram-stream}: check-send permits {@link #PERMITS} datagrams (as
 * wasmtime), or 0 while the kernel's send buffer was last found full (the selector then says when it
 * has room); send sends in order until one fails and reports that failure only when none was sent.
 */
final class UdpOutgoingStream implements AutoCloseable {

    static final int PERMITS = 16;

    /** One outgoing-datagram: the payload and the optional destination. */
    record Outgoing(byte[] data, InetSocketAddress to) {
    }

    private final UdpSocket socket;
    private final SocketSelector.Registration registration;
    private final InetSocketAddress remote;
    private volatile boolean full;
    private long permit;
    private boolean dropped;

    UdpOutgoingStream(UdpSocket socket, SocketSelector.Registration registration, InetSocketAddress remote) {
        this.socket = socket;
        this.registration = registration;
        this.remote = remote;
    }

    long checkSend() {
        if (full) {
            registration.arm(SelectionKey.OP_WRITE);
            permit = 0;
        } else {
            permit = PERMITS;
        }
        return permit;
    }

    long send(List<Outgoing> datagrams) {
        if (datagrams.isEmpty()) {
            return 0;
        }
        if (datagrams.size() > permit) {
            throw new WasiTrap("outgoing-datagram-stream.send of " + datagrams.size()
                    + " datagrams exceeds the " + permit + " that check-send permitted");
        }
        permit = 0;
        long sent = 0;
        for (Outgoing d : datagrams) {
            try {
                if (!sendOne(d)) {
                    break;
                }
            } catch (SocketError e) {
                if (sent == 0) {
                    throw e;
                }
                break;
            }
            sent++;
        }
        return sent;
    }

    private boolean sendOne(Outgoing d) {
        if (d.data().length > UdpSocket.MAX_DATAGRAM) {
            throw new SocketError("datagram-too-large");
        }
        InetSocketAddress to = d.to();
        if (to != null) {
            if (!SocketAddresses.validRemote(to) || !SocketAddresses.validFamily(to, socket.family)) {
                throw new SocketError("invalid-argument");
            }
            if (remote != null && !remote.equals(to)) {
                throw new SocketError("invalid-argument");
            }
        } else if (remote == null) {
            throw new SocketError("invalid-argument");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(d.data());
            int n = remote != null ? socket.channel.write(b) : socket.channel.send(b, to);
            if (n == 0 && d.data().length > 0) {
                full = true;
                registration.arm(SelectionKey.OP_WRITE);
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            throw SocketError.of(e);
        }
    }

    /** The selector saw the channel writable (its thread). */
    void onReady(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            full = false;
        }
    }

    Pollable pollable() {
        return () -> {
            if (full) {
                registration.arm(SelectionKey.OP_WRITE);
            }
            return !full;
        };
    }

    @Override
    public void close() {
        if (!dropped) {
            dropped = true;
            socket.streamDropped();
        }
    }
}
