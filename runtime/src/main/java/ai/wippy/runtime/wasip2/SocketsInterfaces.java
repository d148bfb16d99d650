package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.component.host.HostImports.HostCall;
import ai.wippy.runtime.component.types.FuncType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * wasi:sockets 0.2: {@code network}, {@code instance-network}, {@code tcp-create-socket}, {@code tcp},
 * {@code udp-create-socket}, {@code udp} and {@code ip-name-lookup}, on non-blocking NIO channels
 * whose readiness one selector thread per JVM reports ({@link SocketSelector}). Every error is the
 * WIT's {@code error-code} wasmtime gives in the same case. Sockets count against the guest's
 * descriptor share (as files do); buffers, datagrams and lookups are bounded (see each class).
 *
 * <p>Java has no unicast TTL option and cannot set {@code IPV6_V6ONLY}: {@code hop-limit} reads the
 * system's default and can be "set" only to it (else {@code not-supported}); IPv6 sockets are
 * dual-stack underneath, and the host hides it (IPv4-mapped addresses are refused, IPv4 peers of IPv6
 * listeners and datagrams from them are dropped).
 */
final class SocketsInterfaces {

    /** SO_RCVBUF/SO_SNDBUF a guest may ask for, at most (the kernel also caps it at rmem_max/wmem_max). */
    static final long MAX_BUFFER = 4L << 20;
    private static final long NANOS = 1_000_000_000L;
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Map<WasiContext, SocketNameLookup.Budget> LOOKUPS = new WeakHashMap<>();

    private SocketsInterfaces() {
    }

    /** The default network: the capability every bind, connect and lookup names. */
    static final class Network {
    }

    // ------------------------------------------------------------------ network, instance-network

    static HostCall network(String function, FuncType type, WasiContext cx) {
        if (function.equals("network-error-code")) {
            // unstable (feature network-error-code): the code of a socket stream's last-operation-failed
            return args -> {
                String debug = cx.resources.get(args.get(0), IoError.class).debug();
                if (debug == null || !debug.startsWith("socket: ")) {
                    return null;
                }
                int end = debug.indexOf(' ', "socket: ".length());
                return debug.substring("socket: ".length(), end < 0 ? debug.length() : end);
            };
        }
        return null;
    }

    static HostCall instanceNetwork(String function, FuncType type, WasiContext cx) {
        if (function.equals("instance-network")) {
            return args -> cx.resources.own(Types.own(type.result()), new Network());
        }
        return null;
    }

    // ------------------------------------------------------------------ tcp

    static HostCall tcpCreateSocket(String function, FuncType type, WasiContext cx) {
        if (function.equals("create-tcp-socket")) {
            return args -> net(() -> cx.resources.own(Types.own(type.result(), "ok"),
                    TcpSocket.create(cx, SocketAddresses.Family.of(args.get(0)))));
        }
        return null;
    }

