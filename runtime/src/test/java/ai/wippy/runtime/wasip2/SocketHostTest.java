package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wippy.runtime.fs.DescriptorBudget;
import ai.wippy.runtime.fs.Sandbox;
import ai.wippy.runtime.wasi.WasiOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounds of the wasi:sockets host, below the guest: sockets count against the guest's
 * descriptor share, a TCP output stream buffers at most 64 KiB and drains it without the guest,
 * datagrams are bounded, send beyond check-send's permit traps, and the selector is one daemon
 * thread for the JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketHostTest {

    private final List<WasiContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(WasiContext::close);
    }

    private WasiContext context(long processLimit) {
        WasiOptions o = WasiOptions.builder().stdout(new ByteArrayOutputStream()).stderr(new ByteArrayOutputStream())
                .stdin(InputStream.nullInputStream())
                .sandbox(Sandbox.of("nio", DescriptorBudget.forLimit(processLimit))).build();
        WasiContext cx = new WasiContext(o);
        contexts.add(cx);
        return cx;
    }

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void socketsCountAgainstTheGuestsDescriptorShare() {
        WasiContext cx = context(256);
        int share = DescriptorBudget.forLimit(256).perGuest();
        List<AutoCloseable> held = new ArrayList<>();
        for (int i = 0; i < share; i++) {
            held.add(i % 2 == 0 ? TcpSocket.create(cx, SocketAddresses.Family.IPV4)
                    : UdpSocket.create(cx, SocketAddresses.Family.IPV4));
        }
        assertThatThrownBy(() -> TcpSocket.create(cx, SocketAddresses.Family.IPV4))
                .isInstanceOfSatisfying(SocketError.class, e -> assertThat(e.code).isEqualTo("new-socket-limit"));
        assertThatThrownBy(() -> UdpSocket.create(cx, SocketAddresses.Family.IPV4))
                .isInstanceOfSatisfying(SocketError.class, e -> assertThat(e.code).isEqualTo("new-socket-limit"));
        // another guest has a share of its own
        TcpSocket.create(context(256), SocketAddresses.Family.IPV4).close();
        ((TcpSocket) held.get(0)).close();
        TcpSocket.create(cx, SocketAddresses.Family.IPV4).close(); // a dropped socket gives its descriptor back
    }

    @Test
    void anAcceptBeyondTheShareIsNewSocketLimitAndTheConnectionWaits() throws Exception {
        WasiContext cx = context(256);
        TcpSocket listener = TcpSocket.create(cx, SocketAddresses.Family.IPV4);
        listener.startBind(LOOPBACK);
        listener.finishBind();
        listener.startListen();
        listener.finishListen();
        int port = listener.localAddress().getPort();
        List<TcpSocket> filler = new ArrayList<>();
        int share = DescriptorBudget.forLimit(256).perGuest();
        for (int i = 1; i < share; i++) {
            filler.add(TcpSocket.create(cx, SocketAddresses.Family.IPV4));
        }
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
            cx.waker.block(listener.pollable());
            assertThatThrownBy(listener::accept)
                    .isInstanceOfSatisfying(SocketError.class, e -> assertThat(e.code).isEqualTo("new-socket-limit"));
            filler.remove(0).close();
            TcpSocket.Accepted a = listener.accept();
            assertThat(a.socket().remoteAddress().getPort()).isEqualTo(peer.getLocalPort());
        }
    }

    @Test
    void aTcpOutputStreamBuffersAtMost64KiBAndDrainsItWithoutTheGuest() throws Exception {
        WasiContext cx = context(1024);
        try (ServerSocket peer = new ServerSocket()) {
            peer.bind(LOOPBACK);
            TcpSocket s = TcpSocket.create(cx, SocketAddresses.Family.IPV4);
            s.startConnect(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getLocalPort()));
            try (Socket accepted = peer.accept()) {
                cx.waker.block(s.pollable());
                TcpSocket.Streams st = s.finishConnect();
                long written = 0;
                byte[] chunk = new byte[8192];
                // the peer does not read: the kernel's buffers fill (a few MiB on loopback), then ours (64 KiB), then
                // check-write is 0
                for (int i = 0; i < 100_000; i++) {
                    long permit = st.out().checkWrite();
                    assertThat(permit).isLessThanOrEqualTo(TcpOutputStream.BUFFER);
                    if (permit == 0) {
                        break;
                    }
                    int n = (int) Math.min(permit, chunk.length);
                    st.out().write(chunk, 0, n);
                    written += n;
                }
                assertThat(st.out().checkWrite()).isZero();
                assertThat(st.out().ready().ready()).isFalse();
                assertThatThrownBy(() -> st.out().write(new byte[1], 0, 1)).isInstanceOf(WasiTrap.class);
                // the guest does nothing more: the selector's thread moves the rest as the peer reads
                accepted.setSoTimeout(10_000);
                long t0 = System.nanoTime();
                InputStream in = accepted.getInputStream();
                long read = 0;
                byte[] b = new byte[65536];
                while (read < written) {
                    int n = in.read(b);
                    assertThat(n).isPositive();
                    read += n;
                }
                assertThat(read).isEqualTo(written);
                System.out.printf("[sockets] %,d bytes written before check-write was 0, read back in %d ms%n", written,
                        (System.nanoTime() - t0) / 1_000_000);
                cx.waker.block(st.out().ready());
                assertThat(st.out().checkWrite()).isEqualTo(TcpOutputStream.BUFFER);
            }
        }
    }

    @Test
    void datagramsAreBoundedAndSendBeyondThePermitTraps() throws Exception {
        WasiContext cx = context(1024);
        UdpSocket u = UdpSocket.create(cx, SocketAddresses.Family.IPV4);
        u.startBind(LOOPBACK);
        u.finishBind();
        UdpSocket.UdpStreams st = u.stream(null);
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        UdpOutgoingStream out = st.out();
        assertThat(out.checkSend()).isEqualTo(UdpOutgoingStream.PERMITS);
        assertThatThrownBy(() -> out.send(List.of(new UdpOutgoingStream.Outgoing(new byte[65536], to))))
                .isInstanceOfSatisfying(SocketError.class, e -> assertThat(e.code).isEqualTo("datagram-too-large"));
        out.checkSend();
        // the largest UDP length, but more than IPv4 carries (65,507): the kernel's EMSGSIZE
        assertThatThrownBy(() -> out.send(List.of(new UdpOutgoingStream.Outgoing(new byte[65535], to))))
                .isInstanceOfSatisfying(SocketError.class, e -> assertThat(e.code).isEqualTo("datagram-too-large"));
        // no permit: send traps
        assertThatThrownBy(() -> out.send(List.of(new UdpOutgoingStream.Outgoing(new byte[1], to))))
                .isInstanceOf(WasiTrap.class);
        out.checkSend();
        List<UdpOutgoingStream.Outgoing> seventeen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add(new UdpOutgoingStream.Outgoing(new byte[1], to));
        }
        assertThatThrownBy(() -> out.send(seventeen)).isInstanceOf(WasiTrap.class);
        // a stream pair still held when stream is called again traps, as in wasmtime
        assertThatThrownBy(() -> u.stream(null)).isInstanceOf(WasiTrap.class);
        st.in().close();
        st.out().close();
        u.stream(null);
        assertThat(st.in().receive(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theSelectorIsOneDaemonThreadForTheJvm() throws Exception {
        for (int i = 0; i < 3; i++) {
            WasiContext cx = context(1024);
            TcpSocket s = TcpSocket.create(cx, SocketAddresses.Family.IPV4);
            s.startBind(LOOPBACK);
            s.finishBind();
            s.startListen();
            s.pollable().ready(); // registers with the selector and arms it
        }
        List<Thread> selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("wippy-wasi-sockets-selector")).toList();
        assertThat(selectors).hasSize(1);
        assertThat(selectors.get(0).isDaemon()).isTrue();
    }

    @Test
    void optionsSetBeforeListeningAreKeptAndInheritedByAcceptedSockets() throws Exception {
        WasiContext cx = context(1024);
        TcpSocket listener = TcpSocket.create(cx, SocketAddresses.Family.IPV4);
        listener.setOption(java.net.StandardSocketOptions.SO_KEEPALIVE, true);
        listener.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, 77);
        listener.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, 5);
        listener.startBind(LOOPBACK);
        listener.finishBind();
        listener.startListen();
        listener.finishListen();
        // Java's listening channel has no SO_KEEPALIVE: what was set is what the socket reports
        assertThat(listener.getOption(java.net.StandardSocketOptions.SO_KEEPALIVE, false)).isTrue();
        assertThat(listener.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, 0)).isEqualTo(77);
        try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), listener.localAddress().getPort())) {
            cx.waker.block(listener.pollable());
            TcpSocket accepted = listener.accept().socket();
            assertThat(accepted.getOption(java.net.StandardSocketOptions.SO_KEEPALIVE, false)).isTrue();
            assertThat(accepted.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, 0)).isEqualTo(77);
            assertThat(accepted.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, 0)).isEqualTo(5);
        }
        assertThatThrownBy(() -> listener.setListenBacklogSize(0))
                .isInstanceOfSatisfying(SocketError.class, e -> assertThat(e.code).isEqualTo("invalid-argument"));
    }

    @Test
    void hopLimitsReadTheSystemDefaultAndCannotBeChanged() {
        long v4 = SocketsInterfaces.defaultHopLimit(SocketAddresses.Family.IPV4);
        assertThat(v4).isBetween(1L, 255L);
    }

    @Test
    void addressesAreCheckedAsTheWitAsks() throws Exception {
        InetSocketAddress mapped = SocketAddresses.socketAddress(new ai.wippy.runtime.wit.WitVariant("ipv6",
                java.util.Map.of("port", 80, "flow-info", 0L, "scope-id", 0L,
                        "address", List.of(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1))));
        assertThat(SocketAddresses.validFamily(mapped, SocketAddresses.Family.IPV6)).isFalse();
        InetSocketAddress compatible = SocketAddresses.socketAddress(new ai.wippy.runtime.wit.WitVariant("ipv6",
                java.util.Map.of("port", 80, "flow-info", 0L, "scope-id", 0L,
                        "address", List.of(0, 0, 0, 0, 0, 0, 0x7f00, 1))));
        assertThat(SocketAddresses.validFamily(compatible, SocketAddresses.Family.IPV6)).isFalse();
        InetSocketAddress one = new InetSocketAddress(InetAddress.getByName("::1"), 80);
        assertThat(SocketAddresses.validFamily(one, SocketAddresses.Family.IPV6)).isTrue();
        assertThat(SocketAddresses.validFamily(one, SocketAddresses.Family.IPV4)).isFalse();
        assertThat(SocketAddresses.unicast(new InetSocketAddress(InetAddress.getByName("255.255.255.255"), 1))).isFalse();
        assertThat(SocketAddresses.unicast(new InetSocketAddress(InetAddress.getByName("224.0.0.1"), 1))).isFalse();
        assertThat(SocketAddresses.validRemote(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 1))).isFalse();
        // round trip of the WIT form
        assertThat(SocketAddresses.socketAddress(SocketAddresses.toWit(one, SocketAddresses.Family.IPV6))).isEqualTo(one);
    }
}
