package ai.wippy.runtime.wasip2;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;

/**
 * udp's {@code incoming-datagram-stream}: up to {@link #MAX_DATAGRAMS} datagrams a receive, each read
 * into a buffer of {@link UdpSocket#MAX_DATAGRAM} bytes. Datagrams from another peer than the
 * stream's are dropped (as wasmtime: the kernel's filter does not cover datagrams queued before a
 * connect), and so are IPv4 datagrams on an IPv6 socket (Java's IPv6 sockets are dual-stack; WASI's
 * are IPv6-only). Its pollable receives ahead one datagram.
 */
final class UdpIncomingStream implements AutoCloseable {

    /** As wasmtime: a receive returns at most 16 datagrams. */
    static final int MAX_DATAGRAMS = 16;

    record Datagram(byte[] data, InetSocketAddress from) {
    }

    private final UdpSocket socket;
    private final SocketSelector.Registration registration;
    private final InetSocketAddress remote;
    private final ByteBuffer buffer = ByteBuffer.allocate(UdpSocket.MAX_DATAGRAM);
    private Datagram ahead;
    private boolean dropped;

    UdpIncomingStream(UdpSocket socket, SocketSelector.Registration registration, InetSocketAddress remote) {
        this.socket = socket;
        this.registration = registration;
        this.remote = remote;
    }

    SocketAddresses.Family family() {
        return socket.family;
    }

    List<Datagram> receive(long max) {
        List<Datagram> out = new ArrayList<>();
        long limit = max < 0 ? MAX_DATAGRAMS : Math.min(max, MAX_DATAGRAMS);
        while (out.size() < limit) {
            Datagram d;
            try {
                d = next();
            } catch (SocketError e) {
                if (out.isEmpty()) {
                    throw e;
                }
                break;
            }
            if (d == null) {
                break;
            }
            out.add(d);
        }
        return out;
    }

    /** The next datagram there is now, or null (the selector is then armed). */
    private Datagram next() {
        if (ahead != null) {
            Datagram d = ahead;
            ahead = null;
            return d;
        }
        while (true) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) socket.channel.receive(buffer);
            } catch (IOException e) {
                throw SocketError.of(e);
            }
            if (from == null) {
                registration.arm(SelectionKey.OP_READ);
                return null;
            }
            if (remote != null && !remote.equals(from)
                    || socket.family == SocketAddresses.Family.IPV6 && from.getAddress() instanceof Inet4Address) {
                continue;
            }
            byte[] data = new byte[buffer.flip().remaining()];
            buffer.get(data);
            return new Datagram(data, from);
        }
    }

    Pollable pollable() {
        return () -> {
            if (ahead != null) {
                return true;
            }
            try {
                ahead = next();
            } catch (SocketError e) {
                return true; // receive reports it
            }
            return ahead != null;
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