    static HostCall tcp(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "[method]tcp-socket.start-bind" -> args -> net(() -> {
                TcpSocket s = tcp(cx, args);
                network(cx, args.get(1));
                s.startBind(SocketAddresses.socketAddress(args.get(2)));
                return null;
            });
            case "[method]tcp-socket.finish-bind" -> args -> net(() -> {
                tcp(cx, args).finishBind();
                return null;
            });
            case "[method]tcp-socket.start-connect" -> args -> net(() -> {
                TcpSocket s = tcp(cx, args);
                network(cx, args.get(1));
                s.startConnect(SocketAddresses.socketAddress(args.get(2)));
                return null;
            });
            case "[method]tcp-socket.finish-connect" -> args -> net(() -> {
                TcpSocket.Streams st = tcp(cx, args).finishConnect();
                return List.of(cx.resources.own(Types.own(type.result(), "ok", "0"), st.in()),
                        cx.resources.own(Types.own(type.result(), "ok", "1"), st.out()));
            });
            case "[method]tcp-socket.start-listen" -> args -> net(() -> {
                tcp(cx, args).startListen();
                return null;
            });
            case "[method]tcp-socket.finish-listen" -> args -> net(() -> {
                tcp(cx, args).finishListen();
                return null;
            });
            case "[method]tcp-socket.accept" -> args -> net(() -> {
                TcpSocket.Accepted a = tcp(cx, args).accept();
                return List.of(cx.resources.own(Types.own(type.result(), "ok", "0"), a.socket()),
                        cx.resources.own(Types.own(type.result(), "ok", "1"), a.streams().in()),
                        cx.resources.own(Types.own(type.result(), "ok", "2"), a.streams().out()));
            });
            case "[method]tcp-socket.local-address" -> args -> net(() -> {
                TcpSocket s = tcp(cx, args);
                return SocketAddresses.toWit(s.localAddress(), s.family);
            });
            case "[method]tcp-socket.remote-address" -> args -> net(() -> {
                TcpSocket s = tcp(cx, args);
                return SocketAddresses.toWit(s.remoteAddress(), s.family);
            });
            case "[method]tcp-socket.is-listening" -> args -> tcp(cx, args).isListening();
            case "[method]tcp-socket.address-family" -> args -> tcp(cx, args).family.wit;
            case "[method]tcp-socket.set-listen-backlog-size" -> args -> net(() -> {
                tcp(cx, args).setListenBacklogSize(Values.u64(args.get(1)));
                return null;
            });
            case "[method]tcp-socket.keep-alive-enabled" -> args -> net(() ->
                    tcp(cx, args).getOption(StandardSocketOptions.SO_KEEPALIVE, false));
            case "[method]tcp-socket.set-keep-alive-enabled" -> args -> net(() -> {
                tcp(cx, args).setOption(StandardSocketOptions.SO_KEEPALIVE, (Boolean) args.get(1));
                return null;
            });
            case "[method]tcp-socket.keep-alive-idle-time" -> args -> net(() ->
                    tcp(cx, args).getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, 7200) * NANOS);
            case "[method]tcp-socket.set-keep-alive-idle-time" -> args -> net(() -> {
                tcp(cx, args).setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, keepAliveSeconds(args.get(1)));
                return null;
            });
            case "[method]tcp-socket.keep-alive-interval" -> args -> net(() ->
                    tcp(cx, args).getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, 75) * NANOS);
            case "[method]tcp-socket.set-keep-alive-interval" -> args -> net(() -> {
                tcp(cx, args).setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, keepAliveSeconds(args.get(1)));
                return null;
            });
            case "[method]tcp-socket.keep-alive-count" -> args -> net(() ->
                    (long) tcp(cx, args).getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, 9));
            case "[method]tcp-socket.set-keep-alive-count" -> args -> net(() -> {
                long n = Values.u64(args.get(1));
                if (n == 0) {
                    throw new SocketError("invalid-argument");
                }
                // clamped as wasmtime (Linux's maximum is 127)
                tcp(cx, args).setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, (int) Math.min(127, n));
                return null;
            });
            case "[method]tcp-socket.hop-limit" -> args -> net(() -> {
                TcpSocket s = tcp(cx, args);
                s.requireOptionsState();
                return (int) defaultHopLimit(s.family);
            });
            case "[method]tcp-socket.set-hop-limit" -> args -> net(() -> {
                TcpSocket s = tcp(cx, args);
                s.requireOptionsState();
                setHopLimit(s.family, args.get(1));
                return null;
            });
            case "[method]tcp-socket.receive-buffer-size" -> args -> net(() ->
                    tcpBuffer(tcp(cx, args), StandardSocketOptions.SO_RCVBUF));
            case "[method]tcp-socket.set-receive-buffer-size" -> args -> net(() -> {
                tcp(cx, args).setOption(StandardSocketOptions.SO_RCVBUF, bufferSize(args.get(1)));
                return null;
            });
            case "[method]tcp-socket.send-buffer-size" -> args -> net(() ->
                    tcpBuffer(tcp(cx, args), StandardSocketOptions.SO_SNDBUF));
            case "[method]tcp-socket.set-send-buffer-size" -> args -> net(() -> {
                tcp(cx, args).setOption(StandardSocketOptions.SO_SNDBUF, bufferSize(args.get(1)));
                return null;
            });
            case "[method]tcp-socket.subscribe" -> args -> cx.resources.own(Types.own(type.result()),
                    tcp(cx, args).pollable());
            case "[method]tcp-socket.shutdown" -> args -> net(() -> {
                tcp(cx, args).shutdown((String) args.get(1));
                return null;
            });
            default -> null;
        };
    }

    private static TcpSocket tcp(WasiContext cx, List<Object> args) {
        return cx.resources.get(args.get(0), TcpSocket.class);
    }

    private static void network(WasiContext cx, Object handle) {
        cx.resources.get(handle, Network.class);
    }

    /** A keep-alive duration in whole seconds, clamped as wasmtime (1 s to Linux's 32767 s). */
    private static int keepAliveSeconds(Object duration) {
        long ns = Values.u64(duration);
        if (ns == 0) {
            throw new SocketError("invalid-argument");
        }
        return (int) Math.max(1, Math.min(Short.MAX_VALUE, ns / NANOS));
    }

    /** A buffer size to set: 0 is invalid-argument, the rest is clamped to 1 B .. {@link #MAX_BUFFER}. */
    private static int bufferSize(Object value) {
        long v = Values.u64(value);
        if (v == 0) {
            throw new SocketError("invalid-argument");
        }
        return (int) Math.min(MAX_BUFFER, v < 0 ? MAX_BUFFER : v);
    }

    private static long tcpBuffer(TcpSocket s, SocketOption<Integer> option) {
        // Linux reports twice what was set (its bookkeeping); halved, as wasmtime, to be what was asked
        return s.getOption(option, 0) / 2L;
    }

    /** The system's default unicast hop limit (what a new socket has; Java cannot change it). */
    static long defaultHopLimit(SocketAddresses.Family family) {
        Path p = Path.of(family == SocketAddresses.Family.IPV4 ? "/proc/sys/net/ipv4/ip_default_ttl"
                : "/proc/sys/net/ipv6/conf/default/hop_limit");
        try {
            long v = Long.parseLong(Files.readString(p).trim());
            if (v > 0 && v < 256) {
                return v;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: the usual default
        }
        return 64;
    }

    private static void setHopLimit(SocketAddresses.Family family, Object value) {
        long v = ((Number) value).longValue();
        if (v == 0) {
            throw new SocketError("invalid-argument");
        }
        if (v != defaultHopLimit(family)) {
            throw new SocketError("not-supported"); // Java has no IP_TTL / IPV6_UNICAST_HOPS for unicast
        }
    }

    // ------------------------------------------------------------------ udp

    static HostCall udpCreateSocket(String function, FuncType type, WasiContext cx) {
        if (function.equals("create-udp-socket")) {
            return args -> net(() -> cx.resources.own(Types.own(type.result(), "ok"),
                    UdpSocket.create(cx, SocketAddresses.Family.of(args.get(0)))));
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static HostCall udp(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "[method]udp-socket.start-bind" -> args -> net(() -> {
                UdpSocket s = udp(cx, args);
                network(cx, args.get(1));
                s.startBind(SocketAddresses.socketAddress(args.get(2)));
                return null;
            });
            case "[method]udp-socket.finish-bind" -> args -> net(() -> {
                udp(cx, args).finishBind();
                return null;
            });
            case "[method]udp-socket.stream" -> args -> net(() -> {
                UdpSocket s = udp(cx, args);
                InetSocketAddress to = args.get(1) == null ? null : SocketAddresses.socketAddress(args.get(1));
                UdpSocket.UdpStreams st = s.stream(to);
                return List.of(cx.resources.own(Types.own(type.result(), "ok", "0"), st.in()),
                        cx.resources.own(Types.own(type.result(), "ok", "1"), st.out()));
            });
            case "[method]udp-socket.local-address" -> args -> net(() -> {
                UdpSocket s = udp(cx, args);
                return SocketAddresses.toWit(s.localAddress(), s.family);
            });
            case "[method]udp-socket.remote-address" -> args -> net(() -> {
                UdpSocket s = udp(cx, args);
                return SocketAddresses.toWit(s.remoteAddress(), s.family);
            });
            case "[method]udp-socket.address-family" -> args -> udp(cx, args).family.wit;
            case "[method]udp-socket.unicast-hop-limit" -> args -> net(() -> (int) defaultHopLimit(udp(cx, args).family));
            case "[method]udp-socket.set-unicast-hop-limit" -> args -> net(() -> {
                setHopLimit(udp(cx, args).family, args.get(1));
                return null;
            });
            case "[method]udp-socket.receive-buffer-size" -> args -> net(() ->
                    udp(cx, args).getOption(StandardSocketOptions.SO_RCVBUF) / 2L);
            case "[method]udp-socket.set-receive-buffer-size" -> args -> net(() -> {
                udp(cx, args).setOption(StandardSocketOptions.SO_RCVBUF, bufferSize(args.get(1)));
                return null;
            });
            case "[method]udp-socket.send-buffer-size" -> args -> net(() ->
                    udp(cx, args).getOption(StandardSocketOptions.SO_SNDBUF) / 2L);
            case "[method]udp-socket.set-send-buffer-size" -> args -> net(() -> {
                udp(cx, args).setOption(StandardSocketOptions.SO_SNDBUF, bufferSize(args.get(1)));
                return null;
            });
            // as wasmtime: none of the socket's own operations waits
            case "[method]udp-socket.subscribe" -> args -> cx.resources.own(Types.own(type.result()), Pollable.READY);
            case "[method]incoming-datagram-stream.receive" -> args -> net(() -> {
                UdpIncomingStream s = cx.resources.get(args.get(0), UdpIncomingStream.class);
                long max = Values.u64(args.get(1));
                List<Object> out = new ArrayList<>();
                for (UdpIncomingStream.Datagram d : s.receive(max)) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("data", d.data());
                    r.put("remote-address", SocketAddresses.toWit(d.from(), udpFamily(s)));
                    out.add(r);
                }
                return out;
            });
            case "[method]incoming-datagram-stream.subscribe" -> args -> cx.resources.own(Types.own(type.result()),
                    cx.resources.get(args.get(0), UdpIncomingStream.class).pollable());
            case "[method]outgoing-datagram-stream.check-send" -> args -> net(() ->
                    cx.resources.get(args.get(0), UdpOutgoingStream.class).checkSend());
            case "[method]outgoing-datagram-stream.send" -> args -> net(() -> {
                UdpOutgoingStream s = cx.resources.get(args.get(0), UdpOutgoingStream.class);
                List<UdpOutgoingStream.Outgoing> datagrams = new ArrayList<>();
                for (Object o : (List<Object>) args.get(1)) {
                    Map<String, Object> r = (Map<String, Object>) o;
                    Object to = r.get("remote-address");
                    datagrams.add(new UdpOutgoingStream.Outgoing(Values.bytes(r.get("data")),
                            to == null ? null : SocketAddresses.socketAddress(to)));
                }
                return s.send(datagrams);
            });
            case "[method]outgoing-datagram-stream.subscribe" -> args -> cx.resources.own(Types.own(type.result()),
                    cx.resources.get(args.get(0), UdpOutgoingStream.class).pollable());
            default -> null;
        };
    }

    private static UdpSocket udp(WasiContext cx, List<Object> args) {
        return cx.resources.get(args.get(0), UdpSocket.class);
    }

    private static SocketAddresses.Family udpFamily(UdpIncomingStream s) {
        return s.family();
    }

    // ------------------------------------------------------------------ ip-name-lookup

    static HostCall ipNameLookup(String function, FuncType type, WasiContext cx) {
        return switch (function) {
            case "resolve-addresses" -> {
                SocketNameLookup.Budget budget = lookupBudget(cx);
                yield args -> net(() -> {
                    network(cx, args.get(0));
                    return cx.resources.own(Types.own(type.result(), "ok"),
                            SocketNameLookup.resolve(cx, budget, (String) args.get(1)));
                });
            }
            case "[method]resolve-address-stream.resolve-next-address" -> args -> net(() -> {
                InetAddress a = cx.resources.get(args.get(0), SocketNameLookup.Stream.class).nextAddress();
                return a == null ? null : SocketAddresses.ipAddress(a);
            });
            case "[method]resolve-address-stream.subscribe" -> args -> cx.resources.own(Types.own(type.result()),
                    cx.resources.get(args.get(0), SocketNameLookup.Stream.class).pollable());
            default -> null;
        };
    }

    private static SocketNameLookup.Budget lookupBudget(WasiContext cx) {
        LOCK.lock();
        try {
            return LOOKUPS.computeIfAbsent(cx, k -> new SocketNameLookup.Budget());
        } finally {
            LOCK.unlock();
        }
    }

    // ------------------------------------------------------------------ results

    /** Runs a call whose WIT result is {@code result<T, error-code>}. */
    private static Object net(Supplier<Object> body) {
        try {
            return Values.ok(body.get());
        } catch (SocketError e) {
            return Values.err(e.code);
        }
    }
}
