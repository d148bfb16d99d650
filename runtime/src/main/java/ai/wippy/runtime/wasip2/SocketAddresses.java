package ai.wippy.runtime.wasip2;

import ai.wippy.runtime.wit.WitVariant;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * wasi:sockets/network's addresses as Java's, and the checks the WIT asks of them (as wasmtime
 * makes them): the family must be the socket's, IPv4-mapped and deprecated IPv4-compatible IPv6
 * addresses are refused, a bind needs a unicast address, a remote address needs an IP that is not
 * the unspecified one and a port that is not 0.
 */
final class SocketAddresses {

    private SocketAddresses() {
    }

    /** The two families, as the WIT's ip-address-family names them. */
    enum Family {
        IPV4("ipv4", StandardProtocolFamily.INET),
        IPV6("ipv6", StandardProtocolFamily.INET6);

        final String wit;
        final ProtocolFamily java;

        Family(String wit, ProtocolFamily java) {
            this.wit = wit;
            this.java = java;
        }

        static Family of(Object witEnum) {
            return "ipv6".equals(witEnum) ? IPV6 : IPV4;
        }

        InetSocketAddress unspecified() {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(new byte[this == IPV4 ? 4 : 16]), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An ip-socket-address value: {@code ipv4({port, address})} or {@code ipv6({port, flow-info, address, scope-id})}. */
    @SuppressWarnings("unchecked")
    static InetSocketAddress socketAddress(Object value) {
        WitVariant v = (WitVariant) value;
        Map<String, Object> r = (Map<String, Object>) v.value();
        int port = ((Number) r.get("port")).intValue() & 0xffff;
        List<?> parts = (List<?>) r.get("address");
        byte[] bytes;
        if (v.caseName().equals("ipv4")) {
            bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) ((Number) parts.get(i)).intValue();
            }
        } else {
            bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                int s = ((Number) parts.get(i)).intValue();
                bytes[2 * i] = (byte) (s >> 8);
                bytes[2 * i + 1] = (byte) s;
            }
        }
        try {
            InetAddress ip;
            int scope = bytes.length == 16 ? (int) Values.u64(r.get("scope-id")) : 0;
            if (scope != 0) {
                ip = Inet6Address.getByAddress(null, bytes, scope);
            } else {
                // an IPv4-mapped address becomes an Inet4Address here, which validFamily refuses on IPv6
                ip = InetAddress.getByAddress(bytes);
            }
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ip-socket-address of a Java address; an IPv4 address seen on an IPv6 socket is written as IPv4-mapped. */
    static WitVariant toWit(InetSocketAddress a, Family family) {
        InetAddress ip = a.getAddress();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("port", a.getPort());
        if (family == Family.IPV4 && ip instanceof Inet4Address) {
            r.put("address", ipv4(ip.getAddress()));
            return new WitVariant("ipv4", r);
        }
        byte[] b = ip.getAddress();
        int scope = 0;
        if (b.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(b, 0, mapped, 12, 4);
            b = mapped;
        } else if (ip instanceof Inet6Address six) {
            scope = Math.max(0, six.getScopeId());
        }
        r.put("flow-info", 0L);
        r.put("address", ipv6(b));
        r.put("scope-id", (long) scope);
        return new WitVariant("ipv6", r);
    }

    /** An ip-address value (name lookup). */
    static WitVariant ipAddress(InetAddress ip) {
        byte[] b = ip.getAddress();
        return b.length == 4 ? new WitVariant("ipv4", ipv4(b)) : new WitVariant("ipv6", ipv6(b));
    }

    private static List<Object> ipv4(byte[] b) {
        List<Object> out = new ArrayList<>(4);
        for (byte x : b) {
            out.add(x & 0xff);
        }
        return out;
    }

    private static List<Object> ipv6(byte[] b) {
        List<Object> out = new ArrayList<>(8);
        for (int i = 0; i < 8; i++) {
            out.add(((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff));
        }
        return out;
    }

    /** The address is of the socket's family (and, for IPv6, neither IPv4-mapped nor IPv4-compatible). */
    static boolean validFamily(InetSocketAddress a, Family family) {
        byte[] b = a.getAddress().getAddress();
        if (family == Family.IPV4) {
            return b.length == 4;
        }
        if (b.length != 16) {
            return false;
        }
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return false; // IPv4-mapped
        }
        if (firstTenZero && b[10] == 0 && b[11] == 0) {
            // IPv4-compatible (::a.b.c.d, deprecated), but :: and ::1 are fine
            boolean low = b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1);
            return low;
        }
        return true;
    }

    /** Not multicast, not the IPv4 broadcast address (a bind or connect needs a unicast address). */
    static boolean unicast(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        if (ip.isMulticastAddress()) {
            return false;
        }
        byte[] b = ip.getAddress();
        return !(b.length == 4 && b[0] == -1 && b[1] == -1 && b[2] == -1 && b[3] == -1);
    }

    /** A destination: not the unspecified address, not port 0. */
    static boolean validRemote(InetSocketAddress a) {
        return !a.getAddress().isAnyLocalAddress() && a.getPort() != 0;
    }
}
