package ai.wippy.runtime.wasip2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.wippy.runtime.Fixtures;
import ai.wippy.runtime.EngineMode;
import ai.wippy.runtime.EngineOptions;
import ai.wippy.runtime.engine.Execution;
import ai.wippy.runtime.engine.ExecutionConfig;
import ai.wippy.runtime.engine.Program;
import ai.wippy.runtime.engine.WasmCallException;
import ai.wippy.runtime.engine.WasmEngine;
import ai.wippy.runtime.wasi.WasiOptions;
import ai.wippy.runtime.wit.WitFunction;
import ai.wippy.runtime.wit.WitResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * wasi:sockets on the WASI 0.2 host, driven by a real guest (fixtures/components sockets.wasm: C over
 * the canonical ABI, see src/sockets/sockets.c) against loopback peers this test starts itself, over
 * IPv4 and IPv6 loopback: TCP both ways (the guest as client and as server), UDP both ways, name
 * lookup, the WIT's error codes in the wrong states, a guest parked in accept stopped by its
 * deadline (an interrupt, as the process host's max_execution_ms), every socket closed at Close, and
 * no network at all without the wasi:sockets grant.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WasiSocketsTest {

    /** The error-code enum of wasi:sockets/network, in order (the guest reports indexes). */
    static final List<String> CODES = List.of("unknown", "access-denied", "not-supported", "invalid-argument",
            "out-of-memory", "timeout", "concurrency-conflict", "not-in-progress", "would-block", "invalid-state",
            "new-socket-limit", "address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused",
            "connection-reset", "connection-aborted", "datagram-too-large", "name-unresolvable",
            "temporary-resolver-failure", "permanent-resolver-failure");

    static final Set<String> GRANTS = Set.of("wasi:io", "wasi:poll", "wasi:sockets");

    private static Program program;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        Path wasm = Fixtures.dir().getParent().resolve("components/wasm/sockets.wasm");
        program = WasmEngine.create(EngineOptions.builder().mode(EngineMode.INTERPRETER).build())
                .load("sockets.wasm", Files.readAllBytes(wasm));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private Execution guest(Set<String> grants) {
        WasiOptions wasi = WasiOptions.builder().stdout(new ByteArrayOutputStream()).stderr(new ByteArrayOutputStream())
                .stdin(InputStream.nullInputStream()).build();
        Execution e = program.instantiate(new ExecutionConfig(wasi, 0, grants));
        cleanup.add(e);
        return e;
    }

    private static Object call(Execution e, String function, Object... args) {
        WitFunction f = program.signature(function, null);
        return e.invoke(f, List.of(args));
    }

    private static byte[] okBytes(Object result) {
        WitResult r = (WitResult) result;
        assertThat(r.isOk()).as("result %s", describe(r)).isTrue();
        return Values.bytes(r.value());
    }

    private static int okInt(Object result) {
        WitResult r = (WitResult) result;
        assertThat(r.isOk()).as("result %s", describe(r)).isTrue();
        return ((Number) r.value()).intValue();
    }

    /** An error of the guest's: stage * 256 + error-code index (or 100 closed, 101 failed stream). */
    static String describe(WitResult r) {
        if (r.isOk()) {
            return "ok";
        }
        int e = ((Number) r.value()).intValue();
        int code = e & 0xff;
        return "stage " + (e >> 8) + ": " + (code < CODES.size() ? CODES.get(code) : code == 100 ? "stream closed"
                : "stream failed");
    }

    static String code(Object plusOne) {
        int v = ((Number) plusOne).intValue();
        return v == 0 ? "ok" : CODES.get(v - 1);
    }

    static InetAddress loopback(boolean v6) {
        try {
            return v6 ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Skips an IPv6 case where the machine has no IPv6 loopback. */
    static void requireLoopback(boolean v6) {
        if (!v6) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(loopback(true), 0));
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback on this machine (binding [::1] failed: " + e.getMessage() + ")");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ TCP

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void theGuestIsATcpClientOfAnEchoPeer(boolean v6) throws Exception {
        requireLoopback(v6);
        ServerSocket peer = new ServerSocket();
        cleanup.add(peer);
        peer.bind(new InetSocketAddress(loopback(v6), 0));
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            try (Socket s = peer.accept()) {
                byte[] got = s.getInputStream().readAllBytes(); // until the guest's shutdown(send)
                OutputStream o = s.getOutputStream();
                o.write(bytes("echo:"));
                o.write(got);
                return new String(got, StandardCharsets.UTF_8) + " from " + s.getInetAddress().getHostAddress();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] big = new byte[100_000]; // more than one write and one read
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        byte[] reply = okBytes(call(guest(GRANTS), "tcp-echo", v6, peer.getLocalPort(), big));
        assertThat(new String(reply, 0, 5, StandardCharsets.UTF_8)).isEqualTo("echo:");
        assertThat(java.util.Arrays.copyOfRange(reply, 5, reply.length)).isEqualTo(big);
        assertThat(seen.get(10, TimeUnit.SECONDS)).endsWith(" from " + (v6 ? "0:0:0:0:0:0:0:1" : "127.0.0.1"));
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void theGuestIsATcpServerAcceptingOneConnection(boolean v6) throws Exception {
        requireLoopback(v6);
        Execution e = guest(GRANTS);
        int port = okInt(call(e, "tcp-listen", v6));
        assertThat(port).isPositive();
        CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> {
            try (Socket s = new Socket(loopback(v6), port)) {
                s.getOutputStream().write(bytes("hello guest"));
                s.shutdownOutput();
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // to the guest's FIN
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
        });
        byte[] got = okBytes(call(e, "tcp-serve-one", bytes("you said: ")));
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("hello guest");
        assertThat(client.get(10, TimeUnit.SECONDS)).isEqualTo("you said: hello guest");
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void connectingToAClosedPortIsRefused(boolean v6) throws Exception {
        requireLoopback(v6);
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(loopback(v6), 0));
            port = s.getLocalPort();
        }
        assertThat(code(call(guest(GRANTS), "connect-code", v6, port))).isEqualTo("connection-refused");
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void bindingAPortInUseIsAddressInUse(boolean v6) throws Exception {
        requireLoopback(v6);
        ServerSocket peer = new ServerSocket();
        cleanup.add(peer);
        peer.bind(new InetSocketAddress(loopback(v6), 0));
        Execution e = guest(GRANTS);
        assertThat(code(call(e, "bind-code", v6, peer.getLocalPort()))).isEqualTo("address-in-use");
        // and a port the guest's own listener holds
        int port = okInt(call(e, "tcp-listen", v6));
        assertThat(code(call(e, "bind-code", v6, port))).isEqualTo("address-in-use");
        assertThat(code(call(e, "bind-code", v6, 0))).isEqualTo("ok");
    }

    /** The codes of states() (see sockets.c), as wasmtime's host gives them and tcp.wit / udp.wit name them. */
    @Test
    void callsInTheWrongStateGetTheWitsErrorCodes() {
        @SuppressWarnings("unchecked")
        List<Object> got = (List<Object>) call(guest(GRANTS), "states");
        List<String> named = new ArrayList<>();
        for (Object o : got) {
            long v = ((Number) o).longValue();
            named.add(v >= 3000 ? (v == 3100 ? "stream-closed" : "stream-failed")
                    : v >= 2000 ? "enum " + (v - 2000) : v >= 1000 ? String.valueOf(v == 1001) : code(v));
        }
        assertThat(named).isEqualTo(STATES);
    }

    static final List<String> STATES = List.of(
            "not-in-progress", "invalid-state", "invalid-state", "invalid-state", "invalid-state", "invalid-state",
            "not-in-progress", "not-in-progress", "invalid-argument", "invalid-argument", "invalid-argument",
            "invalid-argument", "ok", "concurrency-conflict", "ok", "not-in-progress", "invalid-state",
            "invalid-argument", "invalid-argument", "false", "ok", "concurrency-conflict", "ok", "invalid-state",
            "true", "would-block", "invalid-state", "ok", "true", "enum 0", "ok",
            // a connected socket
            "ok", "invalid-state", "invalid-state", "invalid-state", "ok", "ok", "ok", "stream-closed",
            // udp
            "invalid-state", "not-in-progress", "invalid-state", "invalid-argument", "ok", "concurrency-conflict",
            "ok", "invalid-state", "invalid-argument");

    // ------------------------------------------------------------------ UDP

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void theGuestSendsADatagramAndGetsTheReply(boolean v6) throws Exception {
        requireLoopback(v6);
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback(v6), 0));
        cleanup.add(peer);
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            try {
                DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
                peer.receive(p);
                String got = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                byte[] reply = bytes("re: " + got);
                peer.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                return got;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] reply = okBytes(call(guest(GRANTS), "udp-echo", v6, peer.getLocalPort(), bytes("ping")));
        assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("re: ping");
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void theGuestReceivesADatagramAndRepliesToItsSender(boolean v6) throws Exception {
        requireLoopback(v6);
        Execution e = guest(GRANTS);
        int port = okInt(call(e, "udp-bind", v6));
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback(v6), 0));
        cleanup.add(peer);
        peer.setSoTimeout(10_000);
        byte[] hello = bytes("hello udp");
        peer.send(new DatagramPacket(hello, hello.length, new InetSocketAddress(loopback(v6), port)));
        byte[] got = okBytes(call(e, "udp-reply", bytes("back: ")));
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("hello udp");
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        peer.receive(p);
        assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).isEqualTo("back: hello udp");
        assertThat(p.getPort()).isEqualTo(port);
    }

    // ------------------------------------------------------------------ name lookup

    @Test
    void localhostResolvesToALoopbackAddress() throws Exception {
        byte[] got = okBytes(call(guest(GRANTS), "lookup", "localhost"));
        List<InetAddress> addresses = decode(got);
        assertThat(addresses).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        assertThat(addresses).containsExactlyElementsOf(
                List.of(InetAddress.getAllByName("localhost")).stream().distinct().toList());
    }

    @Test
    void literalsAreParsedAndBadNamesAreInvalidArguments() throws Exception {
        Execution e = guest(GRANTS);
        assertThat(decode(okBytes(call(e, "lookup", "192.0.2.7")))).containsExactly(InetAddress.getByName("192.0.2.7"));
        assertThat(decode(okBytes(call(e, "lookup", "::1")))).containsExactly(InetAddress.getByName("::1"));
        assertThat(decode(okBytes(call(e, "lookup", "[2001:db8::1]")))).containsExactly(InetAddress.getByName("2001:db8::1"));
        WitResult bad = (WitResult) call(e, "lookup", "not a name");
        assertThat(describe(bad)).isEqualTo("stage 1: invalid-argument");
        WitResult none = (WitResult) call(e, "lookup", "no-such-host.invalid");
        assertThat(describe(none)).isEqualTo("stage 2: name-unresolvable");
    }

    static List<InetAddress> decode(byte[] b) throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (int i = 0; i < b.length;) {
            int n = b[i] == 4 ? 4 : 16;
            out.add(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, i + 1, i + 1 + n)));
            i += 1 + n;
        }
        return out;
    }

    // ------------------------------------------------------------------ deadline, close, grant

    @Test
    void aGuestParkedInAcceptIsStoppedByItsDeadline() throws Exception {
        Execution e = guest(GRANTS);
        okInt(call(e, "tcp-listen", false));
        Thread caller = Thread.currentThread();
        long t0 = System.nanoTime();
        // the process host's max_execution_ms interrupts the guest's thread: so does this
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(caller::interrupt);
        assertThatThrownBy(() -> call(e, "tcp-serve-one", bytes("")))
                .isInstanceOf(WasmCallException.class)
                .satisfies(x -> assertThat(((WasmCallException) x).reason()).isEqualTo(WasmCallException.Reason.INTERRUPTED));
        Thread.interrupted();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(250L, 5_000L);
    }

    @ParameterizedTest(name = "ipv6={0}")
    @ValueSource(booleans = {false, true})
    void closeReleasesEverySocketAndThePeerSeesTheEnd(boolean v6) throws Exception {
        requireLoopback(v6);
        ServerSocketChannel peer = ServerSocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        cleanup.add(peer);
        peer.bind(new InetSocketAddress(loopback(v6), 0));
        Execution e = guest(GRANTS);
        assertThat(okInt(call(e, "tcp-hold", v6, ((InetSocketAddress) peer.getLocalAddress()).getPort()))).isZero();
        int listening = okInt(call(e, "tcp-listen", v6));
        try (Socket accepted = peer.socket().accept()) {
            accepted.setSoTimeout(10_000);
            e.close();
            assertThat(accepted.getInputStream().read()).isEqualTo(-1); // the guest's connection ended
        }
        // and its listener is gone: connecting to it is refused. The JDK releases a channel registered
        // with a selector when the selector thread next flushes its cancelled keys (woken by the close):
        // on a loaded machine that is a few milliseconds later, so allow it a moment
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean refused = false;
        while (!refused && System.nanoTime() < until) {
            try {
                new Socket(loopback(v6), listening).close();
                Thread.sleep(10);
            } catch (java.net.ConnectException expected) {
                refused = true;
            }
        }
        assertThat(refused).as("connecting to the closed guest's listener is refused").isTrue();
    }

    @Test
    void withoutTheGrantThereIsNoNetwork() {
        Execution e = guest(Set.of("wasi:io", "wasi:poll"));
        assertThatThrownBy(() -> call(e, "connect-code", false, 80))
                .isInstanceOf(WasmCallException.class)
                .hasMessageContaining("wasi:sockets/tcp-create-socket@0.2.0#create-tcp-socket: the entry does not grant"
                        + " wasi:sockets; add it to the entry's imports (imports: [wasi:sockets])");
        // the default network is not handed out either
        Execution other = guest(Set.of("wasi:io", "wasi:poll"));
        assertThatThrownBy(() -> call(other, "lookup", "localhost"))
                .isInstanceOf(WasmCallException.class)
                .hasMessageContaining("wasi:sockets/instance-network@0.2.0#instance-network: the entry does not grant"
                        + " wasi:sockets");
    }
}
